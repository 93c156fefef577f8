package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Handing a resident at one counter to another (e.g. the recording device of the first failed).
 * Only a ticket at a counter can be handed on, to another open counter; it arrives there called,
 * and that counter checks the PPE again before it starts.
 */
public final class TransferPolicy {
    private TransferPolicy() {
    }

    public static Optional<Rejection> check(Ticket t, Counter target, CounterStatus targetStatus) {
        if (t.state() != TicketState.CALLED && t.state() != TicketState.SERVING) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of("Hanya tiket yang sedang di loket dapat dialihkan; " + t.number() + " berstatus \""
                                    + t.state().label().id() + "\".",
                            "Only a ticket at a counter can be transferred; " + t.number() + " is \""
                                    + t.state().label().en() + "\"."),
                    Map.of("state", t.state().name(), "requested", "TRANSFER")));
        }
        if (target.id().equals(t.counterId())) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of(t.number() + " sudah di " + target.name() + ". Pilih loket lain.",
                            t.number() + " is already at " + target.name() + ". Choose another counter."),
                    Map.of("field", "counter")));
        }
        return CounterOpenPolicy.check(target, targetStatus);
    }
}
