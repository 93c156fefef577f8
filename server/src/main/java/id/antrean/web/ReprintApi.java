package id.antrean.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.Offices;
import id.antrean.app.SlipReprint;
import id.antrean.app.StaffAccounts;
import id.antrean.app.TicketStatus;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Staff reprint a lost slip at a counter: {@code POST /offices/{office}/tickets/reprint} with the
 * number the resident remembers (or the kiosk told them) and the NIK from the ID card they show.
 * The answer has what the slip carries (number, slot, status link for the QR code).
 */
public final class ReprintApi implements HttpService {
    private final SlipReprint reprint;
    private final Offices offices;
    private final StaffGuard guard;

    public ReprintApi(SlipReprint reprint, Offices offices, StaffGuard guard) {
        this.reprint = reprint;
        this.offices = offices;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/offices/{office}/tickets/reprint", this::reprint);
    }

    private void reprint(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        var office = offices.get(req.path().pathParameters().get("office"));
        JsonNode body = JsonBody.tree(req);
        TicketStatus status = reprint.reprint(office.id(), JsonBody.text(body, "number"), JsonBody.text(body, "nik"),
                day(JsonBody.text(body, "day")), who.username());
        Map<String, Object> slip = new LinkedHashMap<>(Views.issued(status, office.zone()));
        slip.put("nikLast4", status.ticket().nikLast4());
        Json.ok(res, slip);
    }

    private static LocalDate day(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("INVALID_REQUEST", Text.of("Tanggal harus berbentuk YYYY-MM-DD.",
                    "The day must be written YYYY-MM-DD."), Map.of("field", "day"));
        }
    }
}
