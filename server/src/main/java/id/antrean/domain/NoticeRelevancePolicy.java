package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a queued message still means something when its turn to be sent comes. A message the
 * events have overtaken (turn near, after the resident was called) is dropped, never sent late.
 */
public final class NoticeRelevancePolicy {
    /** Past this age any message is news no longer. */
    public static final Duration MAX_AGE = Duration.ofHours(12);

    private NoticeRelevancePolicy() {
    }

    /** Empty when the message should go out now; else why it is dropped. */
    public static Optional<String> staleReason(NoticeKind kind, TicketState now, Instant dueSince, Instant at) {
        if (dueSince.plus(MAX_AGE).isBefore(at)) {
            return Optional.of("too old");
        }
        boolean fits = switch (kind) {
            case ISSUED, TURN_NEAR, REMINDER_EVENING, REMINDER_HOUR -> now.isWaiting();
            case ADMITTED -> now == TicketState.ADMITTED;
            case CALLED, RECALLED -> now == TicketState.CALLED;
            case NO_SHOW -> now == TicketState.NO_SHOW;
            case REFUSED -> now == TicketState.REFUSED;
            case CANCELLED -> now == TicketState.CANCELLED;
            // About a document, never a ticket: PickupNoticeParameters.staleReason decides for these.
            case PICKUP_READY, PICKUP_MOVED, PICKUP_REMINDER, PICKUP_LAST_REMINDER, PICKUP_ARCHIVED -> false;
        };
        return fits ? Optional.empty() : Optional.of("ticket is now " + now.name());
    }
}
