package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a resident was, and when, inside the office: in the waiting room from admission until
 * first called (or until the ticket ended, when never called), then at a counter until the ticket
 * ended. A resident who did not come when called (NO_SHOW) is counted in the room until the call
 * and never at the counter. Times not yet over (still inside) run until {@code now}.
 */
public record ContactOverlap(Instant roomFrom, Instant roomTo, String counterId, Instant counterFrom, Instant counterTo) {

    public static ContactOverlap of(Ticket t, Instant firstCalledAt, Instant now) {
        if (t.admittedAt() == null) {
            return new ContactOverlap(null, null, null, null, null);
        }
        Instant end = t.finishedAt() != null ? t.finishedAt() : now;
        Instant called = firstCalledAt != null ? firstCalledAt : t.calledAt();
        Instant roomTo = called != null && called.isBefore(end) ? called : end;
        boolean atCounter = called != null && t.state() != TicketState.NO_SHOW && t.counterId() != null;
        return new ContactOverlap(t.admittedAt(), roomTo, atCounter ? t.counterId() : null, atCounter ? called : null,
                atCounter ? end : null);
    }

    /** Time both spent in the waiting room at once. */
    public Duration inRoomWith(ContactOverlap other) {
        return overlap(roomFrom, roomTo, other.roomFrom, other.roomTo);
    }

    /** Time both spent at the same counter at once (one resident at a time: only around a hand-over). */
    public Duration atSameCounterWith(ContactOverlap other) {
        if (counterId == null || !counterId.equals(other.counterId)) {
            return Duration.ZERO;
        }
        return overlap(counterFrom, counterTo, other.counterFrom, other.counterTo);
    }

    /** Whole minutes, a started minute counted as one: a short meeting is never reported as none. */
    public static long minutes(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return 0;
        }
        return (d.toSeconds() + 59) / 60;
    }

    private static Duration overlap(Instant aFrom, Instant aTo, Instant bFrom, Instant bTo) {
        if (aFrom == null || aTo == null || bFrom == null || bTo == null) {
            return Duration.ZERO;
        }
        Instant from = aFrom.isAfter(bFrom) ? aFrom : bFrom;
        Instant to = aTo.isBefore(bTo) ? aTo : bTo;
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
}
