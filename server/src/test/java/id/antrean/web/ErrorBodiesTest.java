package id.antrean.web;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is the JSON error body, also those Helidon raises before any route runs (issue 10,
 * defect 9), and the JSON reader refuses what it cannot read whole and once.
 */
@ExtendWith(TestDatabase.class)
class ErrorBodiesTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static Antrean node;
    static Api admin;
    static Api operator;

    @BeforeAll
    static void start(TestDatabase.Db db) {
        node = TestServer.start(db, CLOCK);
        admin = new Api(node.port()).loginAsAdmin();
        operator = admin.newStaff("operator1", "OPERATOR");
        TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A raw HTTP exchange: what a broken or hostile client can send, which no HTTP library would. */
    record Raw(int status, Map<String, String> headers, JsonNode json, String body) {
    }

    Raw raw(String request) throws Exception {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    Raw raw(byte[] request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) {
                    all.write(buf, 0, n);
                    String text = all.toString(StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    if (end > 0) {
                        Map<String, String> headers = headers(text.substring(0, end));
                        int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
                        if (length >= 0 && all.size() >= end + 4 + length) {
                            break;
                        }
                    }
                }
            } catch (java.net.SocketException reset) {
                // The server closes after an error answer; what arrived before counts.
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer, got: " + text).isPositive();
            String head = text.substring(0, end);
            String body = text.substring(end + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            JsonNode json = null;
            try {
                json = MAPPER.readTree(body);
            } catch (Exception notJson) {
                // asserted by the caller
            }
            return new Raw(status, headers(head), json, body);
        }
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return headers;
    }

    private static void assertJsonError(Raw r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        assertThat(r.json()).as("JSON body: " + r.body()).isNotNull();
        assertThat(r.json().get("error").asText()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).isNotBlank();
        assertThat(r.json().get("messages").get("id").asText()).isNotBlank();
        assertThat(r.json().get("messages").get("en").asText()).isNotBlank();
        assertThat(r.json().get("details").isObject()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.headers().get("content-security-policy")).contains("default-src 'self'");
        assertThat(r.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(r.headers().get("referrer-policy")).isEqualTo("no-referrer");
    }

    private static void assertJsonError(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).as(r.body()).isEqualTo(code);
        assertThat(r.json().get("messages").get("id").asText()).isNotBlank();
        assertThat(r.json().get("messages").get("en").asText()).isNotBlank();
        assertThat(r.json().get("details").isObject()).isTrue();
    }

    @Test
    void strayPercentInThePathIsAJsonError() throws Exception {
        Raw api = raw("GET /api/v1/offices/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(api.status()).isBetween(400, 499);
        assertJsonError(api, api.status(), api.json() == null ? "?" : api.json().get("error").asText());
        Raw page = raw("GET /kiosk/%E0%A4% HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(page.status()).isBetween(400, 499);
        assertJsonError(page, page.status(), page.json() == null ? "?" : page.json().get("error").asText());
        Raw lone = raw("GET /% HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(lone.status()).isBetween(400, 499);
        assertJsonError(lone, lone.status(), lone.json() == null ? "?" : lone.json().get("error").asText());
    }

    @Test
    void overLongUrlIsAJsonError() throws Exception {
        Raw r = raw("GET /api/v1/offices/oki?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(r.status()).isIn(400, 414);
        assertJsonError(r, r.status(), r.json() == null ? "?" : r.json().get("error").asText());
    }

    @Test
    void twentyKilobyteCookieIsAJsonError() throws Exception {
        Raw r = raw("GET /api/v1/offices/oki HTTP/1.1\r\nHost: localhost\r\nCookie: c=" + "b".repeat(20_000) + "\r\n\r\n");
        assertThat(r.status()).isIn(400, 431);
        assertJsonError(r, r.status(), r.json() == null ? "?" : r.json().get("error").asText());
    }

    @Test
    void badHttpVersionAndGarbageAreJsonErrors() throws Exception {
        Raw version = raw("GET /api/v1/offices/oki HTTP/9.9\r\nHost: localhost\r\n\r\n");
        assertThat(version.status()).isIn(400, 505);
        assertJsonError(version, version.status(), version.json() == null ? "?" : version.json().get("error").asText());
        Raw garbage = raw("\u0001\u0002 nonsense\r\n\r\n");
        assertJsonError(garbage, 400, "MALFORMED_REQUEST");
        Raw noHost = raw("GET /api/v1/offices/oki HTTP/1.1\r\n\r\n");
        assertJsonError(noHost, 400, "MALFORMED_REQUEST");
    }

    @Test
    void oversizedBodyIsAJsonError() throws Exception {
        Raw r = raw("POST /api/v1/offices/oki/tickets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000\r\n\r\n{");
        assertJsonError(r, 413, "BODY_TOO_LARGE");
    }

    @Test
    void jsonWithTrailingDataIsRefused() {
        Api resident = new Api(node.port());
        String body = Api.json(ticketRequest(nik(901)));
        Api.Response r = resident.raw("POST", "/api/v1/offices/oki/tickets", "application/json",
                (body + " {\"more\": 1}").getBytes(StandardCharsets.UTF_8));
        assertJsonError(r, 400, "MALFORMED_JSON");
        Api.Response junk = resident.raw("POST", "/api/v1/offices/oki/tickets", "application/json",
                (body + "x").getBytes(StandardCharsets.UTF_8));
        assertJsonError(junk, 400, "MALFORMED_JSON");
        assertThat(resident.get("/api/v1/offices/oki/queue").body()).doesNotContain(nik(901).substring(12));
    }

    @Test
    void jsonWithADuplicateKeyIsRefused() {
        Api resident = new Api(node.port());
        String body = Api.json(ticketRequest(nik(902)));
        String twice = body.substring(0, body.length() - 1) + ",\"nik\":\"" + nik(903) + "\"}";
        Api.Response r = resident.raw("POST", "/api/v1/offices/oki/tickets", "application/json",
                twice.getBytes(StandardCharsets.UTF_8));
        assertJsonError(r, 400, "DUPLICATE_FIELD");
    }

    @Test
    void temperatureTooLargeForADoubleIsA400() {
        Api resident = new Api(node.port());
        Api.Response issued = resident.post("/api/v1/offices/oki/tickets", ticketRequest(nik(904)));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        long id = issued.json().get("id").asLong();
        Api.Response called = operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        assertThat(called.json().get("id").asLong()).isEqualTo(id);
        String start = "{\"ppe\":{\"MASK\":true,\"GLOVES\":true},\"temperatureC\":1e309}";
        Api.Response r = operator.raw("POST", "/api/v1/tickets/" + id + "/start", "application/json",
                start.getBytes(StandardCharsets.UTF_8));
        assertJsonError(r, 400, "NUMBER_OUT_OF_RANGE");
        assertThat(r.json().get("details").get("field").asText()).isEqualTo("temperatureC");
        assertThat(operator.get("/api/v1/staff-tickets/" + id).json().get("state").asText()).isEqualTo("CALLED");
    }
}
