package id.antrean.browser;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * README, Staff pages and Kiosk: the console's M (start with the PPE check), S (done) and H
 * (no-show) keys, and the slip printed for 58 mm and 80 mm rolls. Any script error fails a test.
 */
class ConsoleKeysAndPaperTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static Browsers browsers;
    static Api operator;
    Page page;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        operator = office.admin().newStaff("operator-keys", "OPERATOR");
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.context().close();
        }
        browsers.assertNoScriptErrors();
    }

    private Page atCounter(String counter) {
        page = browsers.page(1280, 900);
        page.setDefaultTimeout(15_000);
        page.navigate("http://127.0.0.1:" + office.port() + "/staff/");
        page.fill("#username", "operator-keys");
        page.fill("#password", id.antrean.support.Api.staffPassword("operator-keys"));
        page.click("#submit");
        page.waitForURL("**/counter.html");
        page.click("[data-counter='" + counter + "']");
        page.waitForURL("**/console.html");
        assertThat(page.locator("#action-call")).isEnabled();
        return page;
    }

    private long issue(int i) {
        Api.Response r = office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(i)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private String state(long id) {
        JsonNode t = operator.get("/api/v1/staff-tickets/" + id).json();
        return t.get("state").asText();
    }

    @Test
    void keyMStartsWithThePpeCheckSFinishesAndHMarksANoShow() {
        long first = issue(1);
        long second = issue(2);
        Page p = atCounter("1");
        p.keyboard().press("p");
        assertThat(p.locator("#current .number")).hasText("A-001");
        p.keyboard().press("m");
        assertThat(p.locator("dialog[open]")).isVisible();
        p.check("#ppe-mask");
        p.check("#ppe-gloves");
        p.click("#dialog-confirm");
        assertThat(p.locator("#current .state")).containsText("Sedang dilayani");
        assertThat(state(first)).isEqualTo("SERVING");
        p.keyboard().press("s");
        assertThat(p.locator("#message")).containsText("A-001 selesai");
        assertThat(state(first)).isEqualTo("DONE");
        p.keyboard().press("p");
        assertThat(p.locator("#current .number")).hasText("A-002");
        p.keyboard().press("h");
        assertThat(p.locator("#message")).containsText("tidak hadir");
        assertThat(state(second)).isEqualTo("NO_SHOW");
    }

    @Test
    void paper58PrintsOnA58mmPage() {
        assertThat(printedWidthMm("paper=58", 3)).isCloseTo(58.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void paper80PrintsOnAn80mmPage() {
        assertThat(printedWidthMm("paper=80", 4)).isCloseTo(80.0, org.assertj.core.data.Offset.offset(0.5));
    }

    /** Takes a ticket at the kiosk and prints the slip as Chromium would (to PDF): the page's width in mm. */
    private double printedWidthMm(String query, int i) {
        ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), 1280, 800, query);
        page = k.page;
        k.upToLastStep(nik(i)).submit();
        k.on("ticket");
        assertThat(k.printsAfterPaint(1)).isEqualTo(1);
        String expected = query.substring(query.indexOf('=') + 1);
        assertThat(k.page.locator("#print-area")).hasAttribute("data-paper", expected);
        assertThat(k.page.locator("#print-area")).containsText(k.text("ticket-number"));
        byte[] pdf = k.page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true).setPrintBackground(true));
        Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*]")
                .matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertThat(box.find()).as("a page size in the printed PDF").isTrue();
        return Double.parseDouble(box.group(1)) * 25.4 / 72;
    }
}
