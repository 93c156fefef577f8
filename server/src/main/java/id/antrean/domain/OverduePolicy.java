package id.antrean.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What happens to a document not collected after its appointment: {@code overdueDays} after the
 * appointment day a reminder, {@code secondReminderDays} later a second one, {@code archiveDays}
 * after that it goes back to the archive (the resident then asks the office over WhatsApp).
 * A new appointment (moved from the link) starts the count again.
 */
public final class OverduePolicy {
    public enum Step { REMINDER, LAST_REMINDER, ARCHIVE }

    private OverduePolicy() {
    }

    public static Optional<Step> due(PickupDocument d, LocalDate today, PickupSettings s) {
        if (d.state() != PickupState.READY) {
            return Optional.empty();
        }
        LocalDate first = d.day().plusDays(s.overdueDays());
        LocalDate second = first.plusDays(s.secondReminderDays());
        LocalDate archive = second.plusDays(s.archiveDays());
        return switch (d.remindersSent()) {
            case 0 -> today.isBefore(first) ? Optional.empty() : Optional.of(Step.REMINDER);
            case 1 -> today.isBefore(second) ? Optional.empty() : Optional.of(Step.LAST_REMINDER);
            default -> today.isBefore(archive) ? Optional.empty() : Optional.of(Step.ARCHIVE);
        };
    }

    /** Overdue: not collected {@code overdueDays} after the appointment day. */
    public static boolean overdue(PickupDocument d, LocalDate today, PickupSettings s) {
        return d.state() == PickupState.READY && !today.isBefore(d.day().plusDays(s.overdueDays()));
    }
}
