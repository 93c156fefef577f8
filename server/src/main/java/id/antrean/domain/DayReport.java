package id.antrean.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One day's figures of an office. Times are in minutes (null when nothing was measured);
 * {@code ticketsPerHour} has 24 entries, hour 0–23 in the office's zone.
 */
public record DayReport(LocalDate day, int issued, int served, int noShow, int refusedAtDoor, int refusedAtCounter,
                        int cancelled, Double waitMedian, Double waitP90, Double serviceMedian, Double serviceP90,
                        List<Integer> ticketsPerHour) {
    public DayReport {
        ticketsPerHour = List.copyOf(ticketsPerHour);
    }
}
