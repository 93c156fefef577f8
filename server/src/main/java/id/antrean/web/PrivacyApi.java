package id.antrean.web;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.DataRetention;
import id.antrean.app.Offices;
import id.antrean.app.ResidentData;
import id.antrean.app.StaffAccounts;
import id.antrean.domain.NameMask;
import id.antrean.domain.PhoneMask;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.PrivacyStore;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Residents' personal data over HTTP: the office's retention settings (admin) and an "erase now";
 * a supervisor's answer to a resident's request at the counter (by the NIK on their KTP: show,
 * erase); and the ticket page's "Data saya / My data" with "delete my WhatsApp number".
 */
public final class PrivacyApi implements HttpService {
    private final DataRetention retention;
    private final ResidentData residents;
    private final Offices offices;
    private final StaffGuard guard;

    public PrivacyApi(DataRetention retention, ResidentData residents, Offices offices, StaffGuard guard) {
        this.retention = retention;
        this.residents = residents;
        this.offices = offices;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/privacy/settings", this::settingsGet)
                .put("/offices/{office}/privacy/settings", this::settingsPut)
                .post("/offices/{office}/privacy/run", this::runNow)
                .post("/offices/{office}/privacy/resident", this::residentShow)
                .post("/offices/{office}/privacy/resident/erase", this::residentErase)
                .get("/tickets/{token}/my-data", this::myData)
                .delete("/tickets/{token}/my-data/whatsapp", this::deleteWhatsApp);
    }

    private void settingsGet(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        Json.ok(res, settingsView(officeId, retention.settings(officeId)));
    }

    private void settingsPut(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        JsonNode body = JsonBody.tree(req);
        PrivacyStore.Retention now = retention.settings(officeId);
        int ticket = days(body, "keepDaysAfterTicket", now.keepDaysTicket());
        int pickup = days(body, "keepDaysAfterPickup", now.keepDaysPickup());
        Json.ok(res, settingsView(officeId, retention.change(officeId, ticket, pickup, who.username())));
    }

    private static int days(JsonNode body, String field, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.badRequest("INVALID_REQUEST", Text.of("Jumlah hari harus bilangan bulat.",
                    "The number of days must be a whole number."), Map.of("field", field));
        }
        return v.intValue();
    }

    private Map<String, Object> settingsView(String officeId, PrivacyStore.Retention r) {
        ZoneId zone = offices.get(officeId).zone();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("office", officeId);
        m.put("keepDaysAfterTicket", r.keepDaysTicket());
        m.put("keepDaysAfterPickup", r.keepDaysPickup());
        m.put("lastRunAt", Views.at(r.lastRunAt(), zone));
        m.put("lastRunErased", r.lastRunErased());
        return m;
    }

    private void runNow(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        offices.get(officeId);
        var counts = retention.runNow(officeId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ran", counts.isPresent());
        m.put("erased", counts.orElse(null));
        Json.ok(res, m);
    }

    private void residentShow(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.SUPERVISOR);
        var office = offices.get(req.path().pathParameters().get("office"));
        JsonNode body = JsonBody.tree(req);
        var found = residents.show(office.id(), JsonBody.text(body, "nik"), who.username());
        Json.ok(res, Map.of("office", office.id(), "tickets", found.stream().map(s -> stored(s, office.zone(), false)).toList()));
    }

    private void residentErase(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.SUPERVISOR);
        var office = offices.get(req.path().pathParameters().get("office"));
        JsonNode body = JsonBody.tree(req);
        ResidentData.Erased e = residents.erase(office.id(), JsonBody.text(body, "nik"), who.username());
        Json.ok(res, Map.of("office", office.id(), "erasedTickets", e.tickets(), "stillActive", e.stillActive()));
    }

    private void myData(ServerRequest req, ServerResponse res) {
        ResidentData.Stored s = residents.ofToken(req.path().pathParameters().get("token"));
        Json.ok(res, stored(s, offices.get(s.ticket().officeId()).zone(), true));
    }

    private void deleteWhatsApp(ServerRequest req, ServerResponse res) {
        ResidentData.Stored s = residents.deleteWhatsApp(req.path().pathParameters().get("token"));
        Json.ok(res, stored(s, offices.get(s.ticket().officeId()).zone(), true));
    }

    /**
     * One ticket's personal data: masked for the ticket page (whoever holds the slip), in full for a
     * supervisor with the resident and their KTP at the counter (the NIK itself is never stored).
     */
    private static Map<String, Object> stored(ResidentData.Stored s, ZoneId zone, boolean masked) {
        Ticket t = s.ticket();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("day", t.day().toString());
        m.put("service", t.service());
        m.put("state", t.state().name());
        m.put("erasedAt", Views.at(s.erasedAt(), zone));
        m.put("keepDays", s.keepDays());
        m.put("eraseBy", s.eraseBy() == null ? null : s.eraseBy().toString());
        m.put("nik", t.nikLast4() == null ? null : "••••••••••••" + t.nikLast4());
        m.put("name", masked ? NameMask.mask(t.name()) : t.name());
        m.put("phone", t.phone() == null ? null : masked ? PhoneMask.mask(t.phone()) : t.phone());
        m.put("priorityGroup", t.priorityGroup() == null ? null : t.priorityGroup().name());
        m.put("urgencyNote", t.urgencyNote() == null ? null : masked ? "•••" : t.urgencyNote());
        m.put("temperatureC", t.temperatureC() == null ? null : masked ? "•••" : t.temperatureC().toPlainString());
        m.put("refuseReason", t.refuseReason());
        Map<String, Object> consent = new LinkedHashMap<>();
        var c = s.consent().orElse(null);
        consent.put("state", c == null ? "NONE" : c.stoppedAt() == null ? "ON" : "STOPPED");
        consent.put("phone", c == null || c.phone() == null ? null : masked ? PhoneMask.mask(c.phone()) : c.phone());
        consent.put("consentedAt", c == null ? null : Views.at(c.consentedAt(), zone));
        consent.put("stoppedAt", c == null ? null : Views.at(c.stoppedAt(), zone));
        consent.put("textVersion", c == null ? null : c.textVersion());
        m.put("whatsapp", consent);
        m.put("messages", s.messages().messages());
        m.put("messagesWithNumber", s.messages().withNumber());
        return m;
    }
}
