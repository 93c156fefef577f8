package id.antrean.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.BookingRefusals;
import id.antrean.app.Bookings;
import id.antrean.app.IssueOutcome;
import id.antrean.app.Offices;
import id.antrean.app.Secrets;
import id.antrean.app.TicketDesk;
import id.antrean.domain.BookingSettings;
import id.antrean.domain.Channel;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.IssueRequest;
import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Role;
import id.antrean.domain.ShortCode;
import id.antrean.domain.Slot;
import id.antrean.domain.Text;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Booking from home (issue 15): the booking page's days and slots, booking a slot, check-in at the
 * door, the ticket's booking side and moving it, and the supervisor's booking settings and report.
 */
public final class BookingApi implements HttpService {
    private static final io.helidon.http.HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final Bookings bookings;
    private final TicketDesk desk;
    private final Offices offices;
    private final StaffGuard guard;
    private final ClientAddress clients;
    private final BookingLimits limits;
    private final BookingRefusals refusals;

    public BookingApi(Bookings bookings, TicketDesk desk, Offices offices, StaffGuard guard, ClientAddress clients,
                      BookingLimits limits, BookingRefusals refusals) {
        this.bookings = bookings;
        this.desk = desk;
        this.offices = offices;
        this.guard = guard;
        this.clients = clients;
        this.limits = limits;
        this.refusals = refusals;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/booking", this::page)
                .post("/offices/{office}/bookings", this::book)
                .post("/offices/{office}/checkins", this::checkIn)
                .get("/offices/{office}/booking/settings", this::settings)
                .put("/offices/{office}/booking/settings", this::updateSettings)
                .get("/offices/{office}/reports/booking", this::report)
                .get("/tickets/{token}/booking", this::booked)
                .post("/tickets/{token}/move", this::move);
    }

    private void page(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.ok(res, pageData(req.path().pathParameters().get("office")));
    }

    /** What the booking page shows for an office: also embedded in the page itself ({@link BookPage}). */
    public Map<String, Object> pageData(String officeId) {
        Office office = offices.get(officeId);
        List<Bookings.DayOffer> days = bookings.offers(office);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("office", Map.of("id", office.id(), "name", Views.text(office.name()), "timeZone", office.zone().getId()));
        m.put("now", bookings.now().atZone(office.zone()).toOffsetDateTime().toString());
        m.put("services", office.services().stream().map(Views::service).toList());
        m.put("checklist", office.settings().checklist().stream().map(i -> Map.of("code", i.code(),
                "required", i.required(), "label", Views.text(i.label()))).toList());
        m.put("urgencyReasons", office.settings().urgencyReasons().stream().map(r -> Map.of("code", r.code(),
                "label", Views.text(r.label()), "noteRequired", r.needsNote())).toList());
        m.put("days", days.stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", d.day().toString());
            day.put("today", d.today());
            day.put("placesLeft", d.phoneLeft());
            day.put("slots", d.slots().stream().map(s -> Map.of("start", Slot.hhmm(s.slot().startMinute()),
                    "end", Slot.hhmm(s.slot().endMinute()), "left", s.left())).toList());
            return day;
        }).toList());
        return m;
    }

    private void book(ServerRequest req, ServerResponse res) {
        Office office = offices.get(req.path().pathParameters().get("office"));
        BookingSettings settings = bookings.settings(office.id());
        String client = clients.of(req);
        try {
            String key = req.headers().first(IDEMPOTENCY_KEY).map(String::strip).orElse(null);
            if (key != null && !key.matches("[\\x21-\\x7E]{1,128}")) {
                throw ApiError.badRequest("INVALID_IDEMPOTENCY_KEY",
                        Text.of("Idempotency-Key harus 1–128 karakter ASCII tanpa spasi.",
                                "Idempotency-Key must be 1 to 128 printable ASCII characters."), Map.of());
            }
            JsonNode tree = JsonBody.tree(req);
            TicketRequestBody body = JsonBody.convert(tree, TicketRequestBody.class);
            Integer slot = slot(tree.get("slot"));
            IssueRequest request = body.toRequest().inSlot(Channel.MOBILE, slot);
            // A retry of a request already answered is no new request: it passes the limits.
            boolean retry = key != null && desk.hasAnswered(office.id(), key);
            if (!retry) {
                Optional<Rejection> limited = limits.take(BookingLimits.Kind.ADDRESS, client, settings.addressPerHour())
                        .or(() -> request.nik() == null ? Optional.empty()
                                : limits.take(BookingLimits.Kind.NIK, office.id() + ":" + hex(Secrets.sha256(request.nik())),
                                        settings.nikPerHour()));
                if (limited.isPresent()) {
                    refusals.count(office.id(), office.zone(), "RATE_LIMITED_" + limited.get().details().get("limit"));
                    RateLimits.tooMany(res, limited.get());
                    return;
                }
            }
            byte[] requestHash = Secrets.sha256("booking:" + tree);
            IssueOutcome outcome = desk.issue(office, request, key, requestHash);
            switch (outcome) {
                case IssueOutcome.Issued issued when issued.firstAnswer() != null ->
                        created(res, issued.firstAnswer().getBytes(StandardCharsets.UTF_8));
                case IssueOutcome.Issued issued -> {
                    Bookings.BookedTicket booked = bookings.booked(issued.status().ticket().token());
                    Map<String, Object> answer = new LinkedHashMap<>(Views.issued(issued.status(), office.zone()));
                    answer.putAll(booking(booked, office.zone()));
                    byte[] bytes = Json.bytes(answer);
                    created(res, bytes);
                    if (key != null) {
                        desk.rememberAnswer(office.id(), key, issued.status().ticket().id(), new String(bytes, StandardCharsets.UTF_8));
                    }
                }
                case IssueOutcome.Refused refused -> throw new Rejected(refused.rejection());
            }
        } catch (Rejected e) {
            refusals.count(office.id(), office.zone(), e.rejection().code().name());
            throw e;
        } catch (ApiError e) {
            refusals.count(office.id(), office.zone(), e.code());
            throw e;
        }
    }

    private static void created(ServerResponse res, byte[] body) {
        res.status(Status.CREATED_201);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }

    /** "09:30" → minute of the day; absent → the earliest free slot. */
    private static Integer slot(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String s = node.asText();
        if (!node.isTextual() || !s.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw new ApiError(Status.UNPROCESSABLE_CONTENT_422, "INVALID_REQUEST",
                    Text.of("Slot harus berbentuk JJ:MM, mis. 09:30.", "The slot must be written HH:MM, e.g. 09:30."),
                    Map.of("field", "slot"));
        }
        return Integer.parseInt(s.substring(0, 2)) * 60 + Integer.parseInt(s.substring(3));
    }

    private void checkIn(ServerRequest req, ServerResponse res) {
        Office office = offices.get(req.path().pathParameters().get("office"));
        BookingSettings settings = bookings.settings(office.id());
        String client = office.id() + ":" + clients.of(req);
        Optional<Rejection> blocked = limits.exhausted(BookingLimits.Kind.WRONG_CODES, client, settings.wrongCodesPerHour());
        if (blocked.isPresent()) {
            refusals.count(office.id(), office.zone(), "RATE_LIMITED_WRONG_CODES");
            RateLimits.tooMany(res, blocked.get());
            return;
        }
        JsonNode body = JsonBody.tree(req);
        String token = body.path("token").isTextual() ? body.get("token").asText() : null;
        String code = body.path("code").isTextual() ? body.get("code").asText() : null;
        if ((token == null) == (code == null)) {
            throw new ApiError(Status.UNPROCESSABLE_CONTENT_422, "INVALID_REQUEST",
                    Text.of("Kirim token QR atau kode tiket (salah satu).", "Send either the QR token or the ticket's code."),
                    Map.of("field", "code"));
        }
        Map<String, Boolean> checklist = new HashMap<>();
        body.path("checklist").fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean()) {
                checklist.put(e.getKey(), e.getValue().booleanValue());
            }
        });
        try {
            Bookings.BookedTicket booked = bookings.checkIn(office.id(), token != null ? Bookings.Shown.QR : Bookings.Shown.CODE,
                    token != null ? token : code, checklist);
            Map<String, Object> m = new LinkedHashMap<>(Views.publicTicket(booked.status(), office.zone()));
            m.putAll(booking(booked, office.zone()));
            Json.ok(res, m);
        } catch (Rejected e) {
            if (e.rejection().code() == RejectionCode.CHECKIN_CODE_UNKNOWN) {
                limits.take(BookingLimits.Kind.WRONG_CODES, client, settings.wrongCodesPerHour());
            }
            throw e;
        }
    }

    private void booked(ServerRequest req, ServerResponse res) {
        Bookings.BookedTicket booked = bookings.booked(req.path().pathParameters().get("token"));
        ZoneId zone = offices.get(booked.status().ticket().officeId()).zone();
        Map<String, Object> m = new LinkedHashMap<>(Views.publicTicket(booked.status(), zone));
        m.putAll(booking(booked, zone));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.ok(res, m);
    }

    private void move(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.tree(req);
        LocalDate day;
        try {
            day = LocalDate.parse(body.path("day").asText(""));
        } catch (DateTimeParseException e) {
            throw new ApiError(Status.UNPROCESSABLE_CONTENT_422, "INVALID_REQUEST",
                    Text.of("Tanggal harus berbentuk YYYY-MM-DD.", "The day must be written YYYY-MM-DD."), Map.of("field", "day"));
        }
        Integer slot = slot(body.get("slot"));
        if (slot == null) {
            throw new ApiError(Status.UNPROCESSABLE_CONTENT_422, "INVALID_REQUEST",
                    Text.of("Pilih slot.", "Choose a slot."), Map.of("field", "slot"));
        }
        Bookings.BookedTicket booked = bookings.move(req.path().pathParameters().get("token"), day, slot);
        ZoneId zone = offices.get(booked.status().ticket().officeId()).zone();
        Map<String, Object> m = new LinkedHashMap<>(Views.publicTicket(booked.status(), zone));
        m.putAll(booking(booked, zone));
        Json.ok(res, m);
    }

    /** The booking side of a ticket: channel, short code and check-in, what the resident may still do. */
    static Map<String, Object> booking(Bookings.BookedTicket b, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        var t = b.status().ticket();
        m.put("office", t.officeId());
        m.put("channel", t.channel().name());
        m.put("shortCode", ShortCode.display(b.booking().shortCode()));
        Map<String, Object> checkIn = new LinkedHashMap<>();
        checkIn.put("required", b.booking().shortCode() != null);
        checkIn.put("done", b.booking().checkedInAt() != null);
        checkIn.put("at", Views.at(b.booking().checkedInAt(), zone));
        checkIn.put("until", Views.at(b.checkInUntil(), zone));
        m.put("checkIn", checkIn);
        m.put("movable", b.booking().awaitsCheckIn() && t.state() == id.antrean.domain.TicketState.BOOKED);
        return m;
    }

    private void settings(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        Json.ok(res, settingsView(bookings.settings(req.path().pathParameters().get("office"))));
    }

    private void updateSettings(ServerRequest req, ServerResponse res) {
        var who = guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        JsonNode body = JsonBody.tree(req);
        BookingSettings now = bookings.settings(officeId);
        BookingSettings wanted = new BookingSettings(
                integer(body, "phoneSharePercent", now.phoneSharePercent()), integer(body, "graceMinutes", now.graceMinutes()),
                integer(body, "addressPerHour", now.addressPerHour()), integer(body, "nikPerHour", now.nikPerHour()),
                integer(body, "wrongCodesPerHour", now.wrongCodesPerHour()));
        try {
            Json.ok(res, settingsView(bookings.updateSettings(officeId, wanted, who.username())));
        } catch (InvalidSettings e) {
            throw OfficeApi.invalid(e);
        }
    }

    private static int integer(JsonNode body, String field, int fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiError.badRequest("INVALID_JSON", Text.of("Isian tidak sesuai jenisnya: " + field + ".",
                    "A field has the wrong type: " + field + "."), Map.of("field", field));
        }
        return n.intValue();
    }

    private static Map<String, Object> settingsView(BookingSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phoneSharePercent", s.phoneSharePercent());
        m.put("graceMinutes", s.graceMinutes());
        m.put("addressPerHour", s.addressPerHour());
        m.put("nikPerHour", s.nikPerHour());
        m.put("wrongCodesPerHour", s.wrongCodesPerHour());
        return m;
    }

    private void report(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        LocalDate today = bookings.now().atZone(office.zone()).toLocalDate();
        LocalDate from = date(req, "from", today);
        LocalDate to = date(req, "to", from);
        try {
            refusals.flush();
        } catch (RuntimeException e) {
            // The counts kept in memory go out with the next flush; the report shows what is stored.
        }
        Json.ok(res, Map.of("days", bookings.report(officeId, from, to).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day().toString());
            m.put("channels", d.channels());
            m.put("refused", d.refusals().entrySet().stream().filter(e -> !e.getKey().startsWith("RATE_LIMITED"))
                    .mapToInt(Map.Entry::getValue).sum());
            m.put("rateLimited", d.refusals().entrySet().stream().filter(e -> e.getKey().startsWith("RATE_LIMITED"))
                    .mapToInt(Map.Entry::getValue).sum());
            m.put("refusals", new java.util.TreeMap<>(d.refusals()));
            return m;
        }).toList()));
    }

    private static LocalDate date(ServerRequest req, String name, LocalDate fallback) {
        String raw = req.query().first(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("INVALID_PARAMETER", Text.of("Parameter " + name + " harus tanggal YYYY-MM-DD.",
                    "Parameter " + name + " must be a date YYYY-MM-DD."), Map.of("parameter", name));
        }
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b, 0, 12);
    }
}
