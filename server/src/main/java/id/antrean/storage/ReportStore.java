package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the daily reports read: counts per day, each ticket's times, and refusals at the door. */
public final class ReportStore {
    private final Database db;

    public ReportStore(Database db) {
        this.db = db;
    }

    /** Tickets of one day by outcome; days without tickets are absent. */
    public record DayCounts(LocalDate day, int issued, int served, int noShow, int refused, int cancelled) {
    }

    /** The moments of one ticket; {@code firstCalledAt} is its first call (recalls move {@code called_at}). */
    public record TicketTimes(LocalDate day, Instant issuedAt, Integer slotStartMinute, Instant firstCalledAt,
                              Instant servingAt, Instant finishedAt) {
    }

    public List<DayCounts> dayCounts(String officeId, LocalDate from, LocalDate to) {
        return db.read(exec -> exec.namedQuery("report-day-counts", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> new DayCounts(Rows.date(r, "day"), (int) Rows.lng(r, "issued"), (int) Rows.lng(r, "served"),
                        (int) Rows.lng(r, "no_show"), (int) Rows.lng(r, "refused"), (int) Rows.lng(r, "cancelled")))
                .toList());
    }

    /** Times of the tickets of the days; calls are looked for between {@code start} and {@code end} (UTC). */
    public List<TicketTimes> ticketTimes(String officeId, LocalDate from, LocalDate to, Instant start, Instant end) {
        return db.read(exec -> exec.namedQuery("report-ticket-times", officeId, Rows.ts(start), Rows.ts(end), officeId,
                        Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> new TicketTimes(Rows.date(r, "day"), Rows.instant(r, "issued_at"), Rows.integer(r, "slot_start_min"),
                        Rows.instant(r, "first_called_at"), Rows.instant(r, "serving_at"), Rows.instant(r, "finished_at")))
                .toList());
    }

    /** When residents were turned away at the kiosk for the health protocol (no ticket exists for them). */
    public List<Instant> healthRefusals(String officeId, Instant start, Instant end) {
        return db.read(exec -> exec.namedQuery("report-health-refused", officeId, Rows.ts(start), Rows.ts(end))
                .map(r -> Rows.instant(r, "created_at")).toList());
    }

    /** Tickets ended at one counter, or by one staff member, with the mean service time of those served. */
    public record Served(String key, int served, int noShow, int refused, Double meanServiceMinutes) {
    }

    public List<Served> byCounter(String officeId, LocalDate from, LocalDate to) {
        return db.read(exec -> exec.namedQuery("report-by-counter", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> served(r, "counter_id")).toList());
    }

    public List<Served> byStaff(String officeId, LocalDate from, LocalDate to) {
        return db.read(exec -> exec.namedQuery("report-by-staff", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> served(r, "actor")).toList());
    }

    private static Served served(io.helidon.dbclient.DbRow r, String key) {
        Object mean = Rows.raw(r, "mean_us");
        Double minutes = mean == null ? null : Math.round(((Number) mean).doubleValue() / 6_000_000.0) / 10.0;
        return new Served(Rows.str(r, key), (int) Rows.lng(r, "served"), (int) Rows.lng(r, "no_show"),
                (int) Rows.lng(r, "refused"), minutes);
    }

    /** Refusals at the counter by the words stored with them. */
    public java.util.Map<String, Integer> refusalTexts(String officeId, LocalDate from, LocalDate to) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        db.read(exec -> exec.namedQuery("report-refusal-reasons", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> java.util.Map.entry(String.valueOf(Rows.str(r, "refuse_reason")), (int) Rows.lng(r, "n"))).toList())
                .forEach(e -> out.merge(e.getKey(), e.getValue(), Integer::sum));
        return out;
    }

    /** The checklist items missing in each refusal at the door (kiosk), e.g. ["GLOVES"]. */
    public List<List<String>> doorRefusals(String officeId, Instant start, Instant end) {
        return db.read(exec -> exec.namedQuery("report-health-refused-missing", officeId, Rows.ts(start), Rows.ts(end))
                .map(r -> {
                    List<String> items = new java.util.ArrayList<>();
                    try {
                        MAPPER.readTree(Rows.str(r, "payload")).path("missing").forEach(n -> items.add(n.asText()));
                    } catch (java.io.IOException e) {
                        // A payload that is not JSON cannot be in the table (CHECK JSON_VALID); nothing to count.
                    }
                    return items;
                }).toList());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
}
