package id.antrean.browser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
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

/**
 * "Dokumen siap diambil" in Chromium: registering one document, a CSV file refused with its rows'
 * reasons and then accepted, the lists and search; and the resident's link page on a phone:
 * the code, moving the time, naming a representative. axe on each, screenshots.
 */
class PickupPagesTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00")
            .with("antrean.pickup.overdue.seconds", "3600");
    static Browsers browsers;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    static void logIn(Page page) {
        page.navigate("http://127.0.0.1:" + office.port() + "/staff/");
        page.fill("#username", "admin");
        page.fill("#password", Api.ADMIN_PASSWORD);
        page.click("#submit");
        page.waitForURL(url -> !url.endsWith("/staff/") && !url.contains("index.html"));
    }

    @Test
    void staffRegisterOneAndAFileAndFindThemInTheLists() {
        WhatsAppStandIn.enable(office.db(), false);
        Page page = browsers.page(1280, 1000);
        try {
            logIn(page);
            page.navigate("http://127.0.0.1:" + office.port() + "/staff/pickups.html");
            assertThat(page.locator("#pickup-rows")).containsText("Tidak ada dokumen");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the pickups page").isEmpty();
            // Without the consent basis ticked, nothing is sent.
            page.selectOption("#type", "AKTA_KELAHIRAN");
            page.fill("#reference", "474.1/0099/2026");
            page.fill("#name", "Putri Ayu");
            page.fill("#phone", "0812 3456 0001");
            page.fill("#nikLast4", "12a4");
            page.click("#register");
            assertThat(page.locator("#consent-error")).isVisible();
            page.check("#consent");
            page.click("#register");
            assertThat(page.locator("#nikLast4-error")).containsText("4");
            page.fill("#nikLast4", "2345");
            page.click("#register");
            assertThat(page.locator("#register-result")).containsText("Rabu, 2 Desember 2026, 08:00–08:30");
            assertThat(page.locator("#last-code")).hasText(java.util.regex.Pattern.compile("^[2-9A-Z]{4}-[2-9A-Z]{4}$"));
            // Messages are off for this office: the page says so, staff tell the resident themselves.
            assertThat(page.locator("#register-result")).containsText("beri tahu pemohon");
            Browsers.screenshot(page, "pickups-registered");

            String bad = "jenis;rujukan;nama;whatsapp;nik4\nKK;F-1;Satu;081211110001;1111\nPASPOR;F-2;Dua;081211110002;2222\n"
                    + "KK;F-3;Tiga;999;3333\n";
            page.setInputFiles("#csv", new FilePayload("siap.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)));
            page.click("#upload");
            assertThat(page.locator("#refused-table tbody tr")).hasCount(2);
            assertThat(page.locator("#refused-table tr[data-row='3']")).containsText("Jenis dokumen tidak dikenal");
            assertThat(page.locator("#refused-table tr[data-row='4']")).containsText("Nomor WhatsApp tidak sah");
            assertThat(page.locator("#import-result")).containsText("Tidak ada yang didaftarkan");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe with the refused rows").isEmpty();
            Browsers.screenshot(page, "pickups-import-refused");
            org.assertj.core.api.Assertions.assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM pickup_document")).isEqualTo(1);

            String good = bad.replace("PASPOR", "KTP_EL").replace(";999;", ";081211110003;");
            page.setInputFiles("#csv", new FilePayload("siap.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)));
            page.click("#upload");
            assertThat(page.locator("#import-ok")).containsText("3 dokumen terdaftar");
            assertThat(page.locator("#pickup-rows tr")).hasCount(4);
            page.fill("#q", "3333");
            page.click("#search");
            assertThat(page.locator("#pickup-rows tr")).hasCount(1);
            assertThat(page.locator("#pickup-rows tr").first()).containsText("F-3");
            assertThat(page.locator("#pickup-rows")).containsText("••••0003");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("81211110003");
            page.click("#list-collected");
            assertThat(page.locator("#pickup-rows")).containsText("Tidak ada dokumen");
            Browsers.screenshot(page, "pickups-lists");
        } finally {
            page.context().close();
        }
    }

    @Test
    void theResidentSeesTheCodeMovesTheTimeAndNamesARepresentativeOnAPhone() {
        Api staff = new Api(office.port()).loginAsAdmin();
        Api.Response r = staff.post("/api/v1/offices/oki/pickups", Map.of("type", "KK", "reference", "HP-1", "name", "Rina",
                "phone", "081299998888", "nikLast4", "8888"));
        org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(201);
        String code = r.json().get("code").asText();
        Page page = browsers.page(390, 844);
        try {
            page.navigate("http://127.0.0.1:" + office.port() + r.json().get("link").asText());
            assertThat(page.locator("[data-testid=code]")).hasText(code);
            assertThat(page.locator("[data-testid=appointment]")).containsText("Rabu, 2 Desember 2026, pukul 08:00–08:30");
            assertThat(page.locator("[data-testid=qr] svg")).isVisible();
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("Rina").doesNotContain("99998888");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the pickup link page").isEmpty();
            Browsers.screenshot(page, "pickup-link-phone");
            page.selectOption("[data-testid=day]", "2026-12-03");
            page.locator("label.slot", new Page.LocatorOptions().setHasText("10:00–10:30")).click();
            page.click("[data-testid=move]");
            assertThat(page.locator("[data-testid=appointment]")).containsText("Kamis, 3 Desember 2026, pukul 10:00–10:30");
            assertThat(page.locator("[data-testid=message]")).containsText("Jadwal dipindahkan");
            page.fill("[data-testid=rep-name]", "Budi");
            page.fill("[data-testid=rep-relation]", "Suami");
            page.click("[data-testid=rep-save]");
            assertThat(page.locator("[data-testid=representative-now]")).containsText("Suami");
            org.assertj.core.api.Assertions.assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe after the changes").isEmpty();
            Browsers.screenshot(page, "pickup-link-moved");
            org.assertj.core.api.Assertions.assertThat(TestData.string(office.db(),
                    "SELECT CONCAT(appt_day, ' ', appt_start_min, ' ', representative_name) FROM pickup_document"))
                    .isEqualTo("2026-12-03 600 Budi");
            List<String> unknown = List.of(office.port() + "/p/not-a-real-token-123");
            page.navigate("http://127.0.0.1:" + unknown.getFirst());
            assertThat(page.locator("[data-testid=not-found]")).isVisible();
        } finally {
            page.context().close();
        }
    }
}
