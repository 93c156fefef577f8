package id.antrean.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.Offices;
import id.antrean.app.PickupDesk;
import id.antrean.app.TicketStatus;
import id.antrean.domain.Office;
import id.antrean.domain.PickupCode;
import id.antrean.domain.PickupDocument;
import id.antrean.domain.PickupRejections;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Slot;
import id.antrean.domain.Text;
import id.antrean.storage.PickupStore;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The resident's side of document pickup: the link from the WhatsApp message (see the
 * appointment and the code, move it, name a representative) and the kiosk's pickup code. Neither
 * shows the resident's name or number. A mistyped or guessed code costs the client a permit of the
 * {@code pickup-miss} limit, so codes cannot be tried in bulk.
 */
public final class PickupPublicApi implements HttpService {
    private final PickupDesk desk;
    private final Offices offices;
    private final RateLimits limits;

    public PickupPublicApi(PickupDesk desk, Offices offices, RateLimits limits) {
        this.desk = desk;
        this.offices = offices;
        this.limits = limits;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/pickups/{token}", this::view)
                .get("/pickups/{token}/slots", this::slots)
                .post("/pickups/{token}/reschedule", this::move)
                .put("/pickups/{token}/representative", this::representative)
                .delete("/pickups/{token}/representative", this::noRepresentative)
                .post("/offices/{office}/pickups/arrive", this::arrive);
    }

    private void view(ServerRequest req, ServerResponse res) {
        Json.ok(res, publicView(desk.byToken(token(req))));
    }

    private void slots(ServerRequest req, ServerResponse res) {
        String token = token(req);
        PickupDesk.Linked linked = desk.byToken(token);
        List<PickupStore.FreeSlot> free = desk.freeSlots(token);
        Map<String, List<Map<String, Object>>> byDay = new LinkedHashMap<>();
        for (PickupStore.FreeSlot f : free) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("start", Slot.hhmm(f.slot().startMinute()));
            s.put("end", Slot.hhmm(f.slot().endMinute()));
            s.put("free", f.free());
            byDay.computeIfAbsent(f.day().toString(), k -> new java.util.ArrayList<>()).add(s);
        }
        List<Map<String, Object>> days = byDay.entrySet().stream().map(e -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("day", e.getKey());
            d.put("dayLabel", dayLabel(LocalDate.parse(e.getKey())));
            d.put("slots", e.getValue());
            return d;
        }).toList();
        Json.ok(res, Map.of("current", Map.of("day", linked.document().day().toString(), "slot", Views.slot(linked.document().slot())),
                "days", days));
    }

    private void move(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.tree(req);
        String rawDay = JsonBody.text(body, "day");
        String start = JsonBody.text(body, "start");
        LocalDate day;
        int minute;
        try {
            day = LocalDate.parse(rawDay == null ? "" : rawDay.strip());
            if (start == null || !start.strip().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                throw new DateTimeParseException("start", String.valueOf(start), 0);
            }
            minute = Integer.parseInt(start.strip().substring(0, 2)) * 60 + Integer.parseInt(start.strip().substring(3));
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("INVALID_REQUEST", Text.of("Pilih hari (YYYY-MM-DD) dan jam mulai (HH:mm).",
                    "Choose a day (YYYY-MM-DD) and a start time (HH:mm)."), Map.of("field", rawDay == null ? "day" : "start"));
        }
        Json.ok(res, publicView(desk.move(token(req), day, minute)));
    }

    private void representative(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.tree(req);
        String name = JsonBody.text(body, "name");
        String relation = JsonBody.text(body, "relation");
        if (name == null || relation == null) {
            throw ApiError.badRequest("INVALID_REQUEST", Text.of("Isi nama dan hubungan dengan pemohon.",
                    "Give the name and the relation to the resident."), Map.of("field", name == null ? "name" : "relation"));
        }
        Json.ok(res, publicView(desk.representative(token(req), name, relation)));
    }

    private void noRepresentative(ServerRequest req, ServerResponse res) {
        Json.ok(res, publicView(desk.representative(token(req), null, null)));
    }

    /**
     * The kiosk: a pickup code and the health checklist give a pickup ticket. Each unknown code
     * takes a permit of the client's {@code pickup-miss} limit; beyond it, 429 until it refills,
     * whatever the code (a right one too), so the answer tells a guesser nothing.
     */
    private void arrive(ServerRequest req, ServerResponse res) {
        String client = limits.clients().of(req);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        JsonNode body = JsonBody.tree(req);
        Optional<Long> blocked = limits.peekBlocked("pickup-miss", client);
        if (blocked.isPresent()) {
            RateLimits.tooMany(res, tooMany(blocked.get()));
            return;
        }
        String code = JsonBody.text(body, "code");
        Map<String, Boolean> checklist = new java.util.HashMap<>();
        JsonNode c = body.get("checklist");
        if (c != null && c.isObject()) {
            c.properties().forEach(e -> checklist.put(e.getKey(), e.getValue().isBoolean() && e.getValue().asBoolean()));
        }
        if (PickupCode.normalise(code).isEmpty() || desk.findByCode(officeId, code).isEmpty()) {
            Optional<Long> wait = limits.acquire("pickup-miss", client);
            if (wait.isPresent()) {
                RateLimits.tooMany(res, tooMany(wait.get()));
                return;
            }
            throw new Rejected(PickupRejections.unknownCode());
        }
        TicketStatus status = desk.arrive(officeId, code, checklist);
        Map<String, Object> view = Views.issued(status, office.zone());
        view.put("pickup", true);
        Json.send(res, Status.CREATED_201, view);
    }

    private static Rejection tooMany(long seconds) {
        return Rejection.of(RejectionCode.PICKUP_CODE_LOCKED,
                Text.of("Terlalu banyak kode salah dari sini. Coba lagi dalam " + seconds + " detik, atau tanya petugas.",
                        "Too many wrong codes from here. Try again in " + seconds + " seconds, or ask staff."),
                Map.of("retryAfterSeconds", seconds));
    }

    /** What the link shows: the document and its appointment, the code; no name, no number. */
    private static Map<String, Object> publicView(PickupDesk.Linked l) {
        PickupDocument d = l.document();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("office", Views.text(l.office().name()));
        m.put("type", d.type().name());
        m.put("typeLabel", Views.text(d.type().label()));
        m.put("reference", d.reference());
        m.put("state", d.state().name());
        m.put("stateLabel", Views.text(d.state().label()));
        m.put("day", d.day().toString());
        m.put("dayLabel", dayLabel(d.day()));
        m.put("slot", Views.slot(d.slot()));
        m.put("code", d.state() == id.antrean.domain.PickupState.READY ? PickupCode.display(l.code()) : null);
        Map<String, Object> rep = null;
        if (d.representativeName() != null) {
            rep = new LinkedHashMap<>();
            rep.put("named", true);
            rep.put("relation", d.representativeRelation());
        }
        m.put("representative", rep);
        m.put("canChange", d.state() == id.antrean.domain.PickupState.READY);
        m.put("language", d.language());
        return m;
    }

    private static Map<String, String> dayLabel(LocalDate day) {
        return Views.text(id.antrean.domain.NoticeParameters.dayLabel(day, false), id.antrean.domain.NoticeParameters.dayLabel(day, true));
    }

    private static String token(ServerRequest req) {
        String t = req.path().pathParameters().get("token");
        if (t == null || !t.matches("[A-Za-z0-9_-]{10,40}")) {
            throw new Rejected(PickupRejections.notFound());
        }
        return t;
    }
}
