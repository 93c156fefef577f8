package id.antrean.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.Offices;
import id.antrean.app.PickupDesk;
import id.antrean.app.StaffAccounts;
import id.antrean.domain.Collector;
import id.antrean.domain.CounterServes;
import id.antrean.domain.DocumentType;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.Office;
import id.antrean.domain.PhoneMask;
import id.antrean.domain.PickupCode;
import id.antrean.domain.PickupDocument;
import id.antrean.domain.PickupRegistration;
import id.antrean.domain.PickupSettings;
import id.antrean.domain.Rejected;
import id.antrean.domain.Role;
import id.antrean.domain.Slot;
import id.antrean.domain.Text;
import id.antrean.storage.PickupStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Staff side of document pickup ("Dokumen siap diambil"): register one document or a CSV file of
 * them, the lists, the pickup settings, the counter's handover and the daily pickup figures.
 */
public final class PickupApi implements HttpService {
    private static final java.time.Duration UPLOAD_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final PickupDesk desk;
    private final Offices offices;
    private final StaffGuard guard;

    public PickupApi(PickupDesk desk, Offices offices, StaffGuard guard) {
        this.desk = desk;
        this.offices = offices;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/pickups", this::list)
                .post("/offices/{office}/pickups", this::registerOne)
                .post("/offices/{office}/pickups/import", this::importCsv)
                .get("/offices/{office}/pickups/{id}", this::one)
                .get("/offices/{office}/pickup-settings", this::settings)
                .put("/offices/{office}/pickup-settings", this::saveSettings)
                .get("/offices/{office}/reports/pickups", this::report)
                .get("/staff-tickets/{id}/pickup", this::forTicket)
                .post("/tickets/{id}/handover", this::handOver);
    }

    private void list(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        String rawKind = req.query().first("list").orElse("ready");
        PickupStore.ListKind kind;
        try {
            kind = PickupStore.ListKind.valueOf(rawKind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("INVALID_PARAMETER", Text.of("Parameter list: ready, today, collected atau overdue.",
                    "Parameter list: ready, today, collected or overdue."), Map.of("parameter", "list"));
        }
        String q = req.query().first("q").orElse("");
        if (q.length() > 64) {
            throw ApiError.badRequest("INVALID_PARAMETER", Text.of("Pencarian paling banyak 64 karakter.",
                    "A search has at most 64 characters."), Map.of("parameter", "q"));
        }
        int limit = 200;
        List<Map<String, Object>> docs = desk.list(officeId, kind, q, limit).stream()
                .map(l -> staffView(l.document(), l.overdue(), office.zone())).toList();
        Json.ok(res, Map.of("list", kind.name(), "documents", docs, "limit", limit));
    }

    private void registerOne(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        JsonNode body = JsonBody.tree(req);
        PickupRegistration.Checked checked = PickupRegistration.check(JsonBody.text(body, "type"), JsonBody.text(body, "reference"),
                JsonBody.text(body, "name"), JsonBody.text(body, "phone"), JsonBody.text(body, "nikLast4"),
                JsonBody.text(body, "language"));
        if (!checked.ok()) {
            Map<String, String> fields = new LinkedHashMap<>();
            checked.problems().forEach(p -> fields.put(p.field(), p.message().joined()));
            throw ApiError.badRequest("INVALID_PICKUP", Text.of("Data dokumen belum benar; periksa isian yang ditandai.",
                    "Some document fields are not valid; check the marked fields."),
                    Map.of("fields", fields, "problems", problems(checked.problems())));
        }
        List<PickupDesk.Registered> stored;
        try {
            stored = desk.register(officeId, List.of(checked.registration()), List.of(1), who.username());
        } catch (PickupDesk.NotRegistered e) {
            PickupDesk.RefusedRow row = e.refused().getFirst();
            PickupRegistration.Problem p = row.problems().getFirst();
            boolean duplicate = p.field().equals("reference");
            throw new ApiError(Status.CONFLICT_409, duplicate ? "PICKUP_DUPLICATE" : "PICKUP_FULL", p.message(),
                    Map.of("field", p.field()));
        }
        res.status(Status.CREATED_201);
        Json.send(res, Status.CREATED_201, registered(stored.getFirst(), office.zone(), desk.notifying(officeId)));
    }

    private void importCsv(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!(type.startsWith("text/csv") || type.startsWith("application/csv") || type.startsWith("text/plain")
                || type.startsWith("application/vnd.ms-excel"))) {
            throw new ApiError(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE",
                    Text.of("Kirim berkas CSV (Content-Type: text/csv).", "Send a CSV file (Content-Type: text/csv)."),
                    Map.of("contentType", type));
        }
        if (type.contains("charset=") && !type.contains("charset=utf-8")) {
            throw ApiError.badRequest("CSV_NOT_UTF8", Text.of(
                    "Berkas harus UTF-8. Di Excel: Simpan Sebagai → \"CSV UTF-8 (dipisahkan koma)\".",
                    "The file must be UTF-8. In Excel: Save As → \"CSV UTF-8 (Comma delimited)\"."), Map.of("contentType", type));
        }
        if (req.headers().contentLength().orElse(-1L) > PickupCsv.MAX_BYTES) {
            throw PickupCsv.tooLarge();
        }
        byte[] bytes;
        ReadDeadline deadline = ReadDeadline.arm(UPLOAD_TIMEOUT);
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(PickupCsv.MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            deadline.disarm();
            throw new CloseConnectionException("Upload incomplete", e);
        }
        if (deadline.disarm()) {
            throw new CloseConnectionException("Upload took too long");
        }
        if (bytes.length > PickupCsv.MAX_BYTES) {
            throw PickupCsv.tooLarge();
        }
        PickupCsv.Sheet sheet = PickupCsv.read(bytes, PickupDesk.MAX_ROWS);
        List<Map<String, Object>> refused = new ArrayList<>();
        List<PickupRegistration> good = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (PickupCsv.Row row : sheet.rows()) {
            if (row.checked().ok()) {
                good.add(row.checked().registration());
                lines.add(row.line());
            } else {
                refused.add(refusedRow(row.line(), row.reference(), row.checked().problems()));
            }
        }
        if (refused.isEmpty()) {
            try {
                List<PickupDesk.Registered> stored = desk.register(officeId, good, lines, who.username());
                boolean notify = desk.notifying(officeId);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("accepted", stored.size());
                body.put("refused", List.of());
                body.put("ignoredColumns", sheet.ignoredColumns());
                body.put("messagesQueued", notify);
                body.put("documents", stored.stream().map(r -> registered(r, office.zone(), notify)).toList());
                Json.ok(res, body);
                return;
            } catch (PickupDesk.NotRegistered e) {
                e.refused().forEach(r -> refused.add(refusedRow(r.row(), r.reference(), r.problems())));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accepted", 0);
        details.put("rows", sheet.rows().size());
        details.put("rowsValid", sheet.rows().size() - (int) sheet.rows().stream().filter(r -> !r.checked().ok()).count());
        details.put("refusedCount", refused.size());
        details.put("refused", refused);
        details.put("ignoredColumns", sheet.ignoredColumns());
        throw new ApiError(Status.create(422, "Unprocessable Content"), "IMPORT_REFUSED", Text.of(
                "Tidak ada yang didaftarkan: " + refused.size() + " baris ditolak. Perbaiki baris itu lalu unggah lagi seluruh berkas.",
                "Nothing was registered: " + refused.size() + " rows refused. Fix those rows and upload the whole file again."),
                details);
    }

    private static Map<String, Object> refusedRow(int line, String reference, List<PickupRegistration.Problem> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", line);
        m.put("reference", reference == null ? null : reference.length() > 64 ? reference.substring(0, 64) : reference);
        m.put("problems", problems(problems));
        return m;
    }

    private static List<Map<String, Object>> problems(List<PickupRegistration.Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", p.field());
            m.put("message", p.message().joined());
            m.put("messages", Map.of("id", p.message().id(), "en", p.message().en()));
            return m;
        }).toList();
    }

    private void one(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        PickupDocument d = desk.document(officeId, id(req));
        Map<String, Object> m = staffView(d, false, office.zone());
        m.put("messages", desk.messages(d.id()).stream().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", s.kind().name());
            x.put("state", s.state());
            x.put("delivery", s.delivery());
            x.put("createdAt", Views.at(s.createdAt(), office.zone()));
            x.put("sentAt", Views.at(s.sentAt(), office.zone()));
            return x;
        }).toList());
        Json.ok(res, m);
    }

    private void settings(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        Json.ok(res, settingsView(desk.settings(req.path().pathParameters().get("office"))));
    }

    private void saveSettings(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.ADMIN);
        String officeId = req.path().pathParameters().get("office");
        offices.get(officeId);
        JsonNode body = JsonBody.tree(req);
        PickupSettings current = desk.settings(officeId);
        Map<String, CounterServes> serves = new LinkedHashMap<>(current.counterServes());
        JsonNode cs = body.get("counterServes");
        if (cs != null && !cs.isNull()) {
            if (!cs.isObject() || cs.size() > 50) {
                throw invalidField("counterServes");
            }
            serves.clear();
            for (var e : cs.properties()) {
                try {
                    serves.put(e.getKey(), CounterServes.valueOf(e.getValue().asText()));
                } catch (IllegalArgumentException x) {
                    throw invalidField("counterServes." + e.getKey());
                }
            }
        }
        PickupSettings s = new PickupSettings(number(body, "slotMinutes", current.slotMinutes()),
                number(body, "slotCapacity", current.slotCapacity()), number(body, "dayCapacity", current.dayCapacity()),
                number(body, "horizonDays", current.horizonDays()), number(body, "leadDays", current.leadDays()),
                number(body, "overdueDays", current.overdueDays()), number(body, "secondReminderDays", current.secondReminderDays()),
                number(body, "archiveDays", current.archiveDays()), serves);
        try {
            Json.ok(res, settingsView(desk.saveSettings(officeId, s, who.username())));
        } catch (InvalidSettings e) {
            throw OfficeApi.invalid(e);
        }
    }

    private static int number(JsonNode body, String field, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalidField(field);
        }
        return v.intValue();
    }

    private static ApiError invalidField(String field) {
        return ApiError.badRequest("INVALID_JSON", Text.of("Isian tidak sesuai jenisnya: " + field + ".",
                "A field has the wrong type: " + field + "."), Map.of("field", field));
    }

    static Map<String, Object> settingsView(PickupSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slotMinutes", s.slotMinutes());
        m.put("slotCapacity", s.slotCapacity());
        m.put("dayCapacity", s.dayCapacity());
        m.put("horizonDays", s.horizonDays());
        m.put("leadDays", s.leadDays());
        m.put("overdueDays", s.overdueDays());
        m.put("secondReminderDays", s.secondReminderDays());
        m.put("archiveDays", s.archiveDays());
        Map<String, String> serves = new java.util.TreeMap<>();
        s.counterServes().forEach((k, v) -> serves.put(k, v.name()));
        m.put("counterServes", serves);
        return m;
    }

    private void report(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        Office office = offices.get(officeId);
        LocalDate today = java.time.Instant.now().atZone(office.zone()).toLocalDate();
        LocalDate from = ReportApi.date(req, "from", today);
        LocalDate to = ReportApi.date(req, "to", from.isAfter(today) ? from : today);
        if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            throw ApiError.badRequest("INVALID_RANGE", Text.of("Rentang tanggal: dari ≤ sampai, paling panjang 366 hari.",
                    "Date range: from ≤ to, at most 366 days."), Map.of("from", from.toString(), "to", to.toString()));
        }
        List<PickupStore.DayFigures> figures = desk.report(officeId, from, to);
        String accept = String.join(",", req.headers().values(HeaderNames.ACCEPT)).toLowerCase(Locale.ROOT);
        if (accept.contains("text/csv")) {
            StringBuilder csv = new StringBuilder("day,document_type,registered,scheduled,collected,overdue\r\n");
            figures.forEach(f -> csv.append(f.day()).append(',').append(f.type().name()).append(',').append(f.registered())
                    .append(',').append(f.scheduled()).append(',').append(f.collected()).append(',').append(f.overdue()).append("\r\n"));
            ReportCsv.send(res, "pengambilan-" + officeId + "-" + from + "_" + to + ".csv", csv.toString());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", officeId);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("rows", figures.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", f.day().toString());
            m.put("type", f.type().name());
            m.put("registered", f.registered());
            m.put("scheduled", f.scheduled());
            m.put("collected", f.collected());
            m.put("overdue", f.overdue());
            return m;
        }).toList());
        Json.ok(res, body);
    }

    private void forTicket(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        PickupDocument d = desk.forTicket(id(req)).orElseThrow(() -> new Rejected(id.antrean.domain.PickupRejections.notAPickupTicket()));
        Json.ok(res, staffView(d, false, offices.get(d.officeId()).zone()));
    }

    private void handOver(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        long ticketId = id(req);
        JsonNode body = JsonBody.tree(req);
        String raw = JsonBody.text(body, "collector");
        Collector collector;
        try {
            collector = Collector.valueOf(raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("INVALID_REQUEST", Text.of("Siapa yang mengambil: RESIDENT (pemohon) atau REPRESENTATIVE (kuasa).",
                    "Who collected it: RESIDENT or REPRESENTATIVE."), Map.of("field", "collector"));
        }
        PickupDocument d = desk.handOver(ticketId, collector, JsonBody.text(body, "representativeName"),
                JsonBody.text(body, "representativeRelation"), who.username());
        Json.ok(res, staffView(d, false, offices.get(d.officeId()).zone()));
    }

    /** A document as staff see it: the phone masked to its last four digits, the NIK's last four. */
    static Map<String, Object> staffView(PickupDocument d, boolean overdue, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("type", d.type().name());
        m.put("typeLabel", Views.text(d.type().label()));
        m.put("reference", d.reference());
        m.put("name", d.residentName());
        m.put("phone", PhoneMask.mask(d.phone()));
        m.put("nikLast4", d.nikLast4());
        m.put("state", d.state().name());
        m.put("stateLabel", Views.text(d.state().label()));
        m.put("overdue", overdue);
        m.put("day", d.day().toString());
        m.put("slot", Views.slot(d.slot()));
        m.put("reschedules", d.reschedules());
        m.put("remindersSent", d.remindersSent());
        Map<String, Object> rep = null;
        if (d.representativeName() != null) {
            rep = new LinkedHashMap<>();
            rep.put("name", d.representativeName());
            rep.put("relation", d.representativeRelation());
        }
        m.put("representative", rep);
        m.put("registeredAt", Views.at(d.registeredAt(), zone));
        m.put("registeredBy", d.registeredBy());
        m.put("collectedAt", Views.at(d.collectedAt(), zone));
        m.put("collector", d.collector() == null ? null : d.collector().name());
        m.put("collectedBy", d.collectedBy());
        m.put("archivedAt", Views.at(d.archivedAt(), zone));
        return m;
    }

    private static Map<String, Object> registered(PickupDesk.Registered r, ZoneId zone, boolean messageQueued) {
        Map<String, Object> m = staffView(r.document(), false, zone);
        m.put("code", PickupCode.display(r.code()));
        m.put("link", "/p/" + r.document().linkToken());
        m.put("messageQueued", messageQueued);
        return m;
    }

    static long id(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new Rejected(id.antrean.domain.PickupRejections.notFound());
        }
    }

    static String slotText(Slot s) {
        return Slot.hhmm(s.startMinute()) + "–" + Slot.hhmm(s.endMinute());
    }

    static List<String> types() {
        return java.util.Arrays.stream(DocumentType.values()).map(Enum::name).toList();
    }
}
