package id.antrean.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.MessageSender;
import id.antrean.domain.ProviderAnswer;

/**
 * The WhatsApp Business Cloud API: {@code POST /{version}/{phone-number-id}/messages} with a
 * bearer token and an approved template. Its documented error codes decide what happens next.
 */
public final class WhatsAppCloudApi implements MessageSender {
    /** Throughput (130429), pair rate (131056), spam rate (131048), temporary service errors. */
    private static final Set<Integer> RETRY = Set.of(130429, 131056, 131048, 131000, 131016, 2, 4, 80007);
    private static final Set<Integer> SLOW_DOWN = Set.of(130429, 131048, 4, 80007);
    /** Our token, permissions or templates are wrong: an admin must act. */
    private static final Set<Integer> CONFIG = Set.of(0, 3, 10, 190, 200, 131005, 131031, 132000, 132001, 133010);

    private final WhatsAppSettings settings;
    private final HttpClient http;

    public WhatsAppCloudApi(WhatsAppSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public ProviderAnswer send(Outgoing m) {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.messagesUrl()))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + settings.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body(m))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new ProviderAnswer.RetryLater("provider unreachable: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProviderAnswer.RetryLater("provider unreachable: interrupted", false);
        }
        return answer(response.statusCode(), response.body());
    }

    Map<String, Object> body(Outgoing m) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", settings.template(m.kind()));
        template.put("language", Map.of("code", m.language()));
        template.put("components", List.of(Map.of("type", "body", "parameters",
                m.parameters().stream().map(p -> Map.of("type", "text", "text", p)).toList())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", m.to().startsWith("+") ? m.to().substring(1) : m.to());
        body.put("type", "template");
        body.put("biz_opaque_callback_data", m.reference());
        body.put("template", template);
        return body;
    }

    static ProviderAnswer answer(int status, String raw) {
        JsonNode json = null;
        try {
            json = raw == null || raw.isBlank() ? null : Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            // not JSON: classified by status below
        }
        if (status >= 200 && status < 300) {
            JsonNode id = json == null ? null : json.path("messages").path(0).path("id");
            if (id == null || !id.isTextual()) {
                return new ProviderAnswer.RetryLater("HTTP " + status + " without a message id", false);
            }
            return new ProviderAnswer.Accepted(id.asText());
        }
        JsonNode error = json == null ? null : json.get("error");
        int code = error == null ? -1 : error.path("code").asInt(-1);
        String reason = "HTTP " + status + (code >= 0 ? ", code " + code : "")
                + (error != null && error.hasNonNull("message") ? ": " + error.get("message").asText() : "");
        if (status == 401 || status == 403 || CONFIG.contains(code)) {
            return new ProviderAnswer.ConfigFault(reason);
        }
        if (RETRY.contains(code)) {
            return new ProviderAnswer.RetryLater(reason, SLOW_DOWN.contains(code));
        }
        if (status == 429) {
            return new ProviderAnswer.RetryLater(reason, true);
        }
        if (status >= 500 || status == 408) {
            return new ProviderAnswer.RetryLater(reason, false);
        }
        // 131026 (undeliverable), 131047 (outside the 24 h window) and every other refusal: final.
        return new ProviderAnswer.Failed(reason);
    }
}
