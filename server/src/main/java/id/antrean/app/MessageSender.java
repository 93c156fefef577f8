package id.antrean.app;

import java.util.List;

import id.antrean.domain.NoticeKind;
import id.antrean.domain.ProviderAnswer;

/** The messaging provider as the dispatcher needs it (the WhatsApp Business Cloud API). */
public interface MessageSender {
    /** One template message to one number. {@code reference} comes back with its delivery statuses. */
    record Outgoing(String reference, String to, NoticeKind kind, String language, List<String> parameters) {
    }

    /** Whether the provider's number, token and secrets are set; without them nothing is queued or sent. */
    boolean configured();

    /** Sends one message; never throws for the provider's answers, only classifies them. */
    ProviderAnswer send(Outgoing message);
}
