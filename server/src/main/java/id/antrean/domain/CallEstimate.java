package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a waiting resident can expect to be called: not before the slot starts, and not before the
 * people ahead have been served by the open counters.
 */
public final class CallEstimate {
    private CallEstimate() {
    }

    public static Instant at(Instant now, ZoneId zone, LocalDate day, Slot slot, int peopleAhead, int counters,
                             Duration perResident) {
        Instant slotStart = day.atStartOfDay(zone).plusMinutes(slot.startMinute()).toInstant();
        int rounds = (peopleAhead + Math.max(1, counters) - 1) / Math.max(1, counters);
        Instant byQueue = now.plus(perResident.multipliedBy(rounds));
        Instant estimate = byQueue.isAfter(slotStart) ? byQueue : slotStart;
        return estimate.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }
}
