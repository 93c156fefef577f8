package id.antrean.browser;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.RunningClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static org.awaitility.Awaitility.await;

/** The supervisors' "Pesan / Messages" page in Chromium, against WireMock standing in for the Cloud API. */
@ExtendWith(TestDatabase.class)
class StaffMessagesPageTest {
    static final String PATH = "/v23.0/1234567890/messages";
    static WireMockServer provider;
    static TestDatabase.Db db;
    static Antrean node;
    static Browsers browsers;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        node = TestServer.start(db, RunningClock.atWib("2026-12-01T09:00"), WhatsAppStandIn.config(provider.baseUrl(),
                Map.of("antrean.whatsapp.dispatch.poll.ms", "50", "antrean.whatsapp.dispatch.pair.pace.ms", "1")));
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
        provider.stop();
    }

    @Test
    void failedMessagesShowTheReasonMaskedAndCanBeSentAgain() throws Exception {
        Api admin = new Api(node.port()).loginAsAdmin();
        org.assertj.core.api.Assertions.assertThat(admin.put("/api/v1/offices/oki/notifications/settings",
                Map.of("enabled", true)).status()).isEqualTo(200);
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
                        "error_data":{"messaging_product":"whatsapp","details":"Unable to deliver message."}}}""")));
        Map<String, Object> body = Api.ticketRequest(nik(1));
        body.put("phone", "081211112222");
        body.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "id"));
        org.assertj.core.api.Assertions.assertThat(admin.post("/api/v1/offices/oki/tickets", body).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'FAILED'") == 2);
        provider.resetMappings();
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                .withTransformers("response-template")));

        Page page = browsers.page(1280, 900);
        try {
            page.navigate("http://127.0.0.1:" + node.port() + "/staff/");
            page.fill("#username", "admin");
            page.fill("#password", Api.ADMIN_PASSWORD);
            page.click("#submit");
            page.waitForURL("**/settings.html"); // an admin lands on the settings (issue 13)
            page.navigate("http://127.0.0.1:" + node.port() + "/staff/messages.html");
            assertThat(page.locator("#provider-configured")).containsText("Terhubung");
            assertThat(page.locator("#problem-rows tr")).hasCount(2);
            assertThat(page.locator("#problem-rows")).containsText("131026");
            assertThat(page.locator("#problem-rows")).containsText("••••2222");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("81211112222");
            assertThat(page.locator("#message-counts [data-count='failed']")).hasText("2");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the messages page").isEmpty();
            Browsers.screenshot(page, "staff-messages");
            page.locator("#problem-rows button[data-retry]").first().click();
            assertThat(page.locator("[role='status']").first()).containsText("dikirim ulang");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'SENT'") == 1);
            page.click("#show");
            assertThat(page.locator("#problem-rows tr")).hasCount(1);
            assertThat(page.locator("#message-rows")).containsText("Terkirim ke WhatsApp");
            assertThat(page.locator("#message-counts [data-count='sent']")).hasText("1");
        } finally {
            page.context().close();
        }
    }
}
