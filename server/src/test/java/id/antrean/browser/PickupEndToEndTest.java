package id.antrean.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import id.antrean.pickup.PickupProvider;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's "done when", in Chromium against a real server, MariaDB and WireMock as the WhatsApp
 * Cloud API: staff register 200 finished documents from a spreadsheet; every resident gets a
 * message with a slot and a code; one comes at their time, types the code at the kiosk, answers
 * the health questions, gets a pickup ticket (B-001), is called to the pickup counter and the
 * handover is recorded.
 */
class PickupEndToEndTest {
    static final PickupProvider PROVIDER = new PickupProvider();

    @RegisterExtension
    static final OfficeUnderTest office = withConfig(OfficeUnderTest.at("2026-12-01T09:00"), PROVIDER.config());
    static Browsers browsers;

    static OfficeUnderTest withConfig(OfficeUnderTest o, Map<String, String> config) {
        config.forEach(o::with);
        return o;
    }

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        browsers.close();
        PROVIDER.stop();
    }

    static void logIn(Page page) {
        page.navigate("http://127.0.0.1:" + office.port() + "/staff/");
        page.fill("#username", "admin");
        page.fill("#password", Api.ADMIN_PASSWORD);
        page.click("#submit");
        page.waitForURL(url -> !url.endsWith("/staff/") && !url.contains("index.html"));
    }

    @Test
    void twoHundredDocumentsFromASpreadsheetOneCollectedAtTheCounter() {
        WhatsAppStandIn.enable(office.db(), true);
        Api admin = new Api(office.port()).loginAsAdmin();
        // 20 a slot, 100 a day: 200 documents fill Wednesday and Thursday. Loket 2 gives documents out.
        org.assertj.core.api.Assertions.assertThat(admin.put("/api/v1/offices/oki/pickup-settings", Map.of("slotCapacity", 20,
                "dayCapacity", 100, "counterServes", Map.of("2", "PICKUP"))).status()).isEqualTo(200);
        StringBuilder csv = new StringBuilder("nama;jenis;rujukan;whatsapp;nik4\n");
        String[] types = {"KK", "KTP_EL", "AKTA_KELAHIRAN", "AKTA_KEMATIAN", "AKTA_PERKAWINAN"};
        for (int i = 0; i < 200; i++) {
            csv.append("Warga ").append(i).append(';').append(types[i % types.length]).append(";E2E-").append(i)
                    .append(";0815").append(String.format("%08d", i)).append(';').append(String.format("%04d", i)).append('\n');
        }
        Page staff = browsers.page(1280, 1000);
        try {
            logIn(staff);
            staff.navigate("http://127.0.0.1:" + office.port() + "/staff/pickups.html");
            staff.setInputFiles("#csv", new FilePayload("siap-diambil.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
            staff.click("#upload");
            assertThat(staff.locator("#import-ok")).containsText("200 dokumen terdaftar");
            Browsers.screenshot(staff, "e2e-200-registered");
        } finally {
            staff.context().close();
        }

        // Every resident gets exactly one message, with a day, a time and a code.
        await().atMost(Duration.ofSeconds(60)).until(() -> PROVIDER.sent().size() >= 200);
        List<PickupProvider.Sent> sent = PROVIDER.sent();
        org.assertj.core.api.Assertions.assertThat(sent).hasSize(200);
        org.assertj.core.api.Assertions.assertThat(sent).allMatch(s -> s.template().equals("antrean_pickup_ready"));
        Set<String> recipients = sent.stream().map(PickupProvider.Sent::to).collect(Collectors.toSet());
        org.assertj.core.api.Assertions.assertThat(recipients).hasSize(200);
        org.assertj.core.api.Assertions.assertThat(sent).allMatch(s -> s.params().get(2).matches("(Rabu|Kamis), [23] Desember 2026")
                && s.params().get(3).matches("\\d\\d:\\d\\d–\\d\\d:\\d\\d") && s.params().get(4).matches("[2-9A-Z]{4}-[2-9A-Z]{4}"));
        org.assertj.core.api.Assertions.assertThat(sent.stream().map(s -> s.params().get(4)).distinct().count()).isEqualTo(200);

        // Resident 150 comes at their time.
        PickupProvider.Sent mine = PROVIDER.sentTo("+62815" + String.format("%08d", 150)).getFirst();
        String day = mine.params().get(2).startsWith("Rabu") ? "2026-12-02" : "2026-12-03";
        String start = mine.params().get(3).substring(0, 5);
        office.clock().setWib(day + "T" + start);
        office.clock().advance(Duration.ofMinutes(5));
        String code = mine.params().get(4);

        Page kiosk = browsers.page(1280, 1024);
        try {
            kiosk.navigate("http://127.0.0.1:" + office.port() + "/kiosk/?office=oki&print=off");
            kiosk.click("[data-testid=pickup-start]");
            assertThat(kiosk.locator("[data-testid=screen-pickupCode]")).isVisible();
            for (char c : code.replace("-", "").toCharArray()) {
                kiosk.click("[data-testid=pk-" + c + "]");
            }
            assertThat(kiosk.locator("[data-testid=pickup-code]")).hasText(code);
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(kiosk)).as("axe on the pickup code screen").isEmpty();
            Browsers.screenshot(kiosk, "e2e-kiosk-code");
            kiosk.click("[data-testid=next]");
            for (String item : List.of("MASK", "GLOVES", "NO_SYMPTOMS")) {
                kiosk.click("[data-testid=check-" + item + "-yes]");
            }
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(kiosk)).as("axe on the pickup checklist").isEmpty();
            kiosk.click("[data-testid=next]");
            assertThat(kiosk.locator("[data-testid=ticket-number]")).hasText("B-001");
            assertThat(kiosk.locator("[data-testid=ticket-service]")).containsText("Pengambilan dokumen");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(kiosk)).as("axe on the pickup ticket").isEmpty();
            Browsers.screenshot(kiosk, "e2e-kiosk-ticket");
        } finally {
            kiosk.context().close();
        }

        // Called to loket 2 (pickups only), the identity checked, the document handed over.
        Page counter = browsers.page(1280, 1000);
        try {
            logIn(counter);
            counter.navigate("http://127.0.0.1:" + office.port() + "/staff/counter.html");
            counter.click("[data-counter='2']");
            assertThat(counter.locator("#action-call")).isEnabled();
            counter.click("#action-call");
            assertThat(counter.locator("#current-title")).hasText("B-001");
            assertThat(counter.locator("#pickup-handover")).containsText("E2E-150");
            assertThat(counter.locator("#pickup-handover")).containsText("0150");
            Browsers.screenshot(counter, "e2e-counter-pickup");
            counter.click("#handover-resident");
            assertThat(counter.locator("#message")).containsText("diserahkan");
        } finally {
            counter.context().close();
        }
        org.assertj.core.api.Assertions.assertThat(TestData.string(office.db(),
                "SELECT CONCAT(d.state, ' ', d.collector, ' ', t.state) FROM pickup_document d JOIN ticket t ON t.id = d.ticket_id "
                        + "WHERE d.reference = 'E2E-150'")).isEqualTo("COLLECTED RESIDENT DONE");
        org.assertj.core.api.Assertions.assertThat(TestData.count(office.db(),
                "SELECT COUNT(*) FROM pickup_document WHERE state = 'COLLECTED'")).isEqualTo(1);
    }
}
