package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Calling one number chosen by staff (not the next in line). A resident in the waiting room may be
 * called at once; one still outside is let in early and called, but only while the room has space
 * (physical distancing). One already at a counter cannot be called away from it: that is a transfer.
 */
public final class CallPolicy {
    private CallPolicy() {
    }

    /**
     * @param present residents in the room now (admitted, called or being served)
     * @param capacity the room's capacity
     * @param counterName the name of the counter the ticket is at, when it is at one
     */
    public static Optional<Rejection> check(Ticket t, int present, int capacity, String counterName) {
        switch (t.state()) {
            case ADMITTED -> {
                return Optional.empty();
            }
            case BOOKED -> {
                if (present < capacity) {
                    return Optional.empty();
                }
                return Optional.of(Rejection.of(RejectionCode.ROOM_FULL,
                        Text.of("Ruang tunggu penuh (" + present + " / " + capacity + "). " + t.number()
                                        + " belum dapat dipanggil masuk.",
                                "The waiting room is full (" + present + " / " + capacity + "). " + t.number()
                                        + " cannot be called in yet."),
                        Map.of("number", t.number(), "present", present, "capacity", capacity)));
            }
            case CALLED, SERVING -> {
                String where = counterName == null ? "loket lain" : counterName;
                return Optional.of(Rejection.of(RejectionCode.ALREADY_CALLED,
                        Text.of(t.number() + " sudah dipanggil ke " + where + ".",
                                t.number() + " has already been called to " + (counterName == null ? "another counter" : counterName) + "."),
                        Map.of("number", t.number(), "state", t.state().name(),
                                "counter", t.counterId() == null ? "" : t.counterId())));
            }
            default -> {
                return TransitionPolicy.check(t.state(), TicketState.CALLED);
            }
        }
    }
}
