package id.antrean.contract;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API answers as its OpenAPI document says: the document is fetched from a real server
 * ({@code /openapi}), every operation in it is called (happy path and each documented error that a
 * client can provoke), and every real answer is checked against the document (status documented,
 * content type, required headers, body valid against the schema). Every route the server registers
 * must be in the document, and every operation in the document must be exercised here.
 */
@ExtendWith(TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    /** Statuses no test can provoke on demand here; each is covered elsewhere, as named. */
    static final String WEBHOOK_SECRET = "webhook-secret-for-tests";
    static final Map<String, String> NOT_PROVOKED = Map.of("503", "database faults: the fault tests");
    /** Low limits, so that each rate-limited operation's 429 is provoked here too. */
    static final Map<String, String> LIMITS = Map.of("antrean.rate-limit.kiosk.per-minute", "20",
            "antrean.rate-limit.ticket.per-minute", "30", "antrean.rate-limit.login.per-minute", "1000",
            "antrean.rate-limit.refusal-delay-ms", "0", "antrean.rate-limit.pickup.per-minute", "60",
            "antrean.whatsapp.app.secret", WEBHOOK_SECRET, "antrean.whatsapp.verify.token", "verify-me");
    static TestDatabase.Db db;
    static Antrean node;
    static Api admin;
    static Api operator;
    static Api anonymous;
    static OpenApiContract contract;
    static final Map<String, Set<Integer>> exercised = new TreeMap<>();
    static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK, LIMITS);
        anonymous = new Api(node.port());
        admin = new Api(node.port()).loginAsAdmin();
        operator = admin.newStaff("operator1", "OPERATOR");
        Api.Response served = anonymous.getWith("/openapi", Map.of("Accept", "application/json"));
        assertThat(served.status()).isEqualTo(200);
        contract = new OpenApiContract(served.json());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** Calls through {@code call}, asserts the status and checks the answer against the document. */
    static Api.Response expect(String operationId, int status, Api.Response r) {
        OpenApiContract.Operation op = contract.operation(operationId);
        assertThat(r.status()).as(op.key() + " answered " + r.body()).isEqualTo(status);
        List<String> found = contract.problems(op, r.status(), r.headers().firstValue("Content-Type").orElse(null),
                r.body(), r.headers().map());
        problems.addAll(found);
        assertThat(found).as(op.key() + " " + status + " against the document").isEmpty();
        exercised.computeIfAbsent(operationId, k -> new TreeSet<>()).add(status);
        return r;
    }

    /** An event stream: only the status line and headers are read, then the stream is closed. */
    static Api.Response stream(String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = r.body()) {
            body = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                    ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonNode json = body.isEmpty() ? null : OpenApiContract.MAPPER.readTree(body);
        return new Api.Response(r.statusCode(), json, body, r.headers());
    }

    static Api.Response raw(Api client, String method, String path, String contentType, String body) {
        return client.raw(method, path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void theDocumentIsServedAsYamlAndJsonAndIsSelfContained() throws Exception {
        Api.Response yaml = expect("getOpenApi", 200, anonymous.get("/openapi"));
        Api.Response json = expect("getOpenApi", 200, anonymous.getWith("/openapi", Map.of("Accept", "application/json")));
        assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        JsonNode fromYaml = new YAMLMapper().readTree(yaml.body());
        assertThat(fromYaml).isEqualTo(json.json());
        assertThat(json.json().path("openapi").asText()).isEqualTo("3.1.0");
        // Bundled: the settings schema is in the document, and no reference leaves it.
        JsonNode settings = json.json().at("/components/schemas/OfficeSettings");
        assertThat(settings.path("required").toString()).contains("dailyQuota", "checklist", "counters");
        assertThat(settings.has("$schema")).isFalse();
        List<String> refs = new ArrayList<>();
        collectRefs(json.json(), refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("reference").startsWith("#/");
            assertThat(json.json().at(ref.substring(1)).isMissingNode()).as("dangling " + ref).isFalse();
        }
        Set<String> ids = new LinkedHashSet<>();
        contract.operations().forEach(o -> assertThat(ids.add(o.id())).as("operationId twice: " + o.id()).isTrue());
        // What OpenAPI 3.1 requires of each operation: path parameters declared (and required), responses described.
        for (OpenApiContract.Operation op : contract.operations()) {
            Set<String> declared = new TreeSet<>();
            op.node().path("parameters").forEach(p -> {
                JsonNode param = contract.resolve(p);
                assertThat(param.path("name").asText()).as(op.key() + " parameter name").isNotEmpty();
                assertThat(param.path("in").asText()).as(op.key() + " parameter " + param.path("name"))
                        .isIn("path", "query", "header", "cookie");
                if (param.path("in").asText().equals("path")) {
                    assertThat(param.path("required").asBoolean()).as(op.key() + " path parameter required").isTrue();
                    declared.add(param.path("name").asText());
                }
            });
            Set<String> inTemplate = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.template());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(op.key() + " path parameters").isEqualTo(inTemplate);
            assertThat(op.node().path("responses").size()).as(op.key() + " responses").isPositive();
            op.node().path("responses").fields().forEachRemaining(r -> assertThat(
                    contract.resolve(r.getValue()).path("description").isTextual()).as(op.key() + " " + r.getKey() + " description").isTrue());
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    @Test
    @Order(2)
    void publicOperations() throws Exception {
        String office = "/api/v1/offices/oki";
        expect("listServices", 200, anonymous.get(office + "/services"));
        expect("listServices", 404, anonymous.get("/api/v1/offices/nope/services"));
        expect("kioskInfo", 200, anonymous.get(office + "/kiosk"));
        expect("kioskInfo", 404, anonymous.get("/api/v1/offices/nope/kiosk"));

        // Nobody waits yet: calling the next resident answers 204.
        expect("callNext", 204, operator.post(office + "/counters/1/call-next", null));

        String tickets = office + "/tickets";
        JsonNode first = expect("issueTicket", 201, anonymous.post(tickets, ticketRequest(nik(1)),
                Map.of("Idempotency-Key", "contract-1"))).json();
        expect("issueTicket", 409, anonymous.post(tickets, ticketRequest(nik(1))));
        expect("issueTicket", 400, raw(anonymous, "POST", tickets, "application/json", "{\"service\":"));
        expect("issueTicket", 400, anonymous.post(tickets, ticketRequest(nik(2)), Map.of("Idempotency-Key", "two words")));
        expect("issueTicket", 404, anonymous.post("/api/v1/offices/nope/tickets", ticketRequest(nik(2))));
        expect("issueTicket", 413, raw(anonymous, "POST", tickets, "application/json",
                "{\"service\":\"" + "x".repeat(20_000) + "\"}"));
        expect("issueTicket", 415, raw(anonymous, "POST", tickets, "text/plain", Api.json(ticketRequest(nik(2)))));
        expect("issueTicket", 422, anonymous.post(tickets, ticketRequest("123")));

        String token = first.get("token").asText();
        expect("ticketStatus", 200, anonymous.get("/api/v1/tickets/" + token));
        expect("ticketStatus", 404, anonymous.get("/api/v1/tickets/no-such-token"));

        String second = expect("issueTicket", 201, anonymous.post(tickets, ticketRequest(nik(2)))).json().get("token").asText();
        expect("cancelTicket", 200, anonymous.delete("/api/v1/tickets/" + second));
        expect("cancelTicket", 409, anonymous.delete("/api/v1/tickets/" + second));
        expect("cancelTicket", 404, anonymous.delete("/api/v1/tickets/no-such-token"));

        expect("displayStream", 200, stream(office + "/display/stream"));
        expect("displayStream", 404, stream("/api/v1/offices/nope/display/stream"));
        expect("ticketStream", 200, stream("/api/v1/tickets/" + token + "/stream"));
        expect("ticketStream", 404, stream("/api/v1/tickets/no-such-token/stream"));

        String reprint = office + "/tickets/reprint";
        Map<String, Object> slip = Map.of("number", first.get("number").asText(), "nik", nik(1));
        JsonNode reprinted = expect("reprintSlip", 200, operator.post(reprint, slip)).json();
        assertThat(reprinted.get("token").asText()).isEqualTo(token);
        expect("reprintSlip", 400, raw(operator, "POST", reprint, "application/json", "{\"number\":"));
        expect("reprintSlip", 401, anonymous.post(reprint, slip));
        Api noCsrf = admin.newStaff("operator3", "OPERATOR");
        noCsrf.forgetCsrf();
        expect("reprintSlip", 403, noCsrf.post(reprint, slip));
        expect("reprintSlip", 404, operator.post(reprint, Map.of("number", "A-999", "nik", nik(1))));
        expect("reprintSlip", 404, operator.post("/api/v1/offices/nope/tickets/reprint", slip));
        expect("reprintSlip", 409, operator.post(reprint, Map.of("number", "A-002", "nik", nik(2))));
        expect("reprintSlip", 413, raw(operator, "POST", reprint, "application/json", "{\"number\":\"" + "9".repeat(17_000) + "\"}"));
        expect("reprintSlip", 415, raw(operator, "POST", reprint, "text/plain", Api.json(slip)));
        expect("reprintSlip", 422, operator.post(reprint, Map.of("number", "seventeen", "nik", nik(1))));
    }

    @Test
    @Order(6)
    void notificationAndWebhookOperations() throws Exception {
        String office = "/api/v1/offices/oki";
        expect("notificationInfo", 200, anonymous.get(office + "/notifications"));
        expect("notificationInfo", 404, anonymous.get("/api/v1/offices/nope/notifications"));

        String settings = office + "/notifications/settings";
        expect("getNotificationSettings", 200, admin.get(settings));
        expect("getNotificationSettings", 401, anonymous.get(settings));
        expect("getNotificationSettings", 403, operator.get(settings));
        expect("getNotificationSettings", 404, admin.get("/api/v1/offices/nope/notifications/settings"));
        Map<String, Object> off = Map.of("enabled", false, "nearAhead", 3, "keepDays", 30);
        expect("putNotificationSettings", 200, admin.put(settings, off));
        expect("putNotificationSettings", 400, raw(admin, "PUT", settings, "application/json", "{\"enabled\":"));
        expect("putNotificationSettings", 401, anonymous.put(settings, off));
        expect("putNotificationSettings", 403, operator.put(settings, off));
        expect("putNotificationSettings", 404, admin.put("/api/v1/offices/nope/notifications/settings", off));
        expect("putNotificationSettings", 413, raw(admin, "PUT", settings, "application/json", "{\"x\":\"" + "n".repeat(17_000) + "\"}"));
        expect("putNotificationSettings", 415, raw(admin, "PUT", settings, "text/plain", Api.json(off)));
        expect("putNotificationSettings", 422, admin.put(settings, Map.of("nearAhead", 99)));

        // A resident who agreed to messages, and one message the provider refused for good.
        Map<String, Object> request = ticketRequest(nik(20));
        request.put("phone", "+6281234567890");
        request.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "id"));
        JsonNode ticket = expect("issueTicket", 201, anonymous.post(office + "/tickets", request)).json();
        TestData.execute(db, "INSERT INTO notify_outbox (office_id, ticket_id, kind, dedupe_key, recipient, language, params, state,"
                + " not_before, next_attempt_at, attempts, last_error, created_at, finished_at) VALUES ('oki', "
                + ticket.get("id").asLong() + ", 'ISSUED', 'contract-1', '+6281234567890', 'id', '{}', 'FAILED',"
                + " NOW(3), NOW(3), 1, 'code 131026: Message undeliverable', NOW(3), NOW(3))");
        long message = TestData.count(db, "SELECT MAX(id) FROM notify_outbox");

        Api supervisor = admin.newStaff("supervisor1", "SUPERVISOR");
        String messages = office + "/messages";
        JsonNode page = expect("messages", 200, supervisor.get(messages + "?day=2026-12-01")).json();
        assertThat(page.get("problems").toString()).contains("FAILED");
        expect("messages", 400, supervisor.get(messages + "?day=someday"));
        expect("messages", 401, anonymous.get(messages));
        expect("messages", 403, operator.get(messages));
        expect("messages", 404, supervisor.get("/api/v1/offices/nope/messages"));
        expect("messagesReport", 200, supervisor.get(messages + "/report?from=2026-12-01&to=2026-12-01"));
        expect("messagesReport", 400, supervisor.get(messages + "/report?from=soon"));
        expect("messagesReport", 401, anonymous.get(messages + "/report"));
        expect("messagesReport", 403, operator.get(messages + "/report"));
        expect("messagesReport", 404, supervisor.get("/api/v1/offices/nope/messages/report"));
        String retry = messages + "/" + message + "/retry";
        expect("retryMessage", 200, supervisor.post(retry, null));
        expect("retryMessage", 409, supervisor.post(retry, null));
        expect("retryMessage", 400, supervisor.post(messages + "/first/retry", null));
        expect("retryMessage", 401, anonymous.post(retry, null));
        expect("retryMessage", 403, operator.post(retry, null));

        String token = ticket.get("token").asText();
        expect("ticketMessages", 200, anonymous.get("/api/v1/tickets/" + token + "/messages"));
        expect("stopTicketMessagesPost", 200, anonymous.post("/api/v1/tickets/" + token + "/messages/stop", null));
        expect("stopTicketMessages", 200, anonymous.delete("/api/v1/tickets/" + token + "/messages"));

        String webhook = "/api/v1/whatsapp/webhook";
        Api.Response challenge = expect("whatsappWebhookVerify", 200,
                anonymous.get(webhook + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=abc123"));
        assertThat(challenge.body()).isEqualTo("abc123");
        expect("whatsappWebhookVerify", 403, anonymous.get(webhook + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=abc"));
        String report = "{\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"wamid.none\",\"status\":\"delivered\"}]}}]}]}";
        expect("whatsappWebhookReport", 200, anonymous.post(webhook, report, Map.of("X-Hub-Signature-256", sign(report))));
        expect("whatsappWebhookReport", 401, anonymous.post(webhook, report, Map.of("X-Hub-Signature-256", "sha256=" + "0".repeat(64))));
        expect("whatsappWebhookReport", 400, anonymous.post(webhook, "{\"entry\":", Map.of("X-Hub-Signature-256", sign("{\"entry\":"))));
        // Over the webhook's 1 MB limit by its declared length only: the body is never sent, as one that
        // does not fit in the socket buffers is cut off mid-send and the client may never read the 413.
        // (The server's own limit is 6 MB since the pickup CSV import.)
        RawHttp.Response tooLarge = new RawHttp(node.port()).send(new RawHttp.Request("POST", webhook,
                Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(2 * 1024 * 1024)), null));
        expect("whatsappWebhookReport", 413, new Api.Response(tooLarge.status(), OpenApiContract.MAPPER.readTree(tooLarge.body()),
                tooLarge.body(), java.net.http.HttpHeaders.of(tooLarge.headers(), (k, v) -> true)));
    }

    /** Personal data lifecycle: retention settings and run, a resident's request, "my data", contact tracing. */
    @Test
    @Order(7)
    void privacyOperations() {
        String office = "/api/v1/offices/oki";
        String settings = office + "/privacy/settings";
        expect("getPrivacySettings", 200, admin.get(settings));
        expect("getPrivacySettings", 401, anonymous.get(settings));
        expect("getPrivacySettings", 403, operator.get(settings));
        expect("getPrivacySettings", 404, admin.get("/api/v1/offices/nope/privacy/settings"));
        Map<String, Object> keep = Map.of("keepDaysAfterTicket", 30, "keepDaysAfterPickup", 30);
        expect("putPrivacySettings", 200, admin.put(settings, keep));
        expect("putPrivacySettings", 400, raw(admin, "PUT", settings, "application/json", "{\"keepDaysAfterTicket\":"));
        expect("putPrivacySettings", 401, anonymous.put(settings, keep));
        expect("putPrivacySettings", 403, operator.put(settings, keep));
        expect("putPrivacySettings", 404, admin.put("/api/v1/offices/nope/privacy/settings", keep));
        expect("putPrivacySettings", 413, raw(admin, "PUT", settings, "application/json", "{\"x\":\"" + "k".repeat(17_000) + "\"}"));
        expect("putPrivacySettings", 415, raw(admin, "PUT", settings, "text/plain", Api.json(keep)));
        expect("putPrivacySettings", 422, admin.put(settings, Map.of("keepDaysAfterTicket", 0)));

        String run = office + "/privacy/run";
        expect("runRetention", 200, admin.post(run, null));
        expect("runRetention", 401, anonymous.post(run, null));
        expect("runRetention", 403, operator.post(run, null));
        expect("runRetention", 404, admin.post("/api/v1/offices/nope/privacy/run", null));

        Map<String, Object> request = ticketRequest(nik(40));
        request.put("name", "Warga Kontrak");
        JsonNode ticket = expect("issueTicket", 201, anonymous.post(office + "/tickets", request)).json();
        String token = ticket.get("token").asText();
        expect("myData", 200, anonymous.get("/api/v1/tickets/" + token + "/my-data"));
        expect("myData", 404, anonymous.get("/api/v1/tickets/no-such-token/my-data"));
        expect("deleteMyWhatsApp", 200, anonymous.delete("/api/v1/tickets/" + token + "/my-data/whatsapp"));
        expect("deleteMyWhatsApp", 404, anonymous.delete("/api/v1/tickets/no-such-token/my-data/whatsapp"));

        Api supervisor = admin.newStaff("supervisor7", "SUPERVISOR");
        for (String op : List.of("showResidentData", "eraseResidentData")) {
            String path = office + (op.equals("showResidentData") ? "/privacy/resident" : "/privacy/resident/erase");
            Map<String, Object> nik = Map.of("nik", nik(40));
            expect(op, 200, supervisor.post(path, nik));
            expect(op, 400, raw(supervisor, "POST", path, "application/json", "{\"nik\":"));
            expect(op, 401, anonymous.post(path, nik));
            expect(op, 403, operator.post(path, nik));
            expect(op, 404, supervisor.post(path.replace("/oki/", "/nope/"), nik));
            expect(op, 413, raw(supervisor, "POST", path, "application/json", "{\"nik\":\"" + "1".repeat(17_000) + "\"}"));
            expect(op, 415, raw(supervisor, "POST", path, "text/plain", Api.json(nik)));
            expect(op, 422, supervisor.post(path, Map.of("nik", "123")));
        }

        Api tracer = admin.newStaff("tracer1", "TRACER");
        String tracing = office + "/tracing";
        Map<String, Object> trace = Map.of("reason", "KASUS-1", "number", ticket.get("number").asText(), "day", "2026-12-01");
        expect("contactTracing", 200, tracer.post(tracing, trace));
        Api.Response csv = expect("contactTracing", 200, tracer.post(tracing, trace, Map.of("Accept", "text/csv")));
        assertThat(csv.body()).contains("KASUS-1");
        expect("contactTracing", 400, raw(tracer, "POST", tracing, "application/json", "{\"reason\":"));
        expect("contactTracing", 401, anonymous.post(tracing, trace));
        expect("contactTracing", 403, admin.post(tracing, trace));
        expect("contactTracing", 404, tracer.post(tracing, Map.of("reason", "KASUS-1", "number", "A-999", "day", "2026-12-01")));
        expect("contactTracing", 413, raw(tracer, "POST", tracing, "application/json", "{\"reason\":\"" + "r".repeat(17_000) + "\"}"));
        expect("contactTracing", 415, raw(tracer, "POST", tracing, "text/plain", Api.json(trace)));
        expect("contactTracing", 422, tracer.post(tracing, Map.of("number", "A-001")));
    }

    /** The ticket page's "my data" operations share the ticket pages' rate limit. */
    @Test
    @Order(8)
    void myDataOperationsAreRateLimited() {
        Api.Response r;
        int n = 0;
        do {
            r = anonymous.get("/api/v1/tickets/no-such-token/my-data");
        } while (r.status() != 429 && ++n < 100);
        expect("myData", 429, r);
        expect("deleteMyWhatsApp", 429, anonymous.delete("/api/v1/tickets/no-such-token/my-data/whatsapp"));
    }

    static String sign(String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The rate-limited operations answer 429 with Retry-After beyond their limit (set low for this test). */
    @Test
    @Order(8)
    void rateLimitedOperationsSay429() {
        Api.Response r;
        int n = 0;
        do {
            r = anonymous.post("/api/v1/offices/oki/tickets", ticketRequest("123"));
        } while (r.status() != 429 && ++n < 100);
        expect("issueTicket", 429, r);
        n = 0;
        do {
            r = anonymous.get("/api/v1/tickets/no-such-token");
        } while (r.status() != 429 && ++n < 100);
        expect("ticketStatus", 429, r);
        expect("cancelTicket", 429, anonymous.delete("/api/v1/tickets/no-such-token"));
        expect("ticketMessages", 429, anonymous.get("/api/v1/tickets/no-such-token/messages"));
        expect("stopTicketMessages", 429, anonymous.delete("/api/v1/tickets/no-such-token/messages"));
        expect("stopTicketMessagesPost", 429, anonymous.post("/api/v1/tickets/no-such-token/messages/stop", null));
    }

    /** The ticket page's satisfaction question (IKM) and the supervisors' daily index. */
    @Test
    @Order(7)
    void surveyOperations() {
        JsonNode t = expect("issueTicket", 201, anonymous.post("/api/v1/offices/oki/tickets", ticketRequest(nik(40)))).json();
        String survey = "/api/v1/tickets/" + t.get("token").asText() + "/survey";
        expect("ticketSurvey", 200, anonymous.get(survey));
        expect("ticketSurvey", 404, anonymous.get("/api/v1/tickets/no-such-token/survey"));
        expect("answerTicketSurvey", 409, anonymous.post(survey, Map.of("score", 4)));
        TestData.execute(db, "UPDATE ticket SET state = 'DONE', finished_at = NOW(3), active_nik_hash = NULL WHERE id = "
                + t.get("id").asLong());
        // The ticket page after the end: its next step (KTP-el printing over WhatsApp), as documented.
        JsonNode page = expect("ticketStatus", 200, anonymous.get("/api/v1/tickets/" + t.get("token").asText())).json();
        assertThat(page.at("/nextStep/whatsapp/display").asText()).isEqualTo("0878-9456-7172");
        expect("answerTicketSurvey", 400, raw(anonymous, "POST", survey, "application/json", "{\"score\":"));
        expect("answerTicketSurvey", 415, raw(anonymous, "POST", survey, "text/plain", "{\"score\":4}"));
        expect("answerTicketSurvey", 422, anonymous.post(survey, Map.of("score", 5)));
        expect("answerTicketSurvey", 404, anonymous.post("/api/v1/tickets/no-such-token/survey", Map.of("score", 4)));
        expect("answerTicketSurvey", 201, anonymous.post(survey, Map.of("score", 4, "comment", "Cepat.")));
        expect("answerTicketSurvey", 409, anonymous.post(survey, Map.of("score", 3)));
        expect("ticketSurvey", 200, anonymous.get(survey));

        String report = "/api/v1/offices/oki/reports/satisfaction";
        JsonNode r = expect("satisfactionReport", 200, admin.get(report + "?from=2026-12-01&to=2026-12-01")).json();
        assertThat(r.at("/days/0/ikm/converted").asDouble()).isEqualTo(100.0);
        expect("satisfactionReport", 400, admin.get(report + "?from=1-12-2026"));
        expect("satisfactionReport", 401, anonymous.get(report));
        expect("satisfactionReport", 403, operator.get(report));
        expect("satisfactionReport", 404, admin.get("/api/v1/offices/nope/reports/satisfaction"));
        expect("satisfactionReport", 422, admin.get(report + "?from=2026-12-02&to=2026-12-01"));
    }

    /** After the other limits were used up: the survey's own limits answer 429 too. */
    @Test
    @Order(10)
    void surveyOperationsAreRateLimited() {
        Api.Response r;
        int n = 0;
        do {
            r = anonymous.get("/api/v1/tickets/no-such-token/survey");
        } while (r.status() != 429 && ++n < 100);
        expect("ticketSurvey", 429, r);
        n = 0;
        do {
            r = anonymous.post("/api/v1/tickets/no-such-token/survey", Map.of("score", 4));
        } while (r.status() != 429 && ++n < 100);
        expect("answerTicketSurvey", 429, r);
    }

    @Test
    @Order(3)
    void authOperations() {
        String login = "/api/v1/auth/login";
        Api someone = new Api(node.port());
        expect("login", 200, someone.login("admin", Api.ADMIN_PASSWORD));
        expect("login", 401, anonymous.post(login, Map.of("username", "nobody", "password", "wrong-password")));
        expect("login", 400, raw(anonymous, "POST", login, "application/json", "{\"username\":\"admin\""));
        expect("login", 413, raw(anonymous, "POST", login, "application/json", "{\"username\":\"" + "a".repeat(17_000) + "\"}"));
        expect("login", 415, raw(anonymous, "POST", login, "application/x-www-form-urlencoded", "username=admin&password=x"));
        admin.newStaff("locked1", "OPERATOR");
        Api.Response r;
        int tries = 0;
        do {
            r = anonymous.post(login, Map.of("username", "locked1", "password", "wrong-password"));
        } while (r.status() == 401 && ++tries < 20);
        assertThat(r.error()).isEqualTo("LOGIN_LOCKED");
        expect("login", 429, r);

        expect("me", 200, someone.get("/api/v1/auth/me"));
        expect("me", 401, anonymous.get("/api/v1/auth/me"));

        expect("logout", 401, anonymous.post("/api/v1/auth/logout", null));
        Api noCsrf = new Api(node.port());
        noCsrf.login("admin", Api.ADMIN_PASSWORD);
        noCsrf.forgetCsrf();
        expect("logout", 403, noCsrf.post("/api/v1/auth/logout", null));
        expect("logout", 200, someone.post("/api/v1/auth/logout", null));
    }

    @Test
    @Order(4)
    void counterOperations() {
        String office = "/api/v1/offices/oki";
        expect("listCounters", 200, operator.get(office + "/counters"));
        expect("listCounters", 401, anonymous.get(office + "/counters"));
        expect("listCounters", 404, operator.get("/api/v1/offices/nope/counters"));

        expect("callNext", 401, anonymous.post(office + "/counters/1/call-next", null));
        Api noCsrf = admin.newStaff("operator2", "OPERATOR");
        noCsrf.forgetCsrf();
        expect("callNext", 403, noCsrf.post(office + "/counters/1/call-next", null));
        expect("callNext", 404, operator.post(office + "/counters/99/call-next", null));
        long id = expect("callNext", 200, operator.post(office + "/counters/1/call-next", null)).json().get("id").asLong();
        expect("callNext", 409, operator.post(office + "/counters/1/call-next", null));

        expect("staffTicket", 200, operator.get("/api/v1/staff-tickets/" + id));
        expect("staffTicket", 401, anonymous.get("/api/v1/staff-tickets/" + id));
        expect("staffTicket", 404, operator.get("/api/v1/staff-tickets/999999"));

        expect("queue", 200, operator.get(office + "/queue"));
        expect("queue", 401, anonymous.get(office + "/queue"));
        expect("queue", 404, operator.get("/api/v1/offices/nope/queue"));

        expect("events", 200, operator.get(office + "/events?after=0&limit=50"));
        expect("events", 400, operator.get(office + "/events?after=-1"));
        expect("events", 401, anonymous.get(office + "/events"));
        expect("events", 404, operator.get("/api/v1/offices/nope/events"));

        String t = "/api/v1/tickets/" + id;
        // Each action: its common errors, then its happy path, in the order a ticket's day allows.
        for (String action : List.of("recall", "start", "complete", "noShow", "refuse", "staffCancel")) {
            String path = t + "/" + (action.equals("noShow") ? "no-show" : action.equals("staffCancel") ? "cancel" : action);
            expect(action, 401, anonymous.post(path, null));
            expect(action, 403, noCsrf.post(path, null));
            expect(action, 404, operator.post("/api/v1/tickets/999999/" + path.substring(path.lastIndexOf('/') + 1),
                    Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "reason", "Tidak datang")));
            expect(action, 400, raw(operator, "POST", path, "application/json", "{\"reason\":"));
            expect(action, 413, raw(operator, "POST", path, "application/json", "{\"reason\":\"" + "r".repeat(17_000) + "\"}"));
            expect(action, 415, raw(operator, "POST", path, "text/plain", "hello"));
        }
        expect("recall", 200, operator.post(t + "/recall", null));
        expect("start", 422, operator.post(t + "/start", Map.of("ppe", Map.of("MASK", true))));
        expect("start", 200, operator.post(t + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", 36.6)));
        expect("complete", 200, operator.post(t + "/complete", null));
        expect("complete", 409, operator.post(t + "/complete", null));
        expect("recall", 409, operator.post(t + "/recall", null));
        expect("start", 409, operator.post(t + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true))));
        expect("noShow", 409, operator.post(t + "/no-show", null));
        expect("refuse", 409, operator.post(t + "/refuse", Map.of("reason", "Tidak memakai masker")));
        expect("staffCancel", 409, operator.post(t + "/cancel", Map.of("reason", "Layanan dihentikan")));

        String tickets = office + "/tickets";
        anonymous.post(tickets, ticketRequest(nik(3)));
        anonymous.post(tickets, ticketRequest(nik(4)));
        long a = expect("callNext", 200, operator.post(office + "/counters/1/call-next", null)).json().get("id").asLong();
        expect("noShow", 200, operator.post("/api/v1/tickets/" + a + "/no-show", null));
        long b = expect("callNext", 200, operator.post(office + "/counters/1/call-next", null)).json().get("id").asLong();
        expect("refuse", 422, operator.post("/api/v1/tickets/" + b + "/refuse", Map.of()));
        expect("refuse", 200, operator.post("/api/v1/tickets/" + b + "/refuse", Map.of("reason", "Tidak memakai masker")));
        long c = anonymous.post(tickets, ticketRequest(nik(5))).json().get("id").asLong();
        expect("staffCancel", 422, operator.post("/api/v1/tickets/" + c + "/cancel", Map.of()));
        expect("staffCancel", 200, operator.post("/api/v1/tickets/" + c + "/cancel", Map.of("reason", "Layanan dihentikan")));
    }

    @Test
    @Order(5)
    void supervisorAndAdminOperations() {
        String office = "/api/v1/offices/oki";
        String report = office + "/reports/daily";
        expect("dailyReport", 200, admin.get(report + "?from=2026-12-01&to=2026-12-01"));
        Api.Response csv = expect("dailyReport", 200, admin.getWith(report, Map.of("Accept", "text/csv")));
        assertThat(csv.body()).isNotBlank();
        expect("dailyReport", 400, admin.get(report + "?from=yesterday"));
        expect("dailyReport", 401, anonymous.get(report));
        expect("dailyReport", 403, operator.get(report));
        expect("dailyReport", 404, admin.get("/api/v1/offices/nope/reports/daily"));
        expect("dailyReport", 422, admin.get(report + "?from=2026-12-02&to=2026-12-01"));

        String settings = office + "/settings";
        JsonNode current = expect("getSettings", 200, admin.get(settings)).json();
        expect("getSettings", 401, anonymous.get(settings));
        expect("getSettings", 403, operator.get(settings));
        expect("getSettings", 404, admin.get("/api/v1/offices/nope/settings"));
        expect("putSettings", 200, admin.put(settings, current));
        expect("putSettings", 400, admin.put(settings, Map.of("dailyQuota", Map.of())));
        expect("putSettings", 401, anonymous.put(settings, current));
        expect("putSettings", 403, operator.put(settings, current));
        expect("putSettings", 404, admin.put("/api/v1/offices/nope/settings", current));
        expect("putSettings", 413, raw(admin, "PUT", settings, "application/json", "{\"x\":\"" + "s".repeat(17_000) + "\"}"));
        expect("putSettings", 415, raw(admin, "PUT", settings, "text/plain", current.toString()));

        String staff = "/api/v1/staff";
        expect("listStaff", 200, admin.get(staff));
        expect("listStaff", 401, anonymous.get(staff));
        expect("listStaff", 403, operator.get(staff));
        Map<String, Object> newcomer = Map.of("username", "newcomer", "password", "kata-sandi-rahasia-1", "role", "SUPERVISOR");
        expect("createStaff", 201, admin.post(staff, newcomer));
        expect("createStaff", 409, admin.post(staff, newcomer));
        expect("createStaff", 400, raw(admin, "POST", staff, "application/json", "{\"username\":"));
        expect("createStaff", 401, anonymous.post(staff, newcomer));
        expect("createStaff", 403, operator.post(staff, newcomer));
        expect("createStaff", 413, raw(admin, "POST", staff, "application/json", "{\"username\":\"" + "u".repeat(17_000) + "\"}"));
        expect("createStaff", 415, raw(admin, "POST", staff, "text/plain", Api.json(newcomer)));
        expect("createStaff", 422, admin.post(staff, Map.of("username", "short-pw", "password", "short", "role", "OPERATOR")));

        String member = staff + "/newcomer";
        expect("updateStaff", 200, admin.put(member, Map.of("role", "OPERATOR")));
        expect("updateStaff", 200, admin.put(member, Map.of("newPassword", "another-password-1")));
        expect("updateStaff", 400, admin.put(member, Map.of("disabled", "yes")));
        expect("updateStaff", 401, anonymous.put(member, Map.of("role", "OPERATOR")));
        expect("updateStaff", 403, operator.put(member, Map.of("role", "OPERATOR")));
        expect("updateStaff", 404, admin.put(staff + "/nobody", Map.of("role", "OPERATOR")));
        expect("updateStaff", 413, raw(admin, "PUT", member, "application/json", "{\"role\":\"" + "r".repeat(17_000) + "\"}"));
        expect("updateStaff", 415, raw(admin, "PUT", member, "text/plain", "{}"));
        expect("updateStaff", 422, admin.put(member, Map.of("role", "KING")));

        expect("audit", 200, admin.get("/api/v1/audit?limit=5"));
        expect("audit", 400, admin.get("/api/v1/audit?limit=100000"));
        expect("audit", 401, anonymous.get("/api/v1/audit"));
        expect("audit", 403, operator.get("/api/v1/audit"));
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM staff WHERE username = 'newcomer'")).isEqualTo(1);
    }

    @Test
    @Order(9)
    void unknownAddressesAreJsonErrors() {
        Api.Response r = anonymous.get("/api/v1/no-such-thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(contract.validate("Error", r.json())).isEmpty();
    }

    /** Booking from home (issue 15): the page, booking, check-in, the ticket's booking side, moving, settings, report. */
    @Test
    @Order(7)
    void bookingOperations() {
        String office = "/api/v1/offices/oki";
        expect("bookingPage", 200, anonymous.get(office + "/booking"));
        expect("bookingPage", 404, anonymous.get("/api/v1/offices/nope/booking"));

        String book = office + "/bookings";
        JsonNode booked = expect("bookFromHome", 201, anonymous.post(book, Api.bookingRequest(nik(60), "2026-12-01", "10:00"),
                Map.of("Idempotency-Key", "contract-booking-1"))).json();
        expect("bookFromHome", 201, anonymous.post(book, Api.bookingRequest(nik(60), "2026-12-01", "10:00"),
                Map.of("Idempotency-Key", "contract-booking-1")));
        expect("bookFromHome", 409, anonymous.post(book, Api.bookingRequest(nik(60), "2026-12-01", "10:30")));
        expect("bookFromHome", 400, raw(anonymous, "POST", book, "application/json", "{\"service\":"));
        expect("bookFromHome", 404, anonymous.post("/api/v1/offices/nope/bookings", Api.bookingRequest(nik(61), null, null)));
        expect("bookFromHome", 413, raw(anonymous, "POST", book, "application/json", "{\"service\":\"" + "x".repeat(20_000) + "\"}"));
        expect("bookFromHome", 415, raw(anonymous, "POST", book, "text/plain", Api.json(Api.bookingRequest(nik(61), null, null))));
        expect("bookFromHome", 422, anonymous.post(book, Api.bookingRequest("123", null, null)));

        String token = booked.get("token").asText();
        expect("ticketBooking", 200, anonymous.get("/api/v1/tickets/" + token + "/booking"));
        expect("ticketBooking", 404, anonymous.get("/api/v1/tickets/no-such-token/booking"));

        String move = "/api/v1/tickets/" + token + "/move";
        expect("moveTicket", 200, anonymous.post(move, Map.of("day", "2026-12-01", "slot", "11:00")));
        expect("moveTicket", 400, raw(anonymous, "POST", move, "application/json", "{\"day\":"));
        expect("moveTicket", 404, anonymous.post("/api/v1/tickets/no-such-token/move", Map.of("day", "2026-12-01", "slot", "11:00")));
        expect("moveTicket", 409, anonymous.post(move, Map.of("day", "2026-12-05", "slot", "11:00")));
        expect("moveTicket", 413, raw(anonymous, "POST", move, "application/json", "{\"day\":\"" + "d".repeat(17_000) + "\"}"));
        expect("moveTicket", 415, raw(anonymous, "POST", move, "text/plain", "{}"));
        expect("moveTicket", 422, anonymous.post(move, Map.of("day", "tomorrow", "slot", "11:00")));

        String checkin = office + "/checkins";
        Map<String, Boolean> healthy = Map.of("MASK", true, "GLOVES", true, "NO_SYMPTOMS", true);
        expect("checkIn", 422, anonymous.post(checkin, Map.of("code", booked.get("shortCode").asText(),
                "checklist", Map.of("MASK", true))));
        expect("checkIn", 200, anonymous.post(checkin, Map.of("code", booked.get("shortCode").asText(), "checklist", healthy)));
        expect("checkIn", 409, anonymous.post(checkin, Map.of("token", token, "checklist", healthy)));
        expect("checkIn", 404, anonymous.post(checkin, Map.of("code", "ZZZZ-ZZZZ", "checklist", healthy)));
        expect("checkIn", 400, raw(anonymous, "POST", checkin, "application/json", "{\"code\":"));
        expect("checkIn", 413, raw(anonymous, "POST", checkin, "application/json", "{\"code\":\"" + "c".repeat(17_000) + "\"}"));
        expect("checkIn", 415, raw(anonymous, "POST", checkin, "text/plain", "{}"));

        String settings = office + "/booking/settings";
        JsonNode current = expect("getBookingSettings", 200, admin.get(settings)).json();
        expect("getBookingSettings", 401, anonymous.get(settings));
        expect("getBookingSettings", 403, operator.get(settings));
        expect("getBookingSettings", 404, admin.get("/api/v1/offices/nope/booking/settings"));
        expect("putBookingSettings", 200, admin.put(settings, current));
        expect("putBookingSettings", 400, admin.put(settings, Map.of("phoneSharePercent", 101)));
        expect("putBookingSettings", 401, anonymous.put(settings, current));
        expect("putBookingSettings", 403, operator.put(settings, current));
        expect("putBookingSettings", 404, admin.put("/api/v1/offices/nope/booking/settings", current));
        expect("putBookingSettings", 413, raw(admin, "PUT", settings, "application/json", "{\"x\":\"" + "s".repeat(17_000) + "\"}"));
        expect("putBookingSettings", 415, raw(admin, "PUT", settings, "text/plain", current.toString()));

        String report = office + "/reports/booking";
        expect("bookingReport", 200, admin.get(report + "?from=2026-12-01&to=2026-12-01"));
        expect("bookingReport", 400, admin.get(report + "?from=yesterday"));
        expect("bookingReport", 401, anonymous.get(report));
        expect("bookingReport", 403, operator.get(report));
        expect("bookingReport", 404, admin.get("/api/v1/offices/nope/reports/booking"));
        expect("bookingReport", 422, admin.get(report + "?from=2026-12-02&to=2026-12-01"));

        // The limits: per address for bookings, wrong codes per address at the door.
        expect("putBookingSettings", 200, admin.put(settings, Map.of("addressPerHour", 1, "wrongCodesPerHour", 1)));
        Api.Response r;
        int n = 0;
        do {
            r = anonymous.post(book, Api.bookingRequest(nik(62 + n), "2026-12-02", null));
        } while (r.status() != 429 && ++n < 10);
        expect("bookFromHome", 429, r);
        n = 0;
        do {
            r = anonymous.post(checkin, Map.of("code", "ZZZZ-ZZZ" + (2 + n), "checklist", healthy));
        } while (r.status() != 429 && ++n < 5);
        expect("checkIn", 429, r);
        expect("putBookingSettings", 200, admin.put(settings, Map.of("addressPerHour", 30, "wrongCodesPerHour", 20)));
    }

    /** The ticket-limited booking operations say 429 too (after rateLimitedOperationsSay429 used the minute up). */
    @Test
    @Order(10)
    void bookingTicketOperationsSay429() {
        Api.Response r;
        int n = 0;
        do {
            r = anonymous.get("/api/v1/tickets/no-such-token/booking");
        } while (r.status() != 429 && ++n < 100);
        expect("ticketBooking", 429, r);
        expect("moveTicket", 429, anonymous.post("/api/v1/tickets/no-such-token/move", Map.of("day", "2026-12-01", "slot", "11:00")));
    }

    /** Document pickup (issue 14): staff registration and import, lists, settings, report, the link, the kiosk code, handover. */
    @Test
    @Order(7)
    void pickupOperations() {
        TestData.clearQueue(db, TestData.settings(db));
        String base = "/api/v1/offices/oki";
        String settingsPath = base + "/pickup-settings";
        Api noCsrf = new Api(node.port()).loginAsAdmin();
        noCsrf.forgetCsrf();
        String big = "{\"x\":\"" + "x".repeat(17_000) + "\"}";
        expect("pickupSettings", 200, operator.get(settingsPath));
        expect("pickupSettings", 401, anonymous.get(settingsPath));
        expect("pickupSettings", 404, operator.get("/api/v1/offices/nowhere/pickup-settings"));
        // A counter of its own for pickups, so the queue's other tickets stay out of the way.
        assertThat(admin.changeSettings("counters", List.of(Map.of("id", "1", "name", "Loket 1"), Map.of("id", "2", "name", "Loket 2"),
                Map.of("id", "P", "name", "Loket Ambil"))).status()).isEqualTo(200);
        expect("savePickupSettings", 200, admin.put(settingsPath, Map.of("leadDays", 0, "counterServes", Map.of("P", "PICKUP"))));
        expect("savePickupSettings", 400, admin.put(settingsPath, Map.of("slotMinutes", 1)));
        expect("savePickupSettings", 401, anonymous.put(settingsPath, Map.of()));
        expect("savePickupSettings", 403, operator.put(settingsPath, Map.of()));
        expect("savePickupSettings", 404, admin.put("/api/v1/offices/nowhere/pickup-settings", Map.of()));
        expect("savePickupSettings", 413, raw(admin, "PUT", settingsPath, "application/json", big));
        expect("savePickupSettings", 415, raw(admin, "PUT", settingsPath, "text/plain", "{}"));

        Map<String, Object> doc = new LinkedHashMap<>(Map.of("type", "KK", "reference", "C-1", "name", "Kontrak Satu",
                "phone", "081299990001", "nikLast4", "1111"));
        JsonNode a = expect("registerPickup", 201, admin.post(base + "/pickups", doc)).json();
        expect("registerPickup", 400, admin.post(base + "/pickups", Map.of("type", "X")));
        expect("registerPickup", 401, anonymous.post(base + "/pickups", doc));
        expect("registerPickup", 403, noCsrf.post(base + "/pickups", doc));
        expect("registerPickup", 404, admin.post("/api/v1/offices/nowhere/pickups", doc));
        expect("registerPickup", 409, admin.post(base + "/pickups", doc));
        expect("registerPickup", 413, raw(admin, "POST", base + "/pickups", "application/json", big));
        expect("registerPickup", 415, raw(admin, "POST", base + "/pickups", "text/plain", "{}"));
        String csv = "type,reference,name,phone,nik_last4\nKTP_EL,C-2,Kontrak Dua,081299990002,2222\n";
        JsonNode imported = expect("importPickups", 200, raw(admin, "POST", base + "/pickups/import", "text/csv", csv)).json();
        JsonNode b = imported.get("documents").get(0);
        expect("importPickups", 400, admin.raw("POST", base + "/pickups/import", "text/csv",
                "type,reference,name,phone,nik_last4\nKK,C-3,J\u00f6rg,081299990003,3333\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        expect("importPickups", 401, raw(anonymous, "POST", base + "/pickups/import", "text/csv", csv));
        expect("importPickups", 403, raw(noCsrf, "POST", base + "/pickups/import", "text/csv", csv));
        expect("importPickups", 404, raw(admin, "POST", "/api/v1/offices/nowhere/pickups/import", "text/csv", csv));
        expect("importPickups", 413, raw(admin, "POST", base + "/pickups/import", "text/csv",
                "type,reference,name,phone,nik_last4\n" + "KK,R,N,081299990009,1234\n".repeat(5_001)));
        expect("importPickups", 415, raw(admin, "POST", base + "/pickups/import", "application/json", "{}"));
        expect("importPickups", 422, raw(admin, "POST", base + "/pickups/import", "text/csv", csv));

        expect("listPickups", 200, operator.get(base + "/pickups?list=today&q=C-"));
        expect("listPickups", 400, operator.get(base + "/pickups?list=bogus"));
        expect("listPickups", 401, anonymous.get(base + "/pickups"));
        expect("listPickups", 404, operator.get("/api/v1/offices/nowhere/pickups"));
        expect("pickup", 200, operator.get(base + "/pickups/" + a.get("id").asLong()));
        expect("pickup", 401, anonymous.get(base + "/pickups/" + a.get("id").asLong()));
        expect("pickup", 404, operator.get(base + "/pickups/999999"));

        // The resident's link (b) and the kiosk's code (a).
        String linkA = "/api/v1/pickups/" + a.get("link").asText().substring(3);
        String linkB = "/api/v1/pickups/" + b.get("link").asText().substring(3);
        expect("pickupByLink", 200, anonymous.get(linkB));
        expect("pickupByLink", 404, anonymous.get("/api/v1/pickups/no-such-token-123"));
        JsonNode slots = expect("pickupSlots", 200, anonymous.get(linkB + "/slots")).json();
        expect("pickupSlots", 404, anonymous.get("/api/v1/pickups/no-such-token-123/slots"));
        JsonNode free = slots.get("days").get(1);
        expect("reschedulePickup", 200, anonymous.post(linkB + "/reschedule", Map.of("day", free.get("day").asText(),
                "start", free.get("slots").get(0).get("start").asText())));
        expect("reschedulePickup", 400, anonymous.post(linkB + "/reschedule", Map.of("day", "soon", "start", "08:00")));
        expect("reschedulePickup", 404, anonymous.post("/api/v1/pickups/no-such-token-123/reschedule", Map.of("day", "2026-12-02", "start", "08:00")));
        expect("reschedulePickup", 413, raw(anonymous, "POST", linkB + "/reschedule", "application/json", big));
        expect("reschedulePickup", 415, raw(anonymous, "POST", linkB + "/reschedule", "text/plain", "{}"));
        expect("reschedulePickup", 422, anonymous.post(linkB + "/reschedule", Map.of("day", "2030-01-01", "start", "08:00")));
        expect("namePickupRepresentative", 200, anonymous.put(linkB + "/representative", Map.of("name", "Wakil", "relation", "Adik")));
        expect("namePickupRepresentative", 400, anonymous.put(linkB + "/representative", Map.of("name", "Wakil")));
        expect("namePickupRepresentative", 404, anonymous.put("/api/v1/pickups/no-such-token-123/representative",
                Map.of("name", "W", "relation", "A")));
        expect("namePickupRepresentative", 413, raw(anonymous, "PUT", linkB + "/representative", "application/json", big));
        expect("namePickupRepresentative", 415, raw(anonymous, "PUT", linkB + "/representative", "text/plain", "{}"));
        expect("namePickupRepresentative", 422, anonymous.put(linkB + "/representative", Map.of("name", "W".repeat(101), "relation", "A")));
        expect("removePickupRepresentative", 200, anonymous.delete(linkB + "/representative"));
        expect("removePickupRepresentative", 404, anonymous.delete("/api/v1/pickups/no-such-token-123/representative"));

        Map<String, Object> arrival = Map.of("code", a.get("code").asText(), "checklist", Map.of("MASK", true, "GLOVES", true, "NO_SYMPTOMS", true));
        expect("arriveForPickup", 422, anonymous.post(base + "/pickups/arrive", Map.of("code", a.get("code").asText(),
                "checklist", Map.of("MASK", true))));
        JsonNode ticket = expect("arriveForPickup", 201, anonymous.post(base + "/pickups/arrive", arrival)).json();
        assertThat(ticket.get("number").asText()).startsWith("B-");
        expect("arriveForPickup", 400, raw(anonymous, "POST", base + "/pickups/arrive", "application/json", "{nope"));
        expect("arriveForPickup", 404, anonymous.post(base + "/pickups/arrive", Map.of("code", "AAAA-AAAA", "checklist", Map.of())));
        expect("arriveForPickup", 413, raw(anonymous, "POST", base + "/pickups/arrive", "application/json", big));
        expect("arriveForPickup", 415, raw(anonymous, "POST", base + "/pickups/arrive", "text/plain", "{}"));

        JsonNode called = expect("callNext", 200, operator.post(base + "/counters/P/call-next", null)).json();
        long ticketId = called.get("id").asLong();
        assertThat(ticketId).isEqualTo(ticket.get("id").asLong());
        expect("ticketPickup", 200, operator.get("/api/v1/staff-tickets/" + ticketId + "/pickup"));
        expect("ticketPickup", 401, anonymous.get("/api/v1/staff-tickets/" + ticketId + "/pickup"));
        expect("ticketPickup", 404, operator.get("/api/v1/staff-tickets/999999/pickup"));
        String handover = "/api/v1/tickets/" + ticketId + "/handover";
        expect("handOver", 422, operator.post(handover, Map.of("collector", "REPRESENTATIVE")));
        expect("handOver", 400, operator.post(handover, Map.of("collector", "NEIGHBOUR")));
        expect("handOver", 401, anonymous.post(handover, Map.of("collector", "RESIDENT")));
        expect("handOver", 403, noCsrf.post(handover, Map.of("collector", "RESIDENT")));
        expect("handOver", 404, operator.post("/api/v1/tickets/999999/handover", Map.of("collector", "RESIDENT")));
        expect("handOver", 413, raw(operator, "POST", handover, "application/json", big));
        expect("handOver", 415, raw(operator, "POST", handover, "text/plain", "{}"));
        expect("handOver", 200, operator.post(handover, Map.of("collector", "RESIDENT")));
        expect("handOver", 409, operator.post(handover, Map.of("collector", "RESIDENT")));
        // Collected: the link can no longer change anything, the code gives no ticket.
        expect("reschedulePickup", 409, anonymous.post(linkA + "/reschedule", Map.of("day", free.get("day").asText(),
                "start", free.get("slots").get(0).get("start").asText())));
        expect("namePickupRepresentative", 409, anonymous.put(linkA + "/representative", Map.of("name", "W", "relation", "A")));
        expect("removePickupRepresentative", 409, anonymous.delete(linkA + "/representative"));
        expect("arriveForPickup", 409, anonymous.post(base + "/pickups/arrive", arrival));

        expect("pickupReport", 200, admin.get(base + "/reports/pickups?from=2026-12-01&to=2026-12-02"));
        expect("pickupReport", 200, admin.getWith(base + "/reports/pickups", Map.of("Accept", "text/csv")));
        expect("pickupReport", 400, admin.get(base + "/reports/pickups?from=yesterday"));
        expect("pickupReport", 401, anonymous.get(base + "/reports/pickups"));
        expect("pickupReport", 403, operator.get(base + "/reports/pickups"));
        expect("pickupReport", 404, admin.get("/api/v1/offices/nowhere/reports/pickups"));
    }

    /** The pickup link and the kiosk's code share the per-client {@code pickup} limit: each says 429 beyond it. */
    @Test
    @Order(10)
    void pickupOperationsSay429() {
        Api.Response r;
        int n = 0;
        do {
            r = anonymous.get("/api/v1/pickups/no-such-token-123");
        } while (r.status() != 429 && ++n < 200);
        expect("pickupByLink", 429, r);
        String link = "/api/v1/pickups/no-such-token-123";
        expect("pickupSlots", 429, anonymous.get(link + "/slots"));
        expect("reschedulePickup", 429, anonymous.post(link + "/reschedule", Map.of("day", "2026-12-02", "start", "08:00")));
        expect("namePickupRepresentative", 429, anonymous.put(link + "/representative", Map.of("name", "W", "relation", "A")));
        expect("removePickupRepresentative", 429, anonymous.delete(link + "/representative"));
        expect("arriveForPickup", 429, anonymous.post("/api/v1/offices/oki/pickups/arrive", Map.of("code", "AAAA-AAAA", "checklist", Map.of())));
    }

    /** Each operation of the document was called, and each documented status provoked (or named as not provokable). */
    /** Issue 13: an idle counter fills itself (call a number, transfer, return a no-show, break / close). */
    @Test
    @Order(7)
    void idleCounterOperations() {
        String office = "/api/v1/offices/oki";
        String tickets = office + "/tickets";
        Api noCsrf = admin.newStaff("operator13", "OPERATOR");
        noCsrf.forgetCsrf();
        JsonNode x = anonymous.post(tickets, ticketRequest(nik(1301))).json();
        JsonNode y = anonymous.post(tickets, ticketRequest(nik(1302))).json();
        String call = office + "/counters/1/call";
        Map<String, Object> number = Map.of("number", x.get("number").asText());
        expect("callNumber", 401, anonymous.post(call, number));
        expect("callNumber", 403, noCsrf.post(call, number));
        expect("callNumber", 400, raw(operator, "POST", call, "application/json", "{\"number\":"));
        expect("callNumber", 413, raw(operator, "POST", call, "application/json", "{\"number\":\"" + "7".repeat(17_000) + "\"}"));
        expect("callNumber", 415, raw(operator, "POST", call, "text/plain", "A-001"));
        expect("callNumber", 422, operator.post(call, Map.of("number", "seventeen")));
        expect("callNumber", 404, operator.post(call, Map.of("number", "A-999")));
        expect("callNumber", 404, operator.post(office + "/counters/99/call", number));
        long xid = expect("callNumber", 200, operator.post(call, number)).json().get("id").asLong();
        expect("callNumber", 409, operator.post(office + "/counters/2/call", number));

        String status = office + "/counters/1/status";
        expect("setCounterStatus", 401, anonymous.put(status, Map.of("status", "BREAK")));
        expect("setCounterStatus", 403, noCsrf.put(status, Map.of("status", "BREAK")));
        expect("setCounterStatus", 400, raw(operator, "PUT", status, "application/json", "{\"status\":"));
        expect("setCounterStatus", 413, raw(operator, "PUT", status, "application/json", "{\"status\":\"" + "B".repeat(17_000) + "\"}"));
        expect("setCounterStatus", 415, raw(operator, "PUT", status, "text/plain", "BREAK"));
        expect("setCounterStatus", 422, operator.put(status, Map.of("status", "LUNCH")));
        expect("setCounterStatus", 404, operator.put(office + "/counters/99/status", Map.of("status", "BREAK")));
        expect("setCounterStatus", 409, operator.put(status, Map.of("status", "BREAK")));

        String transfer = "/api/v1/tickets/" + xid + "/transfer";
        expect("transfer", 401, anonymous.post(transfer, Map.of("counter", "2")));
        expect("transfer", 403, noCsrf.post(transfer, Map.of("counter", "2")));
        expect("transfer", 400, raw(operator, "POST", transfer, "application/json", "{\"counter\":"));
        expect("transfer", 413, raw(operator, "POST", transfer, "application/json", "{\"counter\":\"" + "2".repeat(17_000) + "\"}"));
        expect("transfer", 415, raw(operator, "POST", transfer, "text/plain", "2"));
        expect("transfer", 422, operator.post(transfer, Map.of("counter", "1")));
        expect("transfer", 404, operator.post("/api/v1/tickets/999999/transfer", Map.of("counter", "2")));
        expect("setCounterStatus", 200, operator.put(office + "/counters/2/status", Map.of("status", "BREAK")));
        expect("transfer", 409, operator.post(transfer, Map.of("counter", "2")));
        expect("setCounterStatus", 200, operator.put(office + "/counters/2/status", Map.of("status", "OPEN")));
        expect("transfer", 200, operator.post(transfer, Map.of("counter", "2")));
        expect("listCounters", 200, operator.get(office + "/counters"));

        String requeue = "/api/v1/tickets/" + xid + "/requeue";
        expect("requeue", 401, anonymous.post(requeue, null));
        expect("requeue", 403, noCsrf.post(requeue, null));
        expect("requeue", 400, raw(operator, "POST", requeue, "application/json", "{\"x\":"));
        expect("requeue", 413, raw(operator, "POST", requeue, "application/json", "{\"x\":\"" + "r".repeat(17_000) + "\"}"));
        expect("requeue", 415, raw(operator, "POST", requeue, "text/plain", "again"));
        expect("requeue", 404, operator.post("/api/v1/tickets/999999/requeue", null));
        expect("requeue", 409, operator.post(requeue, null));
        operator.post("/api/v1/tickets/" + xid + "/no-show", null);
        expect("requeue", 200, operator.post(requeue, null));
        // Leave nothing at the counters for the tests after this one.
        long yid = y.get("id").asLong();
        for (long id : new long[] {xid, yid}) {
            if (operator.get("/api/v1/staff-tickets/" + id).json().get("state").asText().matches("BOOKED|ADMITTED")) {
                long called = operator.post(office + "/counters/1/call", Map.of("number",
                        operator.get("/api/v1/staff-tickets/" + id).json().get("number").asText())).json().get("id").asLong();
                operator.post("/api/v1/tickets/" + called + "/no-show", null);
            }
        }
    }

    /** Issue 13: the report per counter, per staff member and by refusal reason. */
    @Test
    @Order(7)
    void breakdownReportOperations() {
        String report = "/api/v1/offices/oki/reports/breakdown";
        JsonNode b = expect("breakdownReport", 200, admin.get(report + "?from=2026-12-01&to=2026-12-01")).json();
        assertThat(b.get("counters")).isNotNull();
        Api.Response csv = expect("breakdownReport", 200, admin.getWith(report, Map.of("Accept", "text/csv")));
        assertThat(csv.body()).startsWith("section,key,label,served,noShow,refused,meanServiceMin,count");
        expect("breakdownReport", 400, admin.get(report + "?from=yesterday"));
        expect("breakdownReport", 401, anonymous.get(report));
        expect("breakdownReport", 403, operator.get(report));
        expect("breakdownReport", 404, admin.get("/api/v1/offices/nope/reports/breakdown"));
        expect("breakdownReport", 422, admin.get(report + "?from=2026-12-02&to=2026-12-01"));
    }

    /** Issue 13: the office's name and services' WhatsApp numbers and instructions. */
    @Test
    @Order(7)
    void officeProfileOperations() {
        String profile = "/api/v1/offices/oki/profile";
        JsonNode p = expect("officeProfile", 200, admin.get(profile)).json();
        expect("officeProfile", 401, anonymous.get(profile));
        expect("officeProfile", 403, operator.get(profile));
        expect("officeProfile", 404, admin.get("/api/v1/offices/nope/profile"));
        expect("updateOfficeProfile", 200, admin.put(profile, Map.of("name", p.get("name"), "services", p.get("services"))));
        expect("updateOfficeProfile", 400, admin.put(profile, Map.of("name", Map.of("id", "", "en", ""))));
        expect("updateOfficeProfile", 400, raw(admin, "PUT", profile, "application/json", "{\"name\":"));
        expect("updateOfficeProfile", 401, anonymous.put(profile, Map.of()));
        expect("updateOfficeProfile", 403, operator.put(profile, Map.of()));
        expect("updateOfficeProfile", 404, admin.put("/api/v1/offices/nope/profile", Map.of()));
        expect("updateOfficeProfile", 413, raw(admin, "PUT", profile, "application/json", "{\"x\":\"" + "n".repeat(17_000) + "\"}"));
        expect("updateOfficeProfile", 415, raw(admin, "PUT", profile, "text/plain", "name"));
    }

    @Test
    @Order(100)
    void everyOperationAndEveryDocumentedAnswerWasExercised() {
        List<String> missing = new ArrayList<>();
        for (OpenApiContract.Operation op : contract.operations()) {
            Set<Integer> seen = exercised.getOrDefault(op.id(), Set.of());
            if (seen.stream().noneMatch(s -> s < 300)) {
                missing.add(op.key() + " (" + op.id() + "): no successful call");
            }
            op.node().path("responses").fieldNames().forEachRemaining(status -> {
                if (!NOT_PROVOKED.containsKey(status) && !seen.contains(Integer.parseInt(status))) {
                    missing.add(op.key() + " (" + op.id() + "): documented " + status + " never provoked");
                }
            });
        }
        assertThat(missing).as("operations or answers the contract test does not exercise").isEmpty();
        assertThat(problems).isEmpty();
    }

    /**
     * Every route any HttpService of the web layer registers (collected by handing each service a
     * recording {@link HttpRules}) is an operation of the document: an endpoint cannot be added
     * without documenting it. Each service's mount point is named here; a new service must be added.
     */
    @Test
    @Order(101)
    void everyRouteOfTheServerIsDocumented() throws Exception {
        Map<String, String> mounts = new LinkedHashMap<>();
        mounts.put("TicketApi", "/api/v1");
        mounts.put("OfficeApi", "/api/v1");
        mounts.put("OfficeProfileApi", "/api/v1");
        mounts.put("CounterApi", "/api/v1");
        mounts.put("StreamApi", "/api/v1");
        mounts.put("ReportApi", "/api/v1");
        mounts.put("AuditApi", "/api/v1");
        mounts.put("ReprintApi", "/api/v1");
        mounts.put("NotificationApi", "/api/v1");
        mounts.put("WhatsAppWebhook", "/api/v1");
        mounts.put("PickupApi", "/api/v1");
        mounts.put("PickupPublicApi", "/api/v1");
        mounts.put("AuthApi", "/api/v1/auth");
        mounts.put("StaffApi", "/api/v1/staff");
        mounts.put("OpenApiDocument", "/openapi");
        mounts.put("PrivacyApi", "/api/v1");
        mounts.put("TracingApi", "/api/v1");
        mounts.put("BookingApi", "/api/v1");
        mounts.put("SurveyApi", "/api/v1");
        Set<String> routes = new TreeSet<>();
        for (Class<?> c : webClasses()) {
            if (!HttpService.class.isAssignableFrom(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                continue;
            }
            String mount = mounts.get(c.getSimpleName());
            assertThat(mount).as("mount point of " + c.getName() + " (add it to this test and document its routes)").isNotNull();
            instantiate(c).routing(recorder(mount, routes));
        }
        Set<String> documented = new TreeSet<>();
        contract.operations().forEach(o -> documented.add(o.key()));
        assertThat(routes).isNotEmpty();
        assertThat(documented).as("routes of the server missing from the document").containsAll(routes);
        assertThat(routes).as("operations in the document the server does not have").containsAll(documented);
    }

    /** The compiled classes of the web layer (top-level and nested). */
    private static List<Class<?>> webClasses() throws Exception {
        Path dir = Path.of(Antrean.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("id/antrean/web");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = f.getFileName().toString();
                classes.add(Class.forName("id.antrean.web." + name.substring(0, name.length() - ".class".length())));
            }
        }
        assertThat(classes).as("web classes in " + dir).isNotEmpty();
        return classes;
    }

    private static HttpService instantiate(Class<?> type) throws Exception {
        Constructor<?> constructor = type.getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = types[i] == boolean.class ? false : types[i] == int.class ? 0 : types[i] == long.class ? 0L
                    : types[i] == Duration.class ? Duration.ofSeconds(1) : null;
        }
        return (HttpService) constructor.newInstance(args);
    }

    private static HttpRules recorder(String mount, Set<String> routes) {
        return (HttpRules) Proxy.newProxyInstance(HttpRules.class.getClassLoader(), new Class<?>[]{HttpRules.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (List.of("get", "post", "put", "delete", "patch", "head", "options").contains(name)
                            && args != null && args.length > 0 && args[0] instanceof String path) {
                        String full = path.equals("/") ? mount : mount + path;
                        routes.add(name.toUpperCase() + " " + full);
                        return proxy;
                    }
                    if (name.equals("register") && args != null && args.length > 0 && args[0] instanceof String prefix) {
                        for (Object s : (Object[]) args[1]) {
                            ((HttpService) s).routing(recorder(mount + prefix, routes));
                        }
                        return proxy;
                    }
                    throw new AssertionError("The route recorder does not know HttpRules." + name
                            + ": teach it, so the route is checked against the document");
                });
    }
}
