package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/** A ticket moves only along the lifecycle's arrows; anything else is INVALID_STATE. */
public final class TransitionPolicy {
    private TransitionPolicy() {
    }

    public static Optional<Rejection> check(TicketState from, TicketState to) {
        if (from.canMoveTo(to)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(RejectionCode.INVALID_STATE,
                Text.of("Tiket ini sedang berstatus \"" + from.label().id() + "\" dan tidak dapat menjadi \""
                                + to.label().id() + "\".",
                        "This ticket is \"" + from.label().en() + "\" and cannot become \"" + to.label().en() + "\"."),
                Map.of("state", from.name(), "requested", to.name())));
    }
}
