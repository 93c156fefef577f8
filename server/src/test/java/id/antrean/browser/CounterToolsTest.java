package id.antrean.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
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
 * Issue 13 in the staff console, in a real browser on the real server: an idle counter calls the
 * resident outside early, calls a chosen number, transfers, returns a no-show, goes on break (and
 * the display shows it); the fever answer refuses in one tap; each role lands on its own page.
 * Every screen is checked with axe (no serious or critical violation) and photographed.
 */
class CounterToolsTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static Browsers browsers;
    static Api operator;
    static String base;
    final List<Page> pages = new ArrayList<>();
    final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void start() {
        base = "http://127.0.0.1:" + office.port();
        operator = office.admin().newStaff("petugas1", "OPERATOR");
        office.admin().newStaff("petugas2", "OPERATOR");
        office.admin().newStaff("kepala1", "SUPERVISOR");
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

    private Page page(int w, int h) {
        Page page = browsers.page(w, h);
        page.setDefaultTimeout(15_000);
        page.onPageError(pageErrors::add);
        pages.add(page);
        return page;
    }

    private Page login(String user, String lands) {
        Page page = page(1280, 900);
        page.navigate(base + "/staff/");
        page.fill("#username", user);
        page.fill("#password", user.equals("admin") ? Api.ADMIN_PASSWORD : Api.staffPassword(user));
        page.click("#submit");
        page.waitForURL("**/" + lands);
        return page;
    }

    private Page atCounter(String user, String counter) {
        Page page = login(user, "counter.html");
        page.click("[data-counter='" + counter + "']");
        page.waitForURL("**/console.html");
        assertThat(page.locator("#action-call")).isEnabled();
        return page;
    }

    private JsonNode issue(int i) {
        Api.Response r = office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(i)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode staff(JsonNode t) {
        return operator.get("/api/v1/staff-tickets/" + t.get("id").asLong()).json();
    }

    private static void axeClean(Page page, String where) {
        assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on " + where).isEmpty();
    }

    @Test
    void anIdleCounterFillsItselfTransfersReturnsANoShowAndTakesABreak() {
        // Five fill the 09:00 slot and are done with; the sixth and seventh have later slots and wait outside.
        List<JsonNode> t = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            t.add(issue(100 + i));
        }
        for (int i = 0; i < 5; i++) {
            long id = operator.post("/api/v1/offices/oki/counters/2/call-next", null).json().get("id").asLong();
            operator.post("/api/v1/tickets/" + id + "/no-show", null);
        }
        Page page = atCounter("petugas1", "1");
        Page display = page(1366, 768);
        display.navigate(base + "/display/?office=oki");
        assertThat(display.getByTestId("counter-tile-1")).isVisible();
        axeClean(page, "the console with the counter open");

        // 1. Call next with nobody in the room: the next resident outside is called early.
        page.keyboard().press("p");
        assertThat(page.locator("#current .number")).hasText("A-006");
        assertThat(page.locator("#message")).containsText("dipanggil lebih awal ke Loket 1 (slot 09:30)");
        assertThat(staff(t.get(5)).get("state").asText()).isEqualTo("CALLED");
        Browsers.screenshot(page, "staff-console-called-early");

        // 2. Transfer it to Loket 2 (key A), from a dialog that lists the other counters.
        page.keyboard().press("a");
        assertThat(page.locator("dialog[open]")).containsText("Alihkan A-006");
        assertThat(page.locator("#dialog-confirm")).isDisabled();
        page.check("#transfer-2");
        axeClean(page, "the transfer dialog");
        Browsers.screenshot(page, "staff-console-transfer");
        page.click("#dialog-confirm");
        assertThat(page.locator("#message")).containsText("A-006 dialihkan ke Loket 2");
        assertThat(page.locator("#current[data-state=EMPTY]")).isVisible();
        assertThat(staff(t.get(5)).get("counter").get("id").asText()).isEqualTo("2");
        assertThat(display.getByTestId("counter-number-2")).hasText("A-006");

        // 3. Call a chosen number (key N): A-007 is outside, let in early.
        page.keyboard().press("n");
        assertThat(page.locator("#call-number")).isFocused();
        page.fill("#call-number", "a-0x");
        page.click("#dialog-confirm");
        assertThat(page.locator("dialog[open] .message.error")).containsText("seperti A-007");
        page.fill("#call-number", "7");
        axeClean(page, "the call-a-number dialog");
        Browsers.screenshot(page, "staff-console-call-number");
        page.click("#dialog-confirm");
        assertThat(page.locator("#current .number")).hasText("A-007");

        // 4. No-show, then the resident arrives after all: back to the queue (key K).
        page.keyboard().press("h");
        assertThat(page.locator("#message")).containsText("A-007 tidak hadir");
        assertThat(page.locator("#action-requeue")).containsText("Kembalikan A-007 ke antrean");
        assertThat(page.locator("#queue-noshow")).containsText("A-007");
        page.keyboard().press("k");
        assertThat(page.locator("#message")).containsText("A-007 kembali ke antrean");
        assertThat(staff(t.get(6)).get("state").asText()).isIn("BOOKED", "ADMITTED");
        assertThat(page.locator("#action-requeue")).isDisabled();
        // A no-show from the list below the console comes back too.
        JsonNode earlier = t.get(0);
        page.click("[data-requeue='" + earlier.get("number").asText() + "']");
        assertThat(page.locator("#message")).containsText(earlier.get("number").asText() + " kembali ke antrean");
        assertThat(staff(earlier).get("state").asText()).isEqualTo("ADMITTED");

        // 5. A break (key I): nothing can be called, the display says so; B opens again.
        page.keyboard().press("i");
        assertThat(page.locator("#counter-status")).containsText("Istirahat");
        assertThat(page.locator("#action-call")).isDisabled();
        assertThat(page.locator("#action-callNumber")).isDisabled();
        assertThat(display.getByTestId("counter-state-1")).containsText("Istirahat");
        assertThat(display.getByTestId("counter-tile-1")).hasAttribute("data-state", "BREAK");
        axeClean(page, "the console on break");
        Browsers.screenshot(page, "staff-console-on-break");
        Browsers.screenshot(display, "display-counter-on-break");
        page.keyboard().press("b");
        assertThat(page.locator("#counter-status")).containsText("Buka");
        assertThat(page.locator("#action-call")).isEnabled();
        assertThat(display.getByTestId("counter-state-1")).not().containsText("Istirahat");
        page.click("#status-CLOSED");
        assertThat(display.getByTestId("counter-state-1")).containsText("Loket tutup");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE actor = 'petugas1' AND type IN "
                + "('TICKET_TRANSFERRED', 'TICKET_REQUEUED', 'COUNTER_STATUS')")).isEqualTo(6);
    }

    @Test
    void twoConsolesCallingTheSameNumberOneGetsItTheOtherIsToldWhere() {
        issue(200);
        issue(201);
        Page one = atCounter("petugas1", "1");
        Page two = atCounter("petugas2", "2");
        for (Page p : List.of(one, two)) {
            p.keyboard().press("n");
            p.fill("#call-number", "A-002");
        }
        one.evaluate("document.getElementById('dialog-confirm').click()");
        two.evaluate("document.getElementById('dialog-confirm').click()");
        // Exactly one console shows A-002; the other keeps its dialog open with the reason.
        one.waitForCondition(() -> one.locator("#current .number").count() + two.locator("#current .number").count() == 1
                && (one.locator("dialog[open] .message.error").count() + two.locator("dialog[open] .message.error").count()) == 1);
        Page loser = one.locator("#current .number").count() == 1 ? two : one;
        Page winner = loser == one ? two : one;
        assertThat(winner.locator("#current .number")).hasText("A-002");
        String where = winner == one ? "Loket 1" : "Loket 2";
        assertThat(loser.locator("dialog[open] .message.error")).containsText("A-002 sudah dipanggil ke " + where);
        axeClean(loser, "the call dialog with the 409");
        Browsers.screenshot(loser, "staff-console-number-taken");
        loser.click("#dialog-cancel");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo(1);
    }

    @Test
    void theFeverAnswerRefusesInOneTapAndShowsTheTemperatureWithAComma() {
        JsonNode t = issue(300);
        Page page = atCounter("petugas1", "1");
        page.keyboard().press("p");
        assertThat(page.locator("#current .number")).hasText("A-001");
        page.keyboard().press("m");
        page.check("#ppe-mask");
        page.check("#ppe-gloves");
        page.fill("#ppe-temperature", "38,2");
        page.click("#dialog-confirm");
        assertThat(page.locator("dialog[open] .message.error")).containsText("Suhu tubuh 38,2 °C: demam");
        assertThat(page.locator("#dialog-refuse-symptoms")).containsText("Tolak: Bergejala");
        axeClean(page, "the PPE dialog with a fever");
        Browsers.screenshot(page, "staff-console-fever");
        page.click("#dialog-refuse-symptoms");
        assertThat(page.locator("dialog[open]")).hasCount(0);
        assertThat(page.locator("#message")).containsText("A-001 ditolak");
        JsonNode refused = staff(t);
        assertThat(refused.get("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("refuseReason").asText()).isEqualTo("Bergejala (demam, batuk, sesak napas)");
        // The API reads the temperature as typed, comma and all, and says it back with a comma.
        JsonNode u = issue(301);
        long id = operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong();
        Api.Response fever = operator.post("/api/v1/tickets/" + id + "/start",
                Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", "38,2"));
        assertThat(fever.status()).isEqualTo(422);
        assertThat(fever.json().get("messages").get("id").asText()).contains("38,2 °C");
        assertThat(operator.post("/api/v1/tickets/" + id + "/start",
                Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", "36,6")).json().get("temperatureC").asDouble())
                .isEqualTo(36.6);
        assertThat(operator.post("/api/v1/tickets/" + id + "/start",
                Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", "hot")).status()).isEqualTo(400);
        assertThat(u).isNotNull();
    }

    @Test
    void supervisorsAndAdminsLandOnTheirOwnPages() {
        Page supervisor = login("kepala1", "supervisor.html");
        assertThat(supervisor.locator("#today")).containsText("Hari ini");
        axeClean(supervisor, "the supervisor's landing page");
        Page admin = login("admin", "settings.html");
        assertThat(admin.locator(".topbar nav a[aria-current=page]")).containsText("Pengaturan");
        Page op = login("petugas2", "counter.html");
        assertThat(op.locator("[data-counter]")).hasCount(2);
        // A supervisor who serves at a counter chooses it once; the next login on that screen goes there.
        supervisor.navigate(base + "/staff/counter.html");
        supervisor.click("[data-counter='2']");
        supervisor.waitForURL("**/console.html");
        supervisor.context().clearCookies();
        supervisor.navigate(base + "/staff/");
        supervisor.fill("#username", "kepala1");
        supervisor.fill("#password", Api.staffPassword("kepala1"));
        supervisor.click("#submit");
        supervisor.waitForURL("**/console.html");
        assertThat(supervisor.locator(".topbar .brand")).containsText("Loket 2");
    }

    @Test
    void theSupervisorSeesServedPerCounterAndStaffMemberAndRefusalsByReason() throws Exception {
        issue(400);
        issue(401);
        Map<String, Object> door = ticketRequest(nik(402));
        door.put("checklist", Map.of("MASK", false, "GLOVES", true, "NO_SYMPTOMS", true));
        assertThat(office.resident().post("/api/v1/offices/oki/tickets", door).status()).isEqualTo(422);
        long a = operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong();
        operator.post("/api/v1/tickets/" + a + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true)));
        office.clock().setWib("2026-12-01T09:12");
        operator.post("/api/v1/tickets/" + a + "/complete", null);
        long b = operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong();
        operator.post("/api/v1/tickets/" + b + "/refuse", Map.of("reason", "Tidak mendesak"));

        Page page = login("kepala1", "supervisor.html");
        assertThat(page.locator("#breakdown-counters tr[data-key='1']")).containsText("Loket 1");
        assertThat(page.locator("#breakdown-counters tr[data-key='1'] td").nth(0)).hasText("1");
        assertThat(page.locator("#breakdown-counters tr[data-key='1'] td").nth(3)).hasText("12 mnt");
        assertThat(page.locator("#breakdown-staff tr[data-key='petugas1']")).containsText("petugas1");
        assertThat(page.locator("#breakdown-refusals tr[data-reason='DOOR/MASK']")).containsText("Tanpa masker");
        assertThat(page.locator("#breakdown-refusals tr[data-reason='COUNTER/NOT_URGENT']")).containsText("Tidak mendesak");
        axeClean(page, "the supervisor page with the breakdown");
        Browsers.screenshot(page, "staff-supervisor-breakdown");
        com.microsoft.playwright.Download download = page.waitForDownload(() -> page.click("#csv-breakdown"));
        assertThat(download.suggestedFilename()).isEqualTo("antrean-oki-rincian-2026-12-01_2026-12-01.csv");
        String csv = java.nio.file.Files.readString(download.path());
        assertThat(csv).contains("counter,1,Loket 1,1,0,1,12.0,").contains("refusal-door,MASK,Tanpa masker,,,,,1");
    }
}
