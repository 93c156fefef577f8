package id.antrean.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.ContactTracing;
import id.antrean.app.StaffAccounts;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Contact tracing export for a tracing account: {@code POST /offices/{office}/tracing} with the
 * reason (case number) and a ticket (number, day) or a NIK, in the body (a NIK never goes into a
 * URL, where proxies log it). JSON for the printable page, CSV with {@code Accept: text/csv}.
 */
public final class TracingApi implements HttpService {
    private final ContactTracing tracing;
    private final StaffGuard guard;

    public TracingApi(ContactTracing tracing, StaffGuard guard) {
        this.tracing = tracing;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/offices/{office}/tracing", this::export);
    }

    private void export(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.TRACER);
        String officeId = req.path().pathParameters().get("office");
        JsonNode body = JsonBody.tree(req);
        boolean csv = String.join(",", req.headers().values(HeaderNames.ACCEPT)).toLowerCase(java.util.Locale.ROOT)
                .contains("text/csv");
        ContactTracing.Export e = tracing.export(officeId, new ContactTracing.Request(JsonBody.text(body, "reason"),
                JsonBody.text(body, "number"), day(JsonBody.text(body, "day")), JsonBody.text(body, "nik")),
                who.username(), csv ? "CSV" : "JSON");
        ZoneId zone = e.office().zone();
        if (csv) {
            ReportCsv.send(res, "penelusuran-kontak-" + officeId + "-" + e.generatedAt().atZone(zone).toLocalDate() + ".csv",
                    TracingCsv.write(e, zone));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("office", Map.of("id", e.office().id(), "name", Views.text(e.office().name())));
        m.put("reason", e.reason());
        m.put("by", e.by());
        m.put("exportedBy", who.username());
        m.put("generatedAt", Views.at(e.generatedAt(), zone));
        m.put("keepDays", e.keepDays());
        m.put("index", e.index().stream().map(i -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", i.ticket().number());
            x.put("day", i.ticket().day().toString());
            x.put("service", i.ticket().service());
            x.put("state", i.ticket().state().name());
            x.put("admittedAt", Views.at(i.ticket().admittedAt(), zone));
            x.put("firstCalledAt", Views.at(i.firstCalledAt(), zone));
            x.put("finishedAt", Views.at(i.ticket().finishedAt(), zone));
            x.put("counterId", i.presence().counterId());
            x.put("staff", i.staff());
            x.put("personalDataErased", i.erased());
            return x;
        }).toList());
        m.put("people", e.contacts().size());
        m.put("contacts", e.contacts().stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", c.ticket().number());
            x.put("day", c.ticket().day().toString());
            x.put("service", c.ticket().service());
            x.put("state", c.ticket().state().name());
            x.put("waitingRoomMinutes", c.waitingRoomMinutes());
            x.put("sameCounterMinutes", c.sameCounterMinutes());
            x.put("from", Views.at(c.from(), zone));
            x.put("to", Views.at(c.to(), zone));
            x.put("counterId", c.ticket().counterId());
            x.put("reach", c.reach().name());
            x.put("whatsapp", c.whatsapp());
            return x;
        }).toList());
        m.put("limits", e.limits().stream().map(Views::text).toList());
        Json.ok(res, m);
    }

    private static LocalDate day(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("INVALID_REQUEST", Text.of("Tanggal harus berbentuk YYYY-MM-DD.",
                    "The day must be written YYYY-MM-DD."), Map.of("field", "day"));
        }
    }
}
