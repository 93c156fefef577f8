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
}
