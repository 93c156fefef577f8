package id.antrean.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.OfficeProfiles;
import id.antrean.app.Offices;
import id.antrean.app.StaffAccounts;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.OfficeProfile;
import id.antrean.domain.Role;
import id.antrean.domain.Service;
import id.antrean.domain.Text;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The office's name and its services' WhatsApp numbers and instructions, for admins (issue 13). */
public final class OfficeProfileApi implements HttpService {
    private final OfficeProfiles profiles;
    private final Offices offices;
    private final StaffGuard guard;

    public OfficeProfileApi(OfficeProfiles profiles, Offices offices, StaffGuard guard) {
        this.profiles = profiles;
        this.offices = offices;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/profile", this::get)
                .put("/offices/{office}/profile", this::put);
    }

    private void get(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        Json.ok(res, view(officeId, profiles.profile(officeId)));
    }

    private void put(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        offices.get(officeId);
        JsonNode body = JsonBody.tree(req);
        try {
            Json.ok(res, view(officeId, profiles.update(officeId, read(body), who.username())));
        } catch (InvalidSettings e) {
            throw OfficeApi.invalid(e);
        }
    }

    private static OfficeProfile read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidSettings(List.of(id.antrean.domain.SettingsProblem.at("", "Kirim objek JSON profil kantor.",
                    "Send the office profile as a JSON object.")));
        }
        List<OfficeProfile.ServiceContact> services = new ArrayList<>();
        JsonNode list = body.path("services");
        if (list.isArray()) {
            list.forEach(s -> services.add(new OfficeProfile.ServiceContact(JsonBody.text(s, "code"),
                    blankToNull(JsonBody.text(s, "whatsapp")), text(s.get("instructions")))));
        }
        Text name = text(body.get("name"));
        return new OfficeProfile(name == null ? Text.of("", "") : name, services);
    }

    private static Text text(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String id = JsonBody.text(node, "id");
        String en = JsonBody.text(node, "en");
        return Text.of(id == null ? "" : id.strip(), en == null ? "" : en.strip());
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    private Map<String, Object> view(String officeId, OfficeProfile p) {
        Map<String, Service> byCode = new LinkedHashMap<>();
        offices.get(officeId).services().forEach(s -> byCode.put(s.code(), s));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("office", officeId);
        m.put("name", Map.of("id", p.name().id(), "en", p.name().en()));
        m.put("services", p.services().stream().map(c -> {
            Service s = byCode.get(c.code());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("code", c.code());
            one.put("name", Map.of("id", s.name().id(), "en", s.name().en()));
            one.put("inOffice", s.inOffice());
            one.put("whatsapp", c.whatsapp());
            one.put("instructions", c.instructions() == null ? null : Map.of("id", c.instructions().id(), "en", c.instructions().en()));
            return one;
        }).toList());
        return m;
    }
}
