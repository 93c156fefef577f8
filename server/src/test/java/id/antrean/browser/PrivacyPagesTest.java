package id.antrean.browser;

import java.nio.file.Files;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import id.antrean.privacy.PrivacyOffice;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.privacy.PrivacyOffice.issue;
import static id.antrean.privacy.PrivacyOffice.ok;

/**
 * The personal data pages in Chromium: the ticket page's "Data saya / My data" (masked, and
 * deleting the WhatsApp number), the tracing export page (search, printable report, CSV), and
 * the supervisors' personal data page. axe finds nothing serious or critical on any of them.
 */
class PrivacyPagesTest {
    static final WireMockServer PROVIDER = PrivacyOffice.provider();

    @RegisterExtension
    static final OfficeUnderTest office = PrivacyOffice.office(PROVIDER, "2026-12-01T09:00");

    static Browsers browsers;
    static Api operator;
    static String base;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        base = "http://127.0.0.1:" + office.port();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        PROVIDER.stop();
    }

    @BeforeEach
    void setUp() {
        PrivacyOffice.reset(office);
        synchronized (PrivacyPagesTest.class) {
            if (operator == null) {
                operator = office.admin().newStaff("loket1", "OPERATOR");
                office.admin().newStaff("dinkes1", "TRACER");
            }
        }
    }

    static Page loggedIn(String username, String password, String landing) {
        Page page = browsers.page(1280, 900);
        page.navigate(base + "/staff/");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#submit");
        page.waitForURL("**/" + landing);
        return page;
    }

    @Test
    void myDataOnTheTicketPageIsMaskedAndDeletesTheWhatsAppNumber() {
        JsonNode t = issue(office.resident(), "1602011505900131", "Siti Aminah", "+6281234513101", true, null);
        Page page = browsers.page(390, 844);
        try {
            page.navigate(base + "/t/" + t.get("token").asText());
            assertThat(page.getByTestId("ticket-number")).hasText(t.get("number").asText());
            assertThat(page.getByTestId("my-data")).isVisible();
            page.locator("[data-testid='my-data'] > summary").click();
            assertThat(page.getByTestId("my-data-list")).containsText("S••• A•••");
            assertThat(page.getByTestId("my-data-list")).containsText("••••3101");
            assertThat(page.getByTestId("my-data-list")).containsText("••••••••••••0131");
            assertThat(page.getByTestId("my-data-kept")).containsText("Jumat, 1 Januari 2027");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("Siti Aminah", "81234513101", "1602011505900131");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on my data").isEmpty();
            Browsers.screenshot(page, "ticket-my-data");

            page.getByTestId("my-data-delete").click();
            assertThat(page.getByTestId("my-data-confirm")).isVisible();
            page.getByTestId("my-data-confirm-yes").click();
            assertThat(page.getByTestId("my-data-status")).containsText("sudah dihapus");
            assertThat(page.getByTestId("my-data-list")).not().containsText("••••3101");
            assertThat(page.getByTestId("my-data-delete")).hasCount(0);
            assertThat(page.getByTestId("messages-state")).containsText("dihentikan");
            org.assertj.core.api.Assertions.assertThat(TestData.count(office.db(),
                    "SELECT COUNT(*) FROM ticket WHERE phone IS NOT NULL")).isZero();
            org.assertj.core.api.Assertions.assertThat(TestData.count(office.db(),
                    "SELECT COUNT(*) FROM notify_consent WHERE phone IS NOT NULL OR stopped_at IS NULL")).isZero();
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe after deleting").isEmpty();
            Browsers.screenshot(page, "ticket-my-data-deleted");
        } finally {
            page.context().close();
        }
    }

    @Test
    void theTracingPageExportsAPrintableReportAndCsv() throws Exception {
        JsonNode a = issue(office.resident(), "1602011505900141", "Andi", "+6281234514101", true, null);
        issue(office.resident(), "1602011505900142", "Bunga", "+6281234514102", true, null);
        issue(office.resident(), "1602011505900143", null, null, false, null);
        office.clock().setWib("2026-12-01T09:05");
        ok(operator.post("/api/v1/offices/oki/counters/1/call-next", null));
        office.clock().setWib("2026-12-01T09:20");
        ok(operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/no-show", null));

        Page page = loggedIn("dinkes1", Api.staffPassword("dinkes1"), "tracing.html");
        try {
            assertThat(page.locator("#trace-form")).isVisible();
            page.evaluate("window.__prints = 0; window.print = () => { window.__prints += 1; };");
            // No reason: refused in the page, nothing sent.
            page.fill("#number", "A-001");
            page.click("#trace");
            assertThat(page.locator("#reason")).hasAttribute("aria-invalid", "true");
            page.fill("#reason", "DINKES-OKI/2026/117");
            page.click("#trace");
            assertThat(page.locator("#report")).isVisible();
            assertThat(page.locator("#people")).hasText("2");
            assertThat(page.locator("#contacts tbody tr")).hasCount(2);
            assertThat(page.locator("#contacts tr[data-number='A-002'] .whatsapp")).hasText("+6281234514102");
            assertThat(page.locator("#contacts tr[data-number='A-003'] .whatsapp")).hasText("–");
            assertThat(page.locator("#report-reason")).hasText("DINKES-OKI/2026/117");
            assertThat(page.locator("#limits")).containsText("Waktu di ruang tunggu");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the tracing page").isEmpty();
            Browsers.screenshot(page, "staff-tracing");
            page.click("#print");
            org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("window.__prints")).intValue()).isPositive();
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            assertThat(page.locator("#trace-form")).isHidden();
            assertThat(page.locator("#contacts")).isVisible();
            Browsers.screenshot(page, "staff-tracing-print");
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
            Download csv = page.waitForDownload(() -> page.click("#csv"));
            String content = Files.readString(csv.path());
            org.assertj.core.api.Assertions.assertThat(content).contains("DINKES-OKI/2026/117", "\"A-002\"", "+6281234514102");
            assertThat(page.locator("#csv-done")).isVisible();
            // Two exports (the page's search and the CSV), both audited.
            org.assertj.core.api.Assertions.assertThat(TestData.count(office.db(),
                    "SELECT COUNT(*) FROM event WHERE type = 'CONTACT_TRACING_EXPORTED' AND actor = 'dinkes1'")).isEqualTo(2);
            // By NIK, a NIK with no ticket: the server's words.
            page.check("#by-nik");
            page.fill("#nik", "1602011505909999");
            page.click("#trace");
            assertThat(page.locator(".message.error")).containsText("sudah dihapus");
            assertThat(page.locator("#report")).isHidden();
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe with an error").isEmpty();
        } finally {
            page.context().close();
        }
    }

    @Test
    void aSupervisorAnswersAResidentsRequestOnThePersonalDataPage() {
        JsonNode t = issue(office.resident(), "1602011505900151", "Rahmat Hidayat", "+6281234515101", false, null);
        ok(office.resident().delete("/api/v1/tickets/" + t.get("token").asText()));
        Page page = loggedIn("admin", Api.ADMIN_PASSWORD, "settings.html");
        try {
            page.navigate(base + "/staff/privacy.html");
            assertThat(page.locator("#retention-form")).isVisible();
            assertThat(page.locator("#keep-ticket")).hasValue("30");
            page.fill("#resident-nik", "1602011505900151");
            page.click("#resident-show");
            assertThat(page.locator("#resident-result")).containsText("Rahmat Hidayat");
            assertThat(page.locator("#resident-result")).containsText("+6281234515101");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the personal data page").isEmpty();
            Browsers.screenshot(page, "staff-privacy");
            page.onceDialog(d -> d.accept());
            page.click("#resident-erase");
            assertThat(page.locator("#resident-erased")).containsText("1 tiket dihapus");
            org.assertj.core.api.Assertions.assertThat(TestData.string(office.db(),
                    "SELECT CONCAT_WS('|', name, phone, nik_last4) FROM ticket WHERE id = " + t.get("id").asLong())).isEmpty();
            page.fill("#keep-ticket", "14");
            page.click("#retention-save");
            assertThat(page.locator("#retention-form [role='status']")).containsText("Tersimpan");
            org.assertj.core.api.Assertions.assertThat(TestData.string(office.db(),
                    "SELECT keep_days_ticket FROM privacy_office WHERE office_id = 'oki'")).isEqualTo("14");
        } finally {
            page.context().close();
        }
    }
}
