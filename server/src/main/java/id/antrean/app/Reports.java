package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import id.antrean.domain.DayReport;
import id.antrean.domain.Office;
import id.antrean.domain.Percentile;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.storage.ReportStore;

/**
 * The office's daily figures for supervisors. Wait is counted from the later of issue and slot start
 * to the first call (a ticket booked days ahead has not been waiting all that time); service time
 * from start (SERVING) to the end of the ticket. Every day of the range is listed, empty ones with zeros.
 */
public final class Reports {
    public static final int MAX_DAYS = 92;

    private final Offices offices;
    private final ReportStore store;
    private final Clock clock;

    public Reports(Offices offices, ReportStore store, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.clock = clock;
    }

    public LocalDate today(String officeId) {
        return clock.instant().atZone(offices.get(officeId).zone()).toLocalDate();
    }

    public List<DayReport> daily(String officeId, LocalDate from, LocalDate to) {
        Office office = offices.get(officeId);
        checkRange(from, to);
        ZoneId zone = office.zone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();

        Map<LocalDate, ReportStore.DayCounts> counts = new HashMap<>();
        store.dayCounts(officeId, from, to).forEach(c -> counts.put(c.day(), c));
        Map<LocalDate, Integer> refusedAtDoor = new HashMap<>();
        store.healthRefusals(officeId, start, end)
                .forEach(at -> refusedAtDoor.merge(at.atZone(zone).toLocalDate(), 1, Integer::sum));
        Map<LocalDate, List<Double>> waits = new HashMap<>();
        Map<LocalDate, List<Double>> services = new HashMap<>();
        Map<LocalDate, int[]> hours = new HashMap<>();
        for (ReportStore.TicketTimes t : store.ticketTimes(officeId, from, to, start, end)) {
            Instant dayStart = t.day().atStartOfDay(zone).toInstant();
            Instant slotStart = t.slotStartMinute() == null ? t.issuedAt() : dayStart.plus(t.slotStartMinute(), ChronoUnit.MINUTES);
            // The hour the ticket joined the day's queue: when it was issued, or its slot for one booked before the day.
            Instant joined = t.issuedAt().isBefore(dayStart) ? slotStart : t.issuedAt();
            hours.computeIfAbsent(t.day(), d -> new int[24])[joined.atZone(zone).getHour()]++;
            if (t.firstCalledAt() != null) {
                Instant from0 = slotStart.isAfter(t.issuedAt()) ? slotStart : t.issuedAt();
                waits.computeIfAbsent(t.day(), d -> new ArrayList<>()).add(minutes(from0, t.firstCalledAt()));
            }
            if (t.servingAt() != null && t.finishedAt() != null) {
                services.computeIfAbsent(t.day(), d -> new ArrayList<>()).add(minutes(t.servingAt(), t.finishedAt()));
            }
        }
        List<DayReport> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ReportStore.DayCounts c = counts.getOrDefault(d, new ReportStore.DayCounts(d, 0, 0, 0, 0, 0));
            List<Double> w = waits.getOrDefault(d, List.of());
            List<Double> s = services.getOrDefault(d, List.of());
            int[] h = hours.getOrDefault(d, new int[24]);
            days.add(new DayReport(d, c.issued(), c.served(), c.noShow(), refusedAtDoor.getOrDefault(d, 0), c.refused(),
                    c.cancelled(), Percentile.of(w, 50), Percentile.of(w, 90), Percentile.of(s, 50), Percentile.of(s, 90),
                    java.util.Arrays.stream(h).boxed().toList()));
        }
        return days;
    }

    /** Minutes to one decimal; a clock set back never gives a negative time. */
    private static double minutes(Instant a, Instant b) {
        long millis = Math.max(0, Duration.between(a, b).toMillis());
        return Math.round(millis / 6_000.0) / 10.0;
    }

    static void checkRange(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_RANGE,
                    Text.of("Tanggal awal (from) harus sebelum atau sama dengan tanggal akhir (to).",
                            "The start date (from) must not be after the end date (to)."),
                    Map.of("from", from.toString(), "to", to.toString())));
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_RANGE,
                    Text.of("Rentang paling panjang " + MAX_DAYS + " hari; yang diminta " + days + " hari.",
                            "The range may span at most " + MAX_DAYS + " days; " + days + " were asked for."),
                    Map.of("from", from.toString(), "to", to.toString(), "maxDays", MAX_DAYS)));
        }
    }
}
