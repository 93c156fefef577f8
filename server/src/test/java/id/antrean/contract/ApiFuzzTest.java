package id.antrean.contract;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every operation of the served OpenAPI document with malformed, boundary and hostile
 * input derived from its parameters and request schemas (wrong types, missing and extra fields,
 * long and strange text, injection strings, huge numbers, broken JSON, wrong content types,
 * hostile path and query values), sent anonymously and as a logged-in admin with the CSRF token.
 * Asserted for every answer: never a 5xx; every error is the JSON error body; a refused request
 * stores nothing (a checksum of every table that holds office state is the same before and after).
 *
 * <p>Seeded and reproducible: {@code -Dantrean.fuzz.seed=N} replays a run, {@code -Dantrean.fuzz.only=operationId/identity/case}
 * one case of it, {@code -Dantrean.fuzz.cases=N} sets the cases per operation and identity.
 * Each case has its own random stream derived from the seed and its name, so a case means the same input whatever else runs.
 */
@ExtendWith(TestDatabase.class)
class ApiFuzzTest {
    static final long SEED = Long.getLong("antrean.fuzz.seed", 20_261_202L);
    static final int CASES = Integer.getInteger("antrean.fuzz.cases", 14);
    static final String ONLY = System.getProperty("antrean.fuzz.only", "");
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static final String RAW = "\u0001raw:";

    /** JSON values a field may be given, written raw (some are not valid JSON on purpose). */
    static final List<String> VALUES = List.of(
            "null", "true", "false", "0", "-0", "-1", "1e309", "-1e309", "9999999999999999999", "1.0E-400", "36.6",
            "\"\"", "\" \"", "\"" + "a".repeat(3000) + "\"", "\"" + "é".repeat(9000) + "\"",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800x\"", "\"\u202eRTL\u202c مرحبا\"", "\"😷🧤👵🏽\"",
            "\"' OR '1'='1\"", "\"'; DROP TABLE ticket; --\"", "\"<script>alert(1)</script>\"", "\"${jndi:ldap://x/a}\"",
            "\"../../etc/passwd\"", "\"%00%ff\"", "\"\\\\\"", "\"2026-02-30\"", "\"9999-99-99\"", "\"-0001-01-01\"",
            "\"1602011505900001\"", "\"admin\"", "\"ADMIN\"", "\"KTP_EL_RECORDING\"",
            "[]", "{}", "[1,\"a\",null,{}]", "{\"$ref\":\"#/x\"}", "[".repeat(60) + "]".repeat(60),
            "{\"a\":".repeat(40) + "1" + "}".repeat(40), "NaN", "Infinity", "0x10", "'single'", "tru");

    /** Whole bodies: broken JSON, trailing data, duplicate keys, nesting, bytes that are not UTF-8. */
    static final List<Function<String, byte[]>> BODIES = List.of(
            base -> new byte[0],
            base -> "{".getBytes(StandardCharsets.UTF_8),
            base -> "[]".getBytes(StandardCharsets.UTF_8),
            base -> "null".getBytes(StandardCharsets.UTF_8),
            base -> "\"text\"".getBytes(StandardCharsets.UTF_8),
            base -> "12".getBytes(StandardCharsets.UTF_8),
            base -> (base + "x").getBytes(StandardCharsets.UTF_8),
            base -> (base + base).getBytes(StandardCharsets.UTF_8),
            base -> (base + " // comment").getBytes(StandardCharsets.UTF_8),
            base -> duplicateKey(base).getBytes(StandardCharsets.UTF_8),
            base -> ("\uFEFF" + base).getBytes(StandardCharsets.UTF_8),
            base -> "[".repeat(10_000).getBytes(StandardCharsets.UTF_8),
            base -> "{\"a\":".repeat(3000).getBytes(StandardCharsets.UTF_8),
            base -> new byte[]{'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'},
            base -> new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0},
            base -> ("{\"pad\":\"" + "x".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8),
            base -> base.replace(":", ": ").replace(",", " ,\n").getBytes(StandardCharsets.UTF_16LE));

    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/jsonx", "application/json; charset=ISO-8859-1",
            "application/json-patch+json", "*/*", "", "application/xml");

    /** Path and query values as they go on the wire: some encoded, some raw (a client must not crash the router). */
    static final List<String> PATH_VALUES = List.of(
            "%", "%zz", "%00", "%2F", "..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a".repeat(2000), "-1", "0",
            "99999999999999999999", "1e3", "0x1F", "%F0%9F%98%B7", "%E2%80%AE", "%C0%AE", "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
            enc("' OR 1=1 --"), enc("<script>alert(1)</script>"), enc("${jndi:ldap://x/a}"), "%20", "null", "oki%00",
            "%ED%A0%80", "A-001", enc("../../../../etc/passwd"));

    static final List<String> HEADER_VALUES = List.of("", " ", "x".repeat(4000), "日本語", "\u202e", "a b", "-1", "0",
            "99999999999999999999", "' OR 1=1 --", "%00", "\t", "😷");

    enum Identity { ANONYMOUS, STAFF }

    record Failure(String name, String problem, String request) {
    }

    static TestDatabase.Db db;
    static Antrean node;
    static RawHttp http;
    static OpenApiContract contract;
    static Connection sql;
    static String cookie;
    static String csrf;
    static String token;
    static long ticketId;
    static JsonNode settings;

    @BeforeAll
    static void start(TestDatabase.Db database) throws Exception {
        db = database;
        // The admission timer would change the room between a snapshot and its check; the fuzz does not need it.
        // Rate limits high: the fuzz is about input, and its staff session must be able to log in again.
        node = TestServer.start(db, CLOCK, Map.of("antrean.admission.seconds", "3600",
                "antrean.rate-limit.login.per-minute", "100000", "antrean.rate-limit.kiosk.per-minute", "100000",
                "antrean.rate-limit.ticket.per-minute", "100000"));
        http = new RawHttp(node.port());
        Api admin = new Api(node.port()).loginAsAdmin();
        admin.newStaff("fuzz-target", "OPERATOR");
        JsonNode ticket = new Api(node.port()).post("/api/v1/offices/oki/tickets", Api.ticketRequest(Api.nik(1))).json();
        token = ticket.get("token").asText();
        ticketId = ticket.get("id").asLong();
        settings = admin.get("/api/v1/offices/oki/settings").json();
        contract = new OpenApiContract(new Api(node.port()).getWith("/openapi", Map.of("Accept", "application/json")).json());
        sql = db.connect();
        login();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (sql != null) {
            sql.close();
        }
        if (node != null) {
            node.close();
        }
    }

    static void login() {
        Api staff = new Api(node.port());
        Api.Response r = staff.login("admin", Api.ADMIN_PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        csrf = r.json().get("csrfToken").asText();
    }

    @Test
    void everyOperationSurvivesHostileInput() throws Exception {
        System.out.println("API fuzz: seed " + SEED + " (-Dantrean.fuzz.seed=" + SEED + "), " + CASES
                + " cases per operation and identity" + (ONLY.isEmpty() ? "" : ", only " + ONLY));
        long started = System.nanoTime();
        List<Failure> failures = new ArrayList<>();
        int sent = 0;
        int refused = 0;
        for (OpenApiContract.Operation op : contract.operations()) {
            for (Identity who : Identity.values()) {
                for (int i = 0; i < CASES; i++) {
                    String name = op.id() + "/" + who + "/" + i;
                    if (!ONLY.isEmpty() && !ONLY.equals(name)) {
                        continue;
                    }
                    Random random = new Random(SEED ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
                    boolean[] routeIntact = {true};
                    RawHttp.Request request = generate(op, who, random, routeIntact);
                    String before = snapshot();
                    RawHttp.Response response;
                    try {
                        response = http.send(request);
                    } catch (IOException e) {
                        failures.add(new Failure(name, "no answer: " + e.getMessage(), request.describe()));
                        continue;
                    }
                    sent++;
                    List<String> problems = check(response);
                    // With its address intact the request reached the operation: its answer must be one the document lists.
                    if (routeIntact[0] && response.status() != 503 && contract.response(op, response.status()) == null) {
                        problems.add("status " + response.status() + " is not documented for " + op.key() + ": "
                                + OpenApiContract.abbreviate(response.body()));
                    }
                    if (response.status() >= 400) {
                        refused++;
                        String after = snapshot();
                        if (!after.equals(before)) {
                            problems.add("a refused request changed stored data: " + before + " -> " + after);
                        }
                    }
                    for (String p : problems) {
                        failures.add(new Failure(name, p, request.describe()));
                    }
                    if (response.status() < 300 && request.headers().containsKey("Idempotency-Key")) {
                        // A ticket issued under a key has its first answer stored after it was sent: let that land
                        // before the next case's snapshot, or the next case would be blamed for it.
                        settle();
                    }
                    if (who == Identity.STAFF && op.id().equals("logout") && response.status() == 200) {
                        login();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("API fuzz: %d requests (%d refused) in %.1f s, %d failures%n", sent, refused, seconds, failures.size());
        StringBuilder report = new StringBuilder();
        for (Failure f : failures) {
            report.append("\n  seed=").append(SEED).append(" case=").append(f.name()).append(": ").append(f.problem())
                    .append("\n    request: ").append(f.request());
        }
        System.out.println(report);
        assertThat(failures).as("fuzz failures (replay one with -Dantrean.fuzz.seed=" + SEED
                + " -Dantrean.fuzz.only=<case>):" + report).isEmpty();
        assertThat(sent).as("requests sent").isGreaterThan(0);
    }

    /** Never a 5xx; every error is the JSON error body of the document's {@code Error} schema. */
    static List<String> check(RawHttp.Response r) {
        List<String> problems = new ArrayList<>();
        if (r.status() >= 500) {
            problems.add("answered " + r.status() + ": " + OpenApiContract.abbreviate(r.body()));
        }
        if (r.status() >= 400) {
            String type = r.header("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                problems.add("error " + r.status() + " is not JSON (" + type + "): " + OpenApiContract.abbreviate(r.body()));
                return problems;
            }
            try {
                List<String> shape = contract.validate("Error", OpenApiContract.MAPPER.readTree(r.body()));
                if (!shape.isEmpty()) {
                    problems.add("error " + r.status() + " lacks the error shape " + shape + ": " + OpenApiContract.abbreviate(r.body()));
                }
            } catch (IOException e) {
                problems.add("error " + r.status() + " body is not JSON: " + OpenApiContract.abbreviate(r.body()));
            }
        }
        return problems;
    }

    /** One fuzz case: a valid request of the operation with one or two hostile changes. */
    static RawHttp.Request generate(OpenApiContract.Operation op, Identity who, Random random, boolean[] routeIntact) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (who == Identity.STAFF) {
            headers.put("Cookie", cookie);
            headers.put("X-CSRF-Token", csrf);
        }
        List<JsonNode> parameters = new ArrayList<>();
        op.node().path("parameters").forEach(p -> parameters.add(contract.resolve(p)));
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<String> queryNames = new ArrayList<>();
        List<String> headerNames = new ArrayList<>();
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            switch (p.path("in").asText()) {
                case "path" -> pathValues.put(name, validPathValue(name));
                case "query" -> queryNames.add(name);
                case "header" -> headerNames.add(name);
                default -> { }
            }
        }
        JsonNode bodySchema = contract.resolve(op.node().path("requestBody").path("content").path("application/json").path("schema"));
        boolean takesBody = op.method().equals("post") || op.method().equals("put");
        Map<String, String> query = new LinkedHashMap<>();
        String contentType = takesBody ? "application/json" : null;
        String body = takesBody ? baseBody(op, random).toString() : null;
        byte[] rawBody = null;

        List<String> kinds = new ArrayList<>(List.of("query", "header"));
        if (!pathValues.isEmpty()) {
            kinds.add("path");
            kinds.add("path");
        }
        if (takesBody) {
            kinds.addAll(List.of("field", "field", "field", "missing", "extra", "body", "body", "type"));
        }
        int changes = 1 + (random.nextInt(4) == 0 ? 1 : 0);
        for (int c = 0; c < changes; c++) {
            switch (kinds.get(random.nextInt(kinds.size()))) {
                case "path" -> {
                    routeIntact[0] = false;
                    List<String> names = new ArrayList<>(pathValues.keySet());
                    pathValues.put(names.get(random.nextInt(names.size())), pick(random, PATH_VALUES));
                }
                case "query" -> {
                    routeIntact[0] = false;
                    String name = queryNames.isEmpty() || random.nextInt(3) == 0 ? pick(random, List.of("x", "%", "a[b]", "", "limit"))
                            : pick(random, queryNames);
                    query.put(name, pick(random, PATH_VALUES));
                }
                case "header" -> {
                    List<String> names = new ArrayList<>(headerNames);
                    names.addAll(List.of("Accept", "Cookie", "X-CSRF-Token", "Idempotency-Key", "Last-Event-ID", "Accept-Language"));
                    String name = pick(random, names);
                    String value = pick(random, HEADER_VALUES);
                    headers.put(name, name.equals("Cookie") ? "antrean_session=" + value : value);
                }
                case "field" -> body = setField(body, bodySchema, random);
                case "missing" -> body = removeField(body, bodySchema, random);
                case "extra" -> body = addField(body, random);
                case "body" -> rawBody = pick(random, BODIES).apply(body);
                case "type" -> contentType = pick(random, CONTENT_TYPES);
                default -> throw new IllegalStateException();
            }
        }
        String target = op.template();
        for (Map.Entry<String, String> p : pathValues.entrySet()) {
            target = target.replace("{" + p.getKey() + "}", p.getValue());
        }
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(v));
            target += q;
        }
        if (contentType != null && !contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        byte[] bytes = rawBody != null ? rawBody : body == null ? null : rawJson(body).getBytes(StandardCharsets.UTF_8);
        return new RawHttp.Request(op.method().toUpperCase(), target, headers, bytes);
    }

    static String validPathValue(String name) {
        return switch (name) {
            case "office" -> "oki";
            case "token" -> token;
            case "id" -> String.valueOf(ticketId);
            case "counter" -> "1";
            case "username" -> "fuzz-target";
            default -> "x";
        };
    }

    /** A body the operation would accept, from the document's schema with known-good values where the schema cannot say. */
    static JsonNode baseBody(OpenApiContract.Operation op, Random random) {
        ObjectNode body = OpenApiContract.MAPPER.createObjectNode();
        switch (op.id()) {
            case "issueTicket" -> body = OpenApiContract.MAPPER.valueToTree(Api.ticketRequest(Api.nik(100 + random.nextInt(9000))));
            case "login" -> body.put("username", "fz-" + random.nextInt(1_000_000)).put("password", "not-the-password");
            case "putSettings" -> body = settings.deepCopy();
            case "createStaff" -> body.put("username", "fz" + random.nextInt(1_000_000)).put("password", "password-for-fuzz").put("role", "OPERATOR");
            case "updateStaff" -> body.put("role", "OPERATOR");
            case "start" -> {
                body.putObject("ppe").put("MASK", true).put("GLOVES", true);
                body.put("temperatureC", 36.5);
            }
            case "refuse" -> body.put("reason", "Tidak memakai masker");
            case "reprintSlip" -> body.put("number", "A-001").put("nik", Api.nik(1));
            case "putNotificationSettings" -> body.put("enabled", false).put("nearAhead", 3).put("keepDays", 30);
            case "whatsappWebhookReport" -> body.putArray("entry").addObject().putArray("changes");
            default -> {
                JsonNode schema = contract.resolve(op.node().path("requestBody").path("content").path("application/json").path("schema"));
                for (String name : properties(schema)) {
                    body.put(name, "x");
                }
            }
        }
        return body;
    }

    /** The property names a schema declares (through {@code $ref} and {@code allOf}). */
    static Set<String> properties(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode s = contract.resolve(schema);
        if (s == null || s.isMissingNode()) {
            return names;
        }
        s.path("properties").fieldNames().forEachRemaining(names::add);
        s.path("allOf").forEach(part -> names.addAll(properties(part)));
        return names;
    }

    static String setField(String body, JsonNode schema, Random random) {
        ObjectNode tree = parse(body);
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, objects);
        ObjectNode target = random.nextInt(2) == 0 ? tree : pick(random, objects);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (target == tree) {
            names.addAll(properties(schema));
        }
        if (names.isEmpty()) {
            names.add("x");
        }
        target.put(pick(random, names), RAW + pick(random, VALUES));
        return tree.toString();
    }

    static String removeField(String body, JsonNode schema, Random random) {
        ObjectNode tree = parse(body);
        List<String> required = new ArrayList<>();
        contract.resolve(schema).path("required").forEach(r -> required.add(r.asText()));
        if (required.isEmpty()) {
            tree.fieldNames().forEachRemaining(required::add);
        }
        if (!required.isEmpty()) {
            tree.remove(pick(random, required));
        }
        return tree.toString();
    }

    static String addField(String body, Random random) {
        ObjectNode tree = parse(body);
        String name = pick(random, List.of("__proto__", "constructor", "extra", "x".repeat(500), "", "😷", "$where", "a.b"));
        tree.put(name, RAW + pick(random, VALUES));
        return tree.toString();
    }

    static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                collectObjects(it.next(), into);
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(n -> collectObjects(n, into));
        }
    }

    static ObjectNode parse(String body) {
        try {
            return (ObjectNode) OpenApiContract.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the raw JSON values in place of their markers (they may be invalid JSON on purpose). */
    static String rawJson(String json) {
        StringBuilder out = new StringBuilder();
        String marker = "\"\\u0001raw:";
        int from = 0;
        for (int at = json.indexOf(marker); at >= 0; at = json.indexOf(marker, from)) {
            out.append(json, from, at);
            int end = at + marker.length();
            // The marker's string ends at the first unescaped quote.
            StringBuilder value = new StringBuilder();
            while (json.charAt(end) != '"') {
                if (json.charAt(end) == '\\') {
                    value.append(json, end, end + 2);
                    end += 2;
                } else {
                    value.append(json.charAt(end++));
                }
            }
            out.append(unescape(value.toString()));
            from = end + 1;
        }
        return out.append(json.substring(from)).toString();
    }

    private static String unescape(String escaped) {
        try {
            return OpenApiContract.MAPPER.readValue("\"" + escaped + "\"", String.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String duplicateKey(String base) {
        return base.startsWith("{") && base.length() > 2 ? "{\"service\":\"A\",\"service\":\"B\"," + base.substring(1) : "{\"a\":1,\"a\":2}";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Waits (at most 2 s) until two snapshots 30 ms apart agree. */
    static void settle() throws SQLException, InterruptedException {
        String last = snapshot();
        for (int i = 0; i < 66; i++) {
            Thread.sleep(30);
            String now = snapshot();
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
    }

    /** What a refused request must not change: every table of office state, and the accounts (not their failed-login counters). */
    static String snapshot() throws SQLException {
        StringBuilder s = new StringBuilder();
        try (Statement st = sql.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "CHECKSUM TABLE ticket, office, service, day_counter, slot_usage, idempotency_key, waiting_room, event,"
                    + " notify_office, notify_consent, notify_outbox, pickup_document, pickup_settings")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    s.append(table.substring(table.indexOf('.') + 1)).append('=').append(rs.getString(2)).append(' ');
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS('|', username, role, disabled, "
                    + "password_hash))), 0) FROM staff")) {
                rs.next();
                s.append("staff=").append(rs.getLong(1)).append('/').append(rs.getLong(2));
            }
        }
        return s.toString();
    }
}
