package id.antrean.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, the admin's pages in a real browser: the settings editor covers the office (name,
 * WhatsApp numbers and instructions per service) with human labels and no serious axe violation;
 * the audit trail reads as people's words in both languages, never JSON or state codes.
 */
class SettingsAndAuditPagesTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static Browsers browsers;
    static String base;
    final List<Page> pages = new ArrayList<>();
    final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void start() {
        base = "http://127.0.0.1:" + office.port();
        browsers = new Browsers();
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    @AfterEach
    void closePages() {
        pages.forEach(p -> p.context().close());
        assertThat(pageErrors).as("script errors on the pages").isEmpty();
    }

    private Page asAdmin(int w, int h) {
        Page page = browsers.page(w, h);
        page.setDefaultTimeout(15_000);
        page.onPageError(pageErrors::add);
        pages.add(page);
        page.navigate(base + "/staff/");
        page.fill("#username", "admin");
        page.fill("#password", Api.ADMIN_PASSWORD);
        page.click("#submit");
        page.waitForURL("**/settings.html");
        assertThat(page.locator("#save")).isVisible();
        return page;
    }

    @Test
    void theSettingsEditorCoversTheOfficeWithHumanLabelsAndNoSeriousAxeViolation() {
        Page page = asAdmin(1366, 768);
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the settings page").isEmpty();
        String words = page.locator("main").innerText();
        assertThat(words).contains("Kuota harian: Perekaman KTP-el (mendesak)").doesNotContain("KTP_EL_RECORDING");
        assertThat(words).contains("Diterima, diberi tanda untuk petugas").contains("Accepted, flagged for staff");
        // Every label and choice shows its whole words: nothing is cut off.
        Object clipped = page.evaluate("() => [...document.querySelectorAll('main label, main legend, main h2, main h3, main button')]"
                + ".filter(e => e.offsetParent !== null && !e.closest('.sr-only') && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)");
        assertThat((List<?>) clipped).as("cut-off labels").isEmpty();
        Browsers.screenshot(page, "staff-settings-office");

        // The office's name and a service's WhatsApp number and instructions, as an admin types them.
        page.fill("[id='profile.name.en']", "Civil Registration Office, Ogan Komering Ilir");
        int kk = serviceIndex("KK");
        page.fill("[id='profile.services[" + kk + "].whatsapp']", "0812 3456 789x");
        page.click("#save");
        assertThat(page.locator("[data-path='profile.services[" + kk + "].whatsapp'] .field-error")).containsText("Nomor WhatsApp tidak sah");
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the settings page with an error").isEmpty();
        page.fill("[id='profile.services[" + kk + "].whatsapp']", "0812-3456-7890");
        page.fill("[id='profile.services[" + kk + "].instructions.id']", "Kirim foto KK lama dan surat pengantar RT.");
        page.fill("[id='profile.services[" + kk + "].instructions.en']", "Send a photo of the old KK and the RT letter.");
        page.click("#save");
        assertThat(page.locator("#form-message")).containsText("Pengaturan tersimpan");
        JsonNode profile = office.admin().get("/api/v1/offices/oki/profile").json();
        assertThat(profile.get("name").get("en").asText()).isEqualTo("Civil Registration Office, Ogan Komering Ilir");
        JsonNode kkService = profile.get("services").get(kk);
        assertThat(kkService.get("whatsapp").asText()).isEqualTo("+6281234567890");
        // What residents see changes at once: the kiosk's services list the new number and words.
        JsonNode services = office.resident().get("/api/v1/offices/oki/services").json().get("services");
        JsonNode shown = null;
        for (JsonNode s : services) {
            if (s.get("code").asText().equals("KK")) {
                shown = s;
            }
        }
        assertThat(shown).isNotNull();
        assertThat(shown.get("whatsapp").get("number").asText()).isEqualTo("+6281234567890");
        assertThat(shown.get("whatsapp").get("instructions").get("id").asText()).contains("surat pengantar RT");
        // The office's name on the kiosk too.
        assertThat(office.resident().get("/api/v1/offices/oki/kiosk").json().get("office").get("name").get("en").asText())
                .isEqualTo("Civil Registration Office, Ogan Komering Ilir");
        // The opening hours' buttons say what they act on, and a reorder still works.
        assertThat(page.locator("[data-path='openingHours.MONDAY[0]'] button")).containsText("Hapus");
        page.click("[data-path='checklist[0]'] button[data-move='down']");
        page.click("#save");
        assertThat(page.locator("#form-message")).containsText("Pengaturan tersimpan");
        assertThat(office.admin().get("/api/v1/offices/oki/settings").json().get("checklist").get(0).get("code").asText())
                .isEqualTo("GLOVES");
        // Put the profile back for the other tests.
        office.admin().put("/api/v1/offices/oki/profile", Map.of("name", Map.of("id", profile.get("name").get("id").asText(),
                "en", "Population and Civil Registration Office, Ogan Komering Ilir Regency")));
    }

    private static int serviceIndex(String code) {
        JsonNode list = office.admin().get("/api/v1/offices/oki/profile").json().get("services");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("code").asText().equals(code)) {
                return i;
            }
        }
        throw new AssertionError("no service " + code);
    }

    @Test
    void theAuditTrailReadsAsPeoplesWordsInBothLanguages() {
        Api op = office.admin().newStaff("auditee", "OPERATOR");
        for (int i = 0; i < 2; i++) {
            office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(900 + i)));
        }
        long id = op.post("/api/v1/offices/oki/counters/1/call", Map.of("number", "A-002")).json().get("id").asLong();
        op.post("/api/v1/tickets/" + id + "/transfer", Map.of("counter", "2"));
        op.post("/api/v1/tickets/" + id + "/no-show", null);
        op.post("/api/v1/tickets/" + id + "/requeue", null);
        op.put("/api/v1/offices/oki/counters/1/status", Map.of("status", "BREAK"));
        office.admin().changeSettings("roomCapacity", 8);
        office.admin().changeSettings("roomCapacity", 10);

        Page page = asAdmin(1366, 900);
        page.navigate(base + "/staff/audit.html");
        assertThat(page.locator("#audit-rows tr").first()).isVisible();
        String rows = page.locator("#audit-rows").innerText();
        assertThat(rows).contains("Loket 1: buka → istirahat").contains("Loket 1: open → on break");
        assertThat(rows).contains("A-002 dari Loket 1 ke Loket 2").contains("A-002 from Loket 1 to Loket 2");
        assertThat(rows).contains("A-002 ke Loket 1 (nomor dipilih)");
        assertThat(rows).contains("Mengembalikan ke antrean").contains("tadinya tidak hadir");
        assertThat(rows).contains("kapasitas ruang tunggu: 8 orang → 10 orang").contains("waiting-room capacity: 8 persons → 10 persons");
        assertThat(rows).doesNotContain("{").doesNotContain("\"").doesNotContain("NO_SHOW").doesNotContain("BREAK")
                .doesNotContain("CALLED");
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the audit page").isEmpty();
        Browsers.screenshot(page, "staff-audit-words");
        page.selectOption("#type", "COUNTER_STATUS");
        page.click("#filter");
        assertThat(page.locator("#audit-rows tr")).hasCount(1);
        assertThat(page.locator("#audit-rows tr").first()).containsText("Status loket");
    }
}
