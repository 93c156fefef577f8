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

    /** Tickets ended per counter or per staff member over a range, with the mean service time of those served. */
    public record Row(String key, String name, int served, int noShow, int refused, Double meanServiceMinutes) {
    }

    /** Refusals of one reason: at the door (kiosk, health protocol) or at a counter. */
    public record Refusals(String place, String reason, id.antrean.domain.Text label, int count) {
    }

    public record Breakdown(LocalDate from, LocalDate to, List<Row> counters, List<Row> staff, List<Refusals> refusals) {
    }

    /**
     * Who served how many and how long, per counter and per staff member, and why residents were
     * turned away, over a range of days (the same range rule as the daily report).
     */
    public Breakdown breakdown(String officeId, LocalDate from, LocalDate to) {
        Office office = offices.get(officeId);
        checkRange(from, to);
        ZoneId zone = office.zone();
        List<Row> counters = new ArrayList<>();
        for (ReportStore.Served s : store.byCounter(officeId, from, to)) {
            String name = office.settings().counter(s.key()).map(id.antrean.domain.Counter::name).orElse("Loket " + s.key());
            counters.add(new Row(s.key(), name, s.served(), s.noShow(), s.refused(), s.meanServiceMinutes()));
        }
        List<Row> staff = store.byStaff(officeId, from, to).stream()
                .map(s -> new Row(s.key(), s.key(), s.served(), s.noShow(), s.refused(), s.meanServiceMinutes())).toList();
        java.util.Map<String, Refusals> refusals = new java.util.LinkedHashMap<>();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        for (List<String> missing : store.doorRefusals(officeId, start, end)) {
            for (String item : missing) {
                id.antrean.domain.Text label = doorLabel(office, item);
                refusals.merge("DOOR|" + item, new Refusals("DOOR", item, label, 1),
                        (a, b) -> new Refusals(a.place(), a.reason(), a.label(), a.count() + 1));
            }
        }
        store.refusalTexts(officeId, from, to).forEach((text, n) -> {
            id.antrean.domain.RefusalReason r = id.antrean.domain.RefusalReason.ofStored(text);
            refusals.merge("COUNTER|" + r.code(), new Refusals("COUNTER", r.code(), r.label(), n),
                    (a, b) -> new Refusals(a.place(), a.reason(), a.label(), a.count() + b.count()));
        });
        List<Refusals> sorted = new ArrayList<>(refusals.values());
        sorted.sort(java.util.Comparator.comparing(Refusals::place).thenComparing(java.util.Comparator.comparingInt(Refusals::count).reversed()));
        return new Breakdown(from, to, counters, staff, sorted);
    }

    /** A checklist item missing at the kiosk, in the words of the counter's reasons where they match. */
    private static id.antrean.domain.Text doorLabel(Office office, String item) {
        return switch (item) {
            case "MASK" -> id.antrean.domain.RefusalReason.byCode("NO_MASK").orElseThrow().label();
            case "GLOVES" -> id.antrean.domain.RefusalReason.byCode("NO_GLOVES").orElseThrow().label();
            case "NO_SYMPTOMS" -> id.antrean.domain.RefusalReason.byCode("SYMPTOMS").orElseThrow().label();
            default -> office.settings().checklist().stream().filter(c -> c.code().equals(item)).findFirst()
                    .map(id.antrean.domain.ChecklistItem::label).orElse(id.antrean.domain.Text.of(item, item));
        };
    }
}
