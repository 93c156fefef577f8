package id.antrean.browser;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resident's ticket page once the ticket has ended: the next step for a no-show, a refusal
 * (in both languages) and a finished KTP-el recording (printing over WhatsApp, with the number),
 * then the one satisfaction question, which the supervisor's page sums as the day's IKM.
 */
class TicketPageAfterTheEndTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static Browsers browsers;
    static Api admin;
    static Api operator;
    static String base;
    static int round;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        admin = office.admin();
        operator = admin.newStaff("operator1", "OPERATOR");
        admin.newStaff("super1", "SUPERVISOR");
        base = "http://127.0.0.1:" + office.port();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    private JsonNode called() {
        Api.Response r = office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(800 + ++round)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong())
                .isEqualTo(r.json().get("id").asLong());
        return r.json();
    }

    private Page phone(JsonNode t) {
        Page page = browsers.page(390, 844);
        page.navigate(base + t.get("statusUrl").asText());
        assertThat(page.getByTestId("ticket-number")).hasText(t.get("number").asText());
        return page;
    }

    private static LocatorAssertions.ContainsTextOptions soon() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(5000);
    }

    @Test
    void aNoShowIsToldHowToBookAgain() {
        JsonNode t = called();
        Page page = phone(t);
        operator.post("/api/v1/tickets/" + t.get("id").asLong() + "/no-show", null);
        assertThat(page.getByTestId("ticket-state-id")).containsText("Tidak hadir", soon());
        assertThat(page.getByTestId("next-step")).isVisible();
        assertThat(page.getByTestId("next-step-id")).containsText("ambil nomor antrean baru di kiosk");
        assertThat(page.getByTestId("next-step-en")).containsText("take a new number at the kiosk");
        assertThat(page.getByTestId("survey")).isHidden();
        Browsers.screenshot(page, "ticket-no-show-next-step");
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the no-show page").isEmpty();
        page.context().close();
    }

    @Test
    void aRefusalSaysItsReasonAndWhatToBringInBothLanguages() {
        JsonNode t = called();
        operator.post("/api/v1/tickets/" + t.get("id").asLong() + "/refuse", Map.of("reason", "Tanpa sarung tangan"));
        Page page = phone(t);
        assertThat(page.getByTestId("ticket-state-id")).hasText("Ditolak (alasan: Tanpa sarung tangan)");
        assertThat(page.getByTestId("ticket-state-en")).hasText("Refused (reason: No gloves)");
        assertThat(page.getByTestId("next-step-id")).containsText("sarung tangan");
        assertThat(page.getByTestId("next-step-en")).containsText("Come back with gloves");
        assertThat(page.getByTestId("next-step-en")).not().containsText("sarung");
        Browsers.screenshot(page, "ticket-refused-next-step");
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the refused page").isEmpty();
        page.context().close();
    }

    @Test
    void afterRecordingThePageNamesTheWhatsAppNumberAndAsksOneQuestionOnce() {
        JsonNode t = called();
        long id = t.get("id").asLong();
        operator.post("/api/v1/tickets/" + id + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true)));
        Page page = phone(t);
        assertThat(page.getByTestId("survey")).isHidden();
        operator.post("/api/v1/tickets/" + id + "/complete", null);
        // Live, without a reload: the state, the next step with the office's number, the question.
        assertThat(page.getByTestId("ticket-state-id")).containsText("Selesai", soon());
        assertThat(page.getByTestId("next-step-id")).containsText("WhatsApp ke 0878-9456-7172");
        assertThat(page.getByTestId("next-step-whatsapp")).hasAttribute("href", "https://wa.me/6287894567172");
        assertThat(page.getByTestId("next-step-whatsapp")).containsText("0878-9456-7172");
        assertThat(page.getByTestId("survey")).isVisible();
        assertThat(page.getByTestId("survey-send")).isDisabled();
        Browsers.screenshot(page, "ticket-done-survey");
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the done page with the question").isEmpty();

        page.getByTestId("survey-score-4").check();
        page.getByTestId("survey-comment").fill("Cepat dan ramah. Terima kasih.");
        page.getByTestId("survey-send").click();
        assertThat(page.getByTestId("survey-thanks")).isVisible();
        assertThat(page.getByTestId("survey-thanks")).containsText("Terima kasih atas penilaian Anda");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM survey_answer WHERE score = 4")).isEqualTo(1);
        Browsers.screenshot(page, "ticket-done-survey-thanks");

        // Opened again: thanked, not asked twice.
        page.reload();
        assertThat(page.getByTestId("survey-thanks")).isVisible();
        assertThat(page.getByTestId("survey-send")).isHidden();
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the done page after answering").isEmpty();
        page.context().close();

        // The supervisor's page: the day's IKM from that answer (4 → 100, category A).
        Page staff = browsers.page(1280, 900);
        staff.navigate(base + "/staff/");
        staff.fill("#username", "super1");
        staff.fill("#password", Api.staffPassword("super1"));
        staff.click("#submit");
        staff.waitForURL(Pattern.compile(".*/staff/[a-z-]+\\.html.*"));
        staff.navigate(base + "/staff/supervisor.html");
        assertThat(staff.locator("#ikm-days tr[data-day='2026-12-01'] td[data-ikm]")).hasAttribute("data-ikm", "100");
        assertThat(staff.locator("#ikm-days tr[data-day='2026-12-01']")).containsText("Sangat baik");
        assertThat(staff.locator("#ikm-days tr[data-day='2026-12-01']")).containsText("4,00");
        Browsers.screenshot(staff, "staff-supervisor-ikm");
        assertThat(KioskWhatsAppConsentTest.axe(staff)).as("axe on the supervisor page").isEmpty();
        staff.context().close();
    }
}
