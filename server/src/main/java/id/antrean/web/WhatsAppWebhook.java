package id.antrean.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.Notifications;
import id.antrean.domain.DeliveryStatus;
import id.antrean.domain.StopWords;
import id.antrean.domain.Text;
import id.antrean.storage.OutboxStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The WhatsApp webhook: the subscription handshake (GET) and the provider's reports (POST):
 * delivery statuses per message and residents' replies (STOP / BERHENTI). A POST is trusted only
 * when its X-Hub-Signature-256 is the HMAC-SHA256 of the raw body under the app secret, checked
 * before the body is parsed; otherwise 401 and nothing is stored.
 */
public final class WhatsAppWebhook implements HttpService {
    private static final Logger LOG = Logger.getLogger(WhatsAppWebhook.class.getName());
    /** The provider batches, but a report is small; anything larger is not from it. */
    static final int MAX_BYTES = 1024 * 1024;

    private final WhatsAppSettings settings;
    private final OutboxStore outbox;
    private final Notifications notifications;

    public WhatsAppWebhook(WhatsAppSettings settings, OutboxStore outbox, Notifications notifications) {
        this.settings = settings;
        this.outbox = outbox;
        this.notifications = notifications;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/whatsapp/webhook", this::verify).post("/whatsapp/webhook", this::report);
    }

    private void verify(ServerRequest req, ServerResponse res) {
        String mode = req.query().first("hub.mode").orElse("");
        String token = req.query().first("hub.verify_token").orElse("");
        String challenge = req.query().first("hub.challenge").orElse("");
        boolean ok = "subscribe".equals(mode) && !settings.verifyToken().isEmpty()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), settings.verifyToken().getBytes(StandardCharsets.UTF_8))
                && challenge.matches("[A-Za-z0-9_-]{1,128}");
        if (!ok) {
            throw new ApiError(Status.FORBIDDEN_403, "WEBHOOK_VERIFY_FAILED",
                    Text.of("Token verifikasi webhook salah.", "Wrong webhook verify token."), Map.of());
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain");
        res.send(challenge);
    }

    private void report(ServerRequest req, ServerResponse res) {
        byte[] body = raw(req);
        String signature = req.headers().first(HeaderNames.create("X-Hub-Signature-256")).orElse("");
        if (!signed(body, signature)) {
            throw new ApiError(Status.UNAUTHORIZED_401, "WEBHOOK_SIGNATURE_INVALID",
                    Text.of("Tanda tangan webhook tidak sah.", "The webhook signature is not valid."), Map.of());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("MALFORMED_JSON", Text.of("Isi bukan JSON.", "The body is not JSON."), Map.of());
        }
        int statuses = 0;
        int stops = 0;
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode s : value.path("statuses")) {
                    if (status(s)) {
                        statuses++;
                    }
                }
                for (JsonNode m : value.path("messages")) {
                    String from = m.path("from").asText("");
                    if ("text".equals(m.path("type").asText()) && from.matches("[1-9][0-9]{7,14}")
                            && StopWords.isStop(m.path("text").path("body").asText(""))) {
                        stops += notifications.stopNumber("+" + from);
                    }
                }
            }
        }
        Json.ok(res, Map.of("statuses", statuses, "stopped", stops));
    }

    private boolean status(JsonNode s) {
        String id = s.path("id").asText("");
        var status = DeliveryStatus.of(s.path("status").asText(null));
        if (id.isEmpty() || id.length() > 128 || status.isEmpty()) {
            return false;
        }
        long epoch = s.path("timestamp").asLong(0);
        Instant at = epoch > 0 ? Instant.ofEpochSecond(epoch) : Instant.now();
        String reason = null;
        JsonNode error = s.path("errors").path(0);
        if (!error.isMissingNode()) {
            reason = "code " + error.path("code").asText("?") + ": " + error.path("title").asText(error.path("message").asText(""));
        }
        return outbox.delivery(id, status.get(), at, reason);
    }

    private boolean signed(byte[] body, String header) {
        if (settings.appSecret().isEmpty() || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            LOG.severe("HMAC-SHA256 unavailable: " + e);
            return false;
        }
    }

    private static byte[] raw(ServerRequest req) {
        if (req.headers().contentLength().orElse(-1L) > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.badRequest("MALFORMED_BODY", Text.of("Isi permintaan rusak.", "The request body is broken."), Map.of());
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(Status.REQUEST_ENTITY_TOO_LARGE_413, "PAYLOAD_TOO_LARGE",
                Text.of("Isi permintaan terlalu besar.", "The request body is too large."), Map.of("maxBytes", MAX_BYTES));
    }
}
