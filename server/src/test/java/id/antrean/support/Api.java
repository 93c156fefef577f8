package id.antrean.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for tests: JSON in and out, and a staff session with its CSRF token. */
public final class Api {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String cookie;
    private String csrf;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String error() {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response getWith(String path, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).GET();
        headers.forEach(b::header);
        return send(b);
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return send(b);
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json(body))).header("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response raw(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** Logs in; later requests carry the session cookie and the CSRF token. */
    public Response login(String username, String password) {
        Response r = post("/api/v1/auth/login", Map.of("username", username, "password", password));
        if (r.status() == 200) {
            cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            csrf = r.json().get("csrfToken").asText();
        }
        return r;
    }

    public Api loginAsAdmin() {
        Response r = login("admin", ADMIN_PASSWORD);
        if (r.status() != 200) {
            throw new AssertionError("admin login failed: " + r.body());
        }
        return this;
    }

    /** Creates a staff account (as the logged-in admin) and returns a new client logged in as it. */
    public Api newStaff(String username, String role) {
        Response r = post("/api/v1/staff", Map.of("username", username, "password", staffPassword(username), "role", role));
        if (r.status() != 201) {
            throw new AssertionError("could not create " + username + ": " + r.body());
        }
        Api other = new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        other.login(username, staffPassword(username));
        return other;
    }

    /** The password {@link #newStaff} gives an account: never containing its username (PasswordPolicy). */
    public static String staffPassword(String username) {
        return "kata-sandi-" + Integer.toHexString(username.hashCode());
    }

    /** As an admin: reads the office's settings, changes the given top-level keys, and saves them. */
    public Response changeSettings(String key, Object value) {
        Map<String, Object> settings = new LinkedHashMap<>();
        get("/api/v1/offices/oki/settings").json().fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue()));
        settings.put(key, value);
        return put("/api/v1/offices/oki/settings", settings);
    }

    public void forgetCsrf() {
        csrf = null;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.body() != null && !r.body().isBlank() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                json = MAPPER.readTree(r.body());
            }
            return new Response(r.statusCode(), json, r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object body) {
        try {
            return body instanceof String s ? s : MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid ticket request body for the given NIK, all health items affirmed. */
    public static Map<String, Object> ticketRequest(String nik) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", "KTP_EL_RECORDING");
        m.put("nik", nik);
        m.put("urgency", Map.of("reason", "HOSPITAL"));
        m.put("checklist", Map.of("MASK", true, "GLOVES", true, "NO_SYMPTOMS", true));
        m.put("priorityGroup", null);
        m.put("day", null);
        m.put("phone", null);
        m.put("name", null);
        m.put("channel", "KIOSK");
        return m;
    }

    /** A valid booking request from home for the given NIK, day and slot ("09:30"). */
    public static Map<String, Object> bookingRequest(String nik, String day, String slot) {
        Map<String, Object> m = ticketRequest(nik);
        m.remove("channel");
        m.put("day", day);
        m.put("slot", slot);
        return m;
    }

    /** The i-th of many valid NIKs from the office's region (1602), born 15 May 1990. */
    public static String nik(int i) {
        return "160201150590" + String.format("%04d", (i % 9999) + 1);
    }

    public static List<String> niks(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(Api::nik).toList();
    }
}
