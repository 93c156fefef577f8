package id.antrean.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.CounterDesk;
import id.antrean.app.OfficeAdmin;
import id.antrean.app.Offices;
import id.antrean.app.StaffAccounts;
import id.antrean.app.TicketDesk;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.Role;
import id.antrean.domain.SettingsProblem;
import id.antrean.domain.Text;
import id.antrean.storage.EventStore;
import id.antrean.storage.SettingsCodec;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** An office's public information (services, kiosk) and its staff views (queue, events, settings). */
public final class OfficeApi implements HttpService {
    private final Offices offices;
    private final TicketDesk desk;
    private final CounterDesk counters;
    private final OfficeAdmin admin;
    private final EventStore events;
    private final StaffGuard guard;
    private final String publicBaseUrl;

    public OfficeApi(Offices offices, TicketDesk desk, CounterDesk counters, OfficeAdmin admin, EventStore events,
                     StaffGuard guard, String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.offices = offices;
        this.desk = desk;
        this.counters = counters;
        this.admin = admin;
        this.events = events;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/services", this::services)
                .get("/offices/{office}/kiosk", this::kiosk)
                .get("/offices/{office}/queue", this::queue)
                .get("/offices/{office}/events", this::events)
                .get("/offices/{office}/settings", this::settings)
                .put("/offices/{office}/settings", this::updateSettings);
    }

    private void services(ServerRequest req, ServerResponse res) {
        Office office = offices.get(req.path().pathParameters().get("office"));
        Json.ok(res, Map.of("services", office.services().stream().map(Views::service).toList()));
    }

    private void kiosk(ServerRequest req, ServerResponse res) {
        Json.ok(res, Views.kiosk(desk.kiosk(req.path().pathParameters().get("office")), publicBaseUrl));
    }

    private java.util.function.Function<String, Map<Long, id.antrean.domain.Booking>> bookingsToday = office -> Map.of();

    /** The booking side (check-in) of today's tickets booked from home, shown in the queue (issue 15). */
    public void bookingsToday(java.util.function.Function<String, Map<Long, id.antrean.domain.Booking>> source) {
        this.bookingsToday = source;
    }

    private void queue(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        Map<Long, id.antrean.domain.Booking> booked = bookingsToday.apply(officeId);
        Json.ok(res, Map.of("tickets", counters.queue(officeId).stream().map(s -> {
            Map<String, Object> m = Views.staffTicket(s, office.zone());
            id.antrean.domain.Booking b = booked.get(s.ticket().id());
            if (b != null) {
                m.put("checkIn", Map.of("required", true, "done", b.checkedInAt() != null));
                m.put("checkedInAt", Views.at(b.checkedInAt(), office.zone()));
            }
            return m;
        }).toList()));
    }

    private void events(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        offices.get(officeId);
        long after = longParam(req, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) longParam(req, "limit", 200, 1, 1000);
        List<EventStore.Event> list = events.after(officeId, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", list.stream().map(Views::event).toList());
        body.put("last", list.isEmpty() ? after : list.getLast().id());
        Json.ok(res, body);
    }

    private void settings(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        Json.ok(res, SettingsCodec.toJson(admin.settings(req.path().pathParameters().get("office"))));
    }

    private void updateSettings(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        JsonNode body = JsonBody.tree(req);
        try {
            OfficeSettings settings = SettingsCodec.read(body);
            Json.ok(res, SettingsCodec.toJson(admin.update(officeId, settings, who.username())));
        } catch (InvalidSettings e) {
            throw invalid(e);
        }
    }

    /**
     * 400 with every problem: {@code problems} in document order (path, both languages) and
     * {@code fields}, the same keyed by path (several problems at one path joined by "; ").
     */
    static ApiError invalid(InvalidSettings e) {
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (SettingsProblem p : e.problems()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("path", p.path());
            problem.put("message", p.message().joined());
            problem.put("messages", Map.of("id", p.message().id(), "en", p.message().en()));
            problems.add(problem);
            fields.merge(p.path(), p.message().joined(), (a, b) -> a + "; " + b);
        }
        return new ApiError(Status.BAD_REQUEST_400, "INVALID_SETTINGS",
                Text.of("Pengaturan belum benar; periksa isian yang ditandai. Pengaturan lama tetap berlaku.",
                        "Some settings are not valid; check the marked fields. The old settings stay in force."),
                Map.of("problems", problems, "fields", fields));
    }

    static long longParam(ServerRequest req, String name, long fallback, long min, long max) {
        String raw = req.query().first(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("INVALID_PARAMETER",
                    Text.of("Parameter " + name + " harus bilangan " + min + "–" + max + ".",
                            "Parameter " + name + " must be a number from " + min + " to " + max + "."),
                    Map.of("parameter", name));
        }
    }
}
