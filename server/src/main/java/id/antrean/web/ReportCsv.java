package id.antrean.web;

import java.util.List;
import java.util.Locale;

import id.antrean.domain.DayReport;

/** The daily report as CSV (RFC 4180, comma, CRLF): one row per day, minutes with a dot, 24 hour columns. */
final class ReportCsv {
    private ReportCsv() {
    }

    static String header() {
        StringBuilder b = new StringBuilder("day,issued,served,noShow,refusedAtDoor,refusedAtCounter,cancelled,"
                + "waitMedianMin,waitP90Min,serviceMedianMin,serviceP90Min");
        for (int h = 0; h < 24; h++) {
            b.append(",h").append(String.format(Locale.ROOT, "%02d", h));
        }
        return b.toString();
    }

    static String write(List<DayReport> days) {
        StringBuilder b = new StringBuilder(header()).append("\r\n");
        for (DayReport d : days) {
            b.append(d.day()).append(',').append(d.issued()).append(',').append(d.served()).append(',')
                    .append(d.noShow()).append(',').append(d.refusedAtDoor()).append(',').append(d.refusedAtCounter())
                    .append(',').append(d.cancelled()).append(',').append(num(d.waitMedian())).append(',')
                    .append(num(d.waitP90())).append(',').append(num(d.serviceMedian())).append(',')
                    .append(num(d.serviceP90()));
            d.ticketsPerHour().forEach(n -> b.append(',').append(n));
            b.append("\r\n");
        }
        return b.toString();
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * The breakdown as one table: a section column ("counter", "staff", "refusal"), then the key, a
     * label, and the figures that section has (empty where it has none).
     */
    static String breakdown(id.antrean.app.Reports.Breakdown b) {
        StringBuilder out = new StringBuilder("section,key,label,served,noShow,refused,meanServiceMin,count\r\n");
        for (var r : b.counters()) {
            out.append("counter,").append(cell(r.key())).append(',').append(cell(r.name())).append(',').append(r.served())
                    .append(',').append(r.noShow()).append(',').append(r.refused()).append(',').append(num(r.meanServiceMinutes()))
                    .append(",\r\n");
        }
        for (var r : b.staff()) {
            out.append("staff,").append(cell(r.key())).append(',').append(cell(r.name())).append(',').append(r.served())
                    .append(',').append(r.noShow()).append(',').append(r.refused()).append(',').append(num(r.meanServiceMinutes()))
                    .append(",\r\n");
        }
        for (var r : b.refusals()) {
            out.append("refusal-").append(r.place().toLowerCase(Locale.ROOT)).append(',').append(cell(r.reason())).append(',')
                    .append(cell(r.label().id())).append(",,,,,").append(r.count()).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    private static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.matches(".*[\",\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A CSV answer as a download: UTF-8, not cached (it holds the office's figures), named {@code filename}. */
    static void send(io.helidon.webserver.http.ServerResponse res, String filename, String csv) {
        res.status(io.helidon.http.Status.OK_200);
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
        res.header(io.helidon.http.HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        res.send(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
