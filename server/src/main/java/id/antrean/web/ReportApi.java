package id.antrean.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.antrean.app.Reports;
import id.antrean.domain.DayReport;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The daily figures for supervisors: JSON, or CSV when the client's Accept asks for text/csv. */
public final class ReportApi implements HttpService {
    private final Reports reports;
    private final StaffGuard guard;

    public ReportApi(Reports reports, StaffGuard guard) {
        this.reports = reports;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/reports/daily", this::daily)
                .get("/offices/{office}/reports/breakdown", this::breakdown);
    }

    private void daily(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        LocalDate today = reports.today(officeId);
        LocalDate from = date(req, "from", today);
        LocalDate to = date(req, "to", from.isAfter(today) ? from : today);
        List<DayReport> days = reports.daily(officeId, from, to);
        if (wantsCsv(req)) {
            ReportCsv.send(res, "antrean-" + officeId + "-" + from + "_" + to + ".csv", ReportCsv.write(days));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", officeId);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("days", days.stream().map(Views::dayReport).toList());
        Json.ok(res, body);
    }

    /** Per counter, per staff member (served, mean service time) and refusals by reason; JSON or CSV. */
    private void breakdown(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        LocalDate today = reports.today(officeId);
        LocalDate from = date(req, "from", today);
        LocalDate to = date(req, "to", from.isAfter(today) ? from : today);
        Reports.Breakdown b = reports.breakdown(officeId, from, to);
        if (wantsCsv(req)) {
            ReportCsv.send(res, "antrean-" + officeId + "-rincian-" + from + "_" + to + ".csv", ReportCsv.breakdown(b));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", officeId);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("counters", b.counters().stream().map(ReportApi::row).toList());
        body.put("staff", b.staff().stream().map(ReportApi::row).toList());
        body.put("refusals", b.refusals().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("place", r.place());
            m.put("reason", r.reason());
            m.put("label", Map.of("id", r.label().id(), "en", r.label().en()));
            m.put("count", r.count());
            return m;
        }).toList());
        Json.ok(res, body);
    }

    private static Map<String, Object> row(Reports.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key());
        m.put("name", r.name());
        m.put("served", r.served());
        m.put("noShow", r.noShow());
        m.put("refused", r.refused());
        m.put("meanServiceMinutes", r.meanServiceMinutes());
        return m;
    }

    /** text/csv must be named explicitly; a browser's or client's "*\/*" gets JSON. */
    private static boolean wantsCsv(ServerRequest req) {
        return String.join(",", req.headers().values(HeaderNames.ACCEPT)).toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    /** A date query parameter (YYYY-MM-DD), or the fallback when absent; a 400 naming it when malformed. */
    static LocalDate date(ServerRequest req, String name, LocalDate fallback) {
        String raw = req.query().first(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("INVALID_PARAMETER",
                    Text.of("Parameter " + name + " harus tanggal YYYY-MM-DD, mis. 2026-12-01.",
                            "Parameter " + name + " must be a date YYYY-MM-DD, e.g. 2026-12-01."),
                    Map.of("parameter", name, "value", raw.length() > 40 ? raw.substring(0, 40) : raw));
        }
    }
}
