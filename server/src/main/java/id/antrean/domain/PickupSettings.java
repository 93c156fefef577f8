package id.antrean.domain;

import java.util.Map;

/**
 * How an office runs document pickups, apart from the recording quota: pickup slots of their own
 * length and capacity inside the office's opening hours, a day's capacity, how far ahead
 * appointments go, and when an uncollected document is reminded about and returned to the archive.
 *
 * @param leadDays         the first day an appointment may fall on, counted from the day of registration
 *                         (1: tomorrow, so a resident always has a day's notice)
 * @param overdueDays      days after the appointment day without collection before the first reminder
 * @param secondReminderDays days after the first reminder before the second
 * @param archiveDays      days after the second reminder before the document goes back to the archive
 * @param counterServes    per counter id what it calls residents for; a counter not listed serves both
 */
public record PickupSettings(int slotMinutes, int slotCapacity, int dayCapacity, int horizonDays, int leadDays,
                             int overdueDays, int secondReminderDays, int archiveDays,
                             Map<String, CounterServes> counterServes) {
    public static final PickupSettings DEFAULTS = new PickupSettings(30, 10, 100, 14, 1, 3, 4, 7, Map.of());

    public PickupSettings {
        counterServes = Map.copyOf(counterServes);
    }

    public CounterServes serves(String counterId) {
        return counterServes.getOrDefault(counterId, CounterServes.BOTH);
    }
}
