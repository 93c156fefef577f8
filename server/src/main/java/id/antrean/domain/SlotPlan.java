package id.antrean.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots of one day: each opening interval cut into slots of the configured length, the last
 * one shortened to the closing time. The layout number tells one day's layout from another, so
 * a change of hours or slot length starts fresh slots instead of mixing two layouts.
 */
public record SlotPlan(List<Slot> slots, int layout) {
    public SlotPlan {
        slots = List.copyOf(slots);
    }

    public static SlotPlan of(OfficeSettings settings, LocalDate day) {
        return of(settings, day, settings.slotMinutes());
    }

    /** The day's opening hours cut into slots of another length (document pickups have their own). */
    public static SlotPlan of(OfficeSettings settings, LocalDate day, int slotMinutes) {
        List<Slot> slots = new ArrayList<>();
        for (OpeningInterval interval : settings.hoursOn(day)) {
            int open = interval.open().toSecondOfDay() / 60;
            int close = interval.close().toSecondOfDay() / 60;
            for (int start = open; start < close; start += slotMinutes) {
                slots.add(new Slot(start, Math.min(start + slotMinutes, close)));
            }
        }
        return new SlotPlan(slots, slots.hashCode() * 31 + slotMinutes);
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Slots that have not ended at the given minute of the day. */
    public List<Slot> notEndedAt(int minuteOfDay) {
        return slots.stream().filter(s -> s.endMinute() > minuteOfDay).toList();
    }
}
