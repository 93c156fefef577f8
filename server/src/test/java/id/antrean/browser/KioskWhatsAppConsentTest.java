package id.antrean.browser;

import java.util.List;
import java.util.Map;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kiosk's WhatsApp screen in Chromium: asked only while the office sends messages, saying what
 * is sent, by whom and how long the number is kept; the yes is stored with its text version.
 */
@ExtendWith(TestDatabase.class)
class KioskWhatsAppConsentTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10");
    static TestDatabase.Db db;
    static Antrean node;
    static Api admin;
    static Browsers browsers;
    static String seeded;
    ResidentAtKiosk kiosk;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK, WhatsAppStandIn.config(WhatsAppStandIn.NOWHERE, Map.of()));
        admin = new Api(node.port()).loginAsAdmin();
        seeded = TestData.settings(db);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            List<String> errors = kiosk.pageErrors;
            kiosk.close();
            assertThat(errors).as("script errors on the kiosk page").isEmpty();
        }
    }

    private void notifications(boolean on) {
        assertThat(admin.put("/api/v1/offices/oki/notifications/settings", Map.of("enabled", on, "keepDays", 30)).status())
                .isEqualTo(200);
    }

    @Test
    void withNotificationsOnTheKioskSaysWhatWhoAndHowLongThenRecordsTheYes() {
        notifications(true);
        String officeName = TestData.string(db, "SELECT name_id FROM office WHERE id = 'oki'");
        kiosk = ResidentAtKiosk.open(browsers, node.port(), 1280, 800, "");
        kiosk.chooseInOffice().healthy().reason("HOSPITAL").nik(nik(1)).priority("NONE").on("phone");
        String text = kiosk.page.locator("main p.lead").first().innerText();
        assertThat(text).contains(officeName).contains("nomor antrean").contains("dipanggil").contains("30 hari")
                .contains("BERHENTI");
        assertThat(kiosk.text("next")).contains("Setuju");
        assertThat(kiosk.seriousAccessibilityViolations()).as("axe on the WhatsApp screen (id)").isEmpty();
        kiosk.screenshot("kiosk-whatsapp-consent");
        kiosk.tap("lang-en");
        assertThat(kiosk.page.locator("main p.lead").first().innerText())
                .contains(TestData.string(db, "SELECT name_en FROM office WHERE id = 'oki'")).contains("30 days")
                .contains("STOP");
        assertThat(kiosk.seriousAccessibilityViolations()).as("axe on the WhatsApp screen (en)").isEmpty();
        kiosk.screenshot("kiosk-whatsapp-consent-en");
        kiosk.typed("081234567890").tap("next");
        kiosk.on("ticket");
        assertThat(TestData.string(db, "SELECT CONCAT(phone, '|', language, '|', text_version) FROM notify_consent"))
                .isEqualTo("+6281234567890|en|wa-consent-2026-12");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'ISSUED'")).isEqualTo(1);
    }

    @Test
    void withNotificationsOffTheKioskNeitherAsksNorPromises() {
        notifications(false);
        kiosk = ResidentAtKiosk.open(browsers, node.port(), 1280, 800, "");
        kiosk.chooseInOffice().healthy().reason("HOSPITAL").nik(nik(2)).on("priority");
        assertThat(kiosk.page.content()).doesNotContain("WhatsApp ke nomor ini").doesNotContain("Nomor WhatsApp Anda");
        assertThat(kiosk.seriousAccessibilityViolations()).as("axe on the screen after the NIK").isEmpty();
        kiosk.priority("NONE").on("ticket");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE phone IS NOT NULL")).isZero();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_consent")).isZero();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_outbox")).isZero();
    }

    @Test
    void theTicketPageStopsMessagesAndNothingIsQueuedAfter() throws Exception {
        notifications(true);
        Map<String, Object> body = Api.ticketRequest(nik(3));
        body.put("phone", "081298765432");
        body.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "id"));
        Api.Response issued = admin.post("/api/v1/offices/oki/tickets", body);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        com.microsoft.playwright.Page phone = browsers.page(390, 844);
        try {
            phone.navigate("http://127.0.0.1:" + node.port() + issued.json().get("statusUrl").asText());
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(phone.getByTestId("messages-stop")).isVisible();
            assertThat(axe(phone)).as("axe on the ticket page with messages on").isEmpty();
            Browsers.screenshot(phone, "ticket-messages-on");
            phone.getByTestId("messages-stop").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(phone.getByTestId("messages-state"))
                    .containsText("dihentikan");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(phone.getByTestId("messages-stop")).isHidden();
            assertThat(axe(phone)).as("axe on the ticket page with messages stopped").isEmpty();
        } finally {
            phone.context().close();
        }
        assertThat(TestData.string(db, "SELECT stopped_via FROM notify_consent")).isEqualTo("TICKET_PAGE");
        Api operator = admin.newStaff("op-stop", "OPERATOR");
        assertThat(operator.post("/api/v1/offices/oki/counters/1/call-next", null).status()).isEqualTo(200);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'CALLED'")).isZero();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'PENDING'")).isZero();
    }

    /** axe-core's serious and critical findings on any page. */
    @SuppressWarnings("unchecked")
    static List<String> axe(com.microsoft.playwright.Page page) {
        if ("undefined".equals(page.evaluate("typeof window.axe"))) {
            // A same-origin file (intercepted, never served): the pages' CSP blocks inline scripts.
            page.route("**/__test-axe.min.js", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/javascript").setBody(ResidentAtKiosk.axeSource())));
            page.addScriptTag(new com.microsoft.playwright.Page.AddScriptTagOptions().setUrl("/__test-axe.min.js"));
        }
        return (List<String>) page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help)""");
    }
}
