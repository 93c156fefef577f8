package id.antrean.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.Notifications;
import id.antrean.app.Offices;
import id.antrean.domain.NotificationConsent;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import id.antrean.storage.OutboxStore;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * WhatsApp notifications over HTTP: what the kiosk may promise, a resident's stop, the
 * supervisors' messages page and report, the admins' switch and provider status.
 */
public final class NotificationApi implements HttpService {
    private final Notifications notifications;
    private final Offices offices;
    private final StaffGuard guard;
    private final WhatsAppSettings settings;

    public NotificationApi(Notifications notifications, Offices offices, StaffGuard guard, WhatsAppSettings settings) {
        this.notifications = notifications;
        this.offices = offices;
        this.guard = guard;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/notifications", this::publicInfo)
                .get("/offices/{office}/notifications/settings", this::settingsGet)
                .put("/offices/{office}/notifications/settings", this::settingsPut)
                .get("/offices/{office}/messages", this::messages)
                .get("/offices/{office}/messages/report", this::report)
                .post("/offices/{office}/messages/{id}/retry", this::retry)
                .post("/tickets/{token}/messages/stop", this::stop)
                .delete("/tickets/{token}/messages", this::stop)
                .get("/tickets/{token}/messages", this::ticketState);
    }

    /** For the kiosk: whether to ask for a number, and what to say when it does. No personal data. */
    private void publicInfo(ServerRequest req, ServerResponse res) {
        var office = offices.get(req.path().pathParameters().get("office"));
        OutboxStore.OfficeSwitch sw = notifications.switchOf(office.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", notifications.enabled(office.id()));
        body.put("office", Map.of("id", office.name().id(), "en", office.name().en()));
        body.put("keepDays", sw.keepDays());
        body.put("consentVersion", NotificationConsent.CURRENT_VERSION);
        Json.ok(res, body);
    }

    private void settingsGet(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        offices.get(officeId);
        Json.ok(res, settingsView(officeId, notifications.switchOf(officeId)));
    }

    private void settingsPut(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        JsonNode body = JsonBody.tree(req);
        OutboxStore.OfficeSwitch now = notifications.switchOf(officeId);
        boolean enabled = body.has("enabled") ? body.get("enabled").asBoolean() : now.enabled();
        int near = body.has("nearAhead") ? body.get("nearAhead").asInt(-1) : now.nearAhead();
        int keep = body.has("keepDays") ? body.get("keepDays").asInt(-1) : now.keepDays();
        Json.ok(res, settingsView(officeId, notifications.setSwitch(officeId, enabled, near, keep)));
    }

    private Map<String, Object> settingsView(String officeId, OutboxStore.OfficeSwitch sw) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", officeId);
        body.put("enabled", sw.enabled());
        body.put("nearAhead", sw.nearAhead());
        body.put("keepDays", sw.keepDays());
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("configured", notifications.providerConfigured());
        provider.put("description", settings.toString());
        provider.put("templates", settings.templates().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue)));
        provider.put("nodes", notifications.providerHealth().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", h.node());
            m.put("answering", h.ok());
            m.put("detail", h.detail());
            m.put("since", h.checkedAt().toString());
            return m;
        }).toList());
        body.put("provider", provider);
        return body;
    }

    private void messages(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        LocalDate day = ReportApi.date(req, "day", LocalDate.now(offices.get(officeId).zone()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", officeId);
        body.put("day", day.toString());
        body.put("messages", notifications.forDay(officeId, day).stream().map(NotificationApi::view).toList());
        body.put("problems", notifications.problems(officeId).stream().map(NotificationApi::view).toList());
        Json.ok(res, body);
    }

    private void report(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        LocalDate today = LocalDate.now(offices.get(officeId).zone());
        LocalDate from = ReportApi.date(req, "from", today);
        LocalDate to = ReportApi.date(req, "to", from.isAfter(today) ? from : today);
        Json.ok(res, Map.of("office", officeId, "from", from.toString(), "to", to.toString(),
                "days", notifications.report(officeId, from, to).stream().map(d -> Map.of("day", d.day().toString(),
                        "sent", d.sent(), "delivered", d.delivered(), "read", d.read(), "failed", d.failed(),
                        "maybeSentTwice", d.maybeTwice())).toList()));
    }

    private void retry(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("INVALID_PARAMETER", Text.of("Nomor pesan tidak sah.", "Not a message id."), Map.of());
        }
        Json.ok(res, view(notifications.retry(officeId, id)));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        boolean wasOn = notifications.stop(req.path().pathParameters().get("token"));
        Json.ok(res, Map.of("messages", "STOPPED", "wasOn", wasOn));
    }

    /** Whether this ticket's resident gets messages: for the ticket page's stop button. */
    private void ticketState(ServerRequest req, ServerResponse res) {
        var consent = notifications.consentOfToken(req.path().pathParameters().get("token"));
        String state = consent.isEmpty() ? "NONE" : consent.get().stoppedAt() == null ? "ON" : "STOPPED";
        Json.ok(res, Map.of("messages", state));
    }

    private static Map<String, Object> view(Notifications.MessageView v) {
        OutboxStore.Message m = v.message();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("ticketId", m.ticketId());
        out.put("number", m.number());
        out.put("kind", m.kind().name());
        out.put("phone", v.maskedPhone());
        out.put("state", m.state());
        out.put("delivery", m.delivery());
        out.put("deliveryAt", m.deliveryAt() == null ? null : m.deliveryAt().toString());
        out.put("attempts", m.attempts());
        out.put("maybeSentTwice", m.lostClaims() > 0);
        out.put("reason", m.lastError());
        out.put("createdAt", m.createdAt().toString());
        out.put("due", m.notBefore().toString());
        out.put("sentAt", m.sentAt() == null ? null : m.sentAt().toString());
        return out;
    }
}
