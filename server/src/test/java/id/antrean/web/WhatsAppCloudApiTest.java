package id.antrean.web;

import java.util.List;
import java.util.Map;

import id.antrean.app.MessageSender;
import id.antrean.domain.NoticeKind;
import id.antrean.domain.ProviderAnswer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Cloud API's documented answers, classified; the request body in its documented shape. */
class WhatsAppCloudApiTest {
    static String error(int code) {
        return "{\"error\":{\"message\":\"(#" + code + ") x\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"d\"},\"fbtrace_id\":\"A\"}}";
    }

    @Test
    void answersAreClassifiedByTheirDocumentedCodes() {
        assertThat(WhatsAppCloudApi.answer(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"628\",\"wa_id\":\"628\"}],"
                + "\"messages\":[{\"id\":\"wamid.HBgL\"}]}")).isEqualTo(new ProviderAnswer.Accepted("wamid.HBgL"));
        assertThat(WhatsAppCloudApi.answer(400, error(130429))).isInstanceOfSatisfying(ProviderAnswer.RetryLater.class,
                r -> assertThat(r.slowDown()).isTrue());
        assertThat(WhatsAppCloudApi.answer(400, error(131056))).isInstanceOfSatisfying(ProviderAnswer.RetryLater.class,
                r -> assertThat(r.slowDown()).isFalse());
        assertThat(WhatsAppCloudApi.answer(400, error(131026))).isInstanceOf(ProviderAnswer.Failed.class);
        assertThat(WhatsAppCloudApi.answer(400, error(131047))).isInstanceOf(ProviderAnswer.Failed.class);
        assertThat(WhatsAppCloudApi.answer(401, error(190))).isInstanceOf(ProviderAnswer.ConfigFault.class);
        assertThat(WhatsAppCloudApi.answer(403, error(10))).isInstanceOf(ProviderAnswer.ConfigFault.class);
        assertThat(WhatsAppCloudApi.answer(503, "<html>down</html>")).isInstanceOf(ProviderAnswer.RetryLater.class);
        assertThat(WhatsAppCloudApi.answer(200, "{}")).isInstanceOf(ProviderAnswer.RetryLater.class);
    }

    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void templateNamesComeFromConfigurationKeysThatEnvironmentVariablesMapTo() {
        // ANTREAN_WHATSAPP_TEMPLATE_TURN_NEAR becomes antrean.whatsapp.template.turn.near
        io.helidon.config.Config c = io.helidon.config.Config.just(io.helidon.config.ConfigSources.create(
                Map.of("antrean.whatsapp.template.turn.near", "kantor_giliran", "antrean.whatsapp.phone.number.id", "9")));
        WhatsAppSettings s = WhatsAppSettings.from(c.get("antrean.whatsapp"));
        assertThat(s.template(NoticeKind.TURN_NEAR)).isEqualTo("kantor_giliran");
        assertThat(s.template(NoticeKind.REMINDER_EVENING)).isEqualTo("antrean_reminder_evening");
        assertThat(s.configured()).as("no token, no secret").isFalse();
    }

    @Test
    void theRequestIsATemplateMessageWithBodyParametersAndNoSecretShows() {
        WhatsAppSettings s = new WhatsAppSettings("http://x/", "v23.0", "123", "secret-token", "secret-app", "v",
                Map.of(NoticeKind.CALLED, "antrean_called"));
        Map<String, Object> body = new WhatsAppCloudApi(s).body(new MessageSender.Outgoing("outbox:7", "+6281234567890",
                NoticeKind.CALLED, "id", List.of("A-017", "Loket 2")));
        assertThat((Object) Json.MAPPER.valueToTree(body)).isEqualTo(tree("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"6281234567890\",\"type\":\"template\",\"biz_opaque_callback_data\":\"outbox:7\",\"template\":{\"name\":\"antrean_called\","
                + "\"language\":{\"code\":\"id\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"A-017\"},"
                + "{\"type\":\"text\",\"text\":\"Loket 2\"}]}]}}"));
        assertThat(s.messagesUrl()).isEqualTo("http://x/v23.0/123/messages");
        assertThat(s.toString()).doesNotContain("secret-token").doesNotContain("secret-app");
    }
}
