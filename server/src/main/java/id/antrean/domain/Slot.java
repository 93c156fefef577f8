package id.antrean.domain;

import java.time.LocalTime;

/** A time slot of a day, in minutes after the office's local midnight. */
public record Slot(int startMinute, int endMinute) {
    public LocalTime start() {
        return LocalTime.MIN.plusMinutes(startMinute);
    }

    public LocalTime end() {
        return endMinute >= 24 * 60 ? LocalTime.MAX.withSecond(0).withNano(0) : LocalTime.MIN.plusMinutes(endMinute);
    }

    public static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
