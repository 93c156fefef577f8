package id.antrean.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket is in its day. Residents wait outside (BOOKED) until there is room for them in
 * the waiting room (ADMITTED), are called to a counter (CALLED), served once staff have checked
 * their PPE (SERVING), and end in one of the final states.
 */
public enum TicketState {
    BOOKED(Text.of("Menunggu di luar", "Waiting outside")),
    ADMITTED(Text.of("Silakan masuk ke ruang tunggu", "Please come into the waiting room")),
    CALLED(Text.of("Dipanggil ke loket", "Called to a counter")),
    SERVING(Text.of("Sedang dilayani", "Being served")),
    DONE(Text.of("Selesai", "Done")),
    NO_SHOW(Text.of("Tidak hadir", "Did not show up")),
    REFUSED(Text.of("Ditolak", "Refused")),
    CANCELLED(Text.of("Dibatalkan", "Cancelled"));

    private final Text label;

    TicketState(Text label) {
        this.label = label;
    }

    public Text label() {
        return label;
    }

    /** The states a ticket may move to from this one; a call may be repeated (recall). */
    public Set<TicketState> next() {
        return switch (this) {
            case BOOKED -> EnumSet.of(ADMITTED, CANCELLED);
            case ADMITTED -> EnumSet.of(CALLED, CANCELLED);
            case CALLED -> EnumSet.of(CALLED, SERVING, NO_SHOW, REFUSED);
            case SERVING -> EnumSet.of(DONE, REFUSED);
            case DONE, NO_SHOW, REFUSED, CANCELLED -> EnumSet.noneOf(TicketState.class);
        };
    }

    public boolean canMoveTo(TicketState target) {
        return next().contains(target);
    }

    /** Still part of today's queue: counts for the one-ticket-per-NIK rule. */
    public boolean isActive() {
        return !isFinal();
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Still in the queue, outside or in the room and not yet called: these have a position. */
    public boolean isWaiting() {
        return this == BOOKED || this == ADMITTED;
    }

    /** Inside the building: these count against the waiting room's capacity. */
    public boolean isInRoom() {
        return this == ADMITTED || this == CALLED || this == SERVING;
    }

    /** A resident may cancel only while not yet called. */
    public boolean isCancellable() {
        return canMoveTo(CANCELLED);
    }

    public static Set<TicketState> inRoom() {
        return EnumSet.of(ADMITTED, CALLED, SERVING);
    }
}
