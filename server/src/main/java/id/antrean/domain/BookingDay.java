package id.antrean.domain;

import java.time.LocalDate;

/**
 * The day a ticket is for, and from which minute of it slots still count: now for today, the
 * start of the day for a later day.
 */
public record BookingDay(LocalDate day, boolean today, int fromMinute) {
}
