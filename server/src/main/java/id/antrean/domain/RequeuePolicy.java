package id.antrean.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A resident marked "did not show up" who arrives later the same day may be put back in the queue
 * at the place their slot gives them. Not on a later day: their slot and the day's quota are gone.
 */
public final class RequeuePolicy {
    private RequeuePolicy() {
    }

    public static Optional<Rejection> check(Ticket t, LocalDate today) {
        if (t.state() != TicketState.NO_SHOW) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of("Hanya tiket \"" + TicketState.NO_SHOW.label().id() + "\" dapat dikembalikan ke antrean; "
                                    + t.number() + " berstatus \"" + t.state().label().id() + "\".",
                            "Only a ticket that \"" + TicketState.NO_SHOW.label().en() + "\" can return to the queue; "
                                    + t.number() + " is \"" + t.state().label().en() + "\"."),
                    Map.of("state", t.state().name(), "requested", "BOOKED")));
        }
        if (!t.day().equals(today)) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of(t.number() + " adalah tiket tanggal " + t.day() + ": hanya tiket hari ini dapat dikembalikan ke antrean.",
                            t.number() + " is a ticket of " + t.day() + ": only today's tickets can return to the queue."),
                    Map.of("state", t.state().name(), "requested", "BOOKED", "day", t.day().toString())));
        }
        return Optional.empty();
    }
}
