package id.antrean.pickup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import id.antrean.support.WhatsAppStandIn;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock standing in for the WhatsApp Cloud API for the pickup tests: started before the office
 * under test (whose config points at it), answering every message as the Cloud API does.
 */
public final class PickupProvider {
    public static final String PATH = "/v23.0/1234567890/messages";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public final WireMockServer server;

    public PickupProvider() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        answer();
    }

    /** The node's config: this provider, a fast dispatcher, the public address used in links. */
    public Map<String, String> config() {
        Map<String, String> extra = new HashMap<>();
        extra.put("antrean.whatsapp.dispatch.poll.ms", "50");
        extra.put("antrean.whatsapp.dispatch.pair.pace.ms", "1");
        extra.put("antrean.whatsapp.dispatch.retry.base.ms", "100");
        extra.put("antrean.public.url", "https://antrean.example.id");
        extra.put("antrean.pickup.overdue.seconds", "3600");
        return WhatsAppStandIn.config(server.baseUrl(), extra);
    }

    public void answer() {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"{{jsonPath request.body '$.to'}}","wa_id":"{{jsonPath request.body '$.to'}}"}],
                "messages":[{"id":"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}"}]}""")
                .withTransformers("response-template")));
    }

    public record Sent(String to, String template, String language, List<String> params) {
    }

    /** Every message the provider accepted, in arrival order. */
    public List<Sent> sent() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(PATH) && e.getResponse().getStatus() == 200)
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest)
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(PickupProvider::sent).toList();
    }

    public List<Sent> sentTo(String phone) {
        String to = phone.startsWith("+") ? phone.substring(1) : phone;
        return sent().stream().filter(s -> s.to().equals(to)).toList();
    }

    private static Sent sent(LoggedRequest r) {
        try {
            JsonNode b = MAPPER.readTree(r.getBodyAsString());
            JsonNode t = b.get("template");
            List<String> params = new java.util.ArrayList<>();
            t.get("components").get(0).get("parameters").forEach(p -> params.add(p.get("text").asText()));
            return new Sent(b.get("to").asText(), t.get("name").asText(), t.get("language").get("code").asText(), params);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        server.stop();
    }
}
