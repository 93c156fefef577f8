package id.antrean.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking from home end to end (issue 15), in headless Chromium on a real server: a resident
 * books on the phone page before the office opens, checks in at the kiosk with the code from the
 * ticket page ("Saya sudah punya nomor"), answers the health questions again, is let in, is called
 * to a counter, and sees the call on the waiting-room display and on the phone.
 */
class BookingEndToEndTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T07:30"); // a Tuesday, opens 08:00

    static Browsers browsers;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    String base() {
        return "http://127.0.0.1:" + office.port();
    }

    Page kiosk() {
        Page kiosk = browsers.page(1080, 1920);
        kiosk.setDefaultTimeout(15_000);
        kiosk.navigate(base() + "/kiosk/?office=oki&print=off");
        kiosk.getByTestId("office-name").waitFor();
        return kiosk;
    }

    static void typeCode(Page kiosk, String code) {
        for (char c : code.replace("-", "").toCharArray()) {
            kiosk.getByTestId("ckey-" + c).click();
        }
    }

    static void answerHealthy(Page kiosk) {
        for (String item : new String[] {"MASK", "GLOVES", "NO_SYMPTOMS"}) {
            kiosk.getByTestId("check-" + item + "-yes").click();
        }
    }

    @Test
    void bookOnThePhoneCheckInAtTheKioskGetCalledAndSeeItOnTheDisplay() {
        Page phone = browsers.page(390, 844);
        phone.setDefaultTimeout(15_000);
        phone.navigate(base() + "/book/?office=oki");
        phone.locator("html[data-ready='true']").waitFor();
        BookingPageTest.fillIn(phone, nik(7), "08:00", false);
        phone.getByTestId("submit").click();
        phone.waitForURL("**/t/**");
        String code = phone.getByTestId("short-code").innerText().strip();
        String number = phone.getByTestId("ticket-number").innerText().strip();
        assertThat(number).isEqualTo("A-001");

        office.clock().setWib("2026-12-01T08:05");
        Page display = browsers.page(1920, 1080);
        display.navigate(base() + "/display/?office=oki&sound=off");
        display.locator("body[data-stream='open']").waitFor();

        Page kiosk = kiosk();
        kiosk.getByTestId("checkin-start").click();
        assertThat(kiosk.getByTestId("screen-checkin")).isVisible();
        BookingPageTest.accessible(kiosk, "kiosk check-in code");
        typeCode(kiosk, code);
        assertThat(kiosk.getByTestId("checkin-code")).hasText(code);
        Browsers.screenshot(kiosk, "kiosk-checkin-code");
        kiosk.getByTestId("next").click();
        assertThat(kiosk.getByTestId("screen-checkin-health")).isVisible();
        answerHealthy(kiosk);
        BookingPageTest.accessible(kiosk, "kiosk check-in health");
        kiosk.getByTestId("next").click();
        assertThat(kiosk.getByTestId("checkin-result")).hasAttribute("data-state", "ADMITTED");
        assertThat(kiosk.getByTestId("ticket-number")).hasText(number);
        assertThat(kiosk.getByTestId("checkin-result")).containsText("Silakan masuk ke ruang tunggu");
        BookingPageTest.accessible(kiosk, "kiosk check-in done");
        Browsers.screenshot(kiosk, "kiosk-checkin-done");

        Api.Response called = office.admin().post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        JsonNode ticket = called.json().has("ticket") ? called.json().get("ticket") : called.json();
        assertThat(ticket.get("number").asText()).isEqualTo(number);
        assertThat(display.getByTestId("current-number")).hasText(number);
        assertThat(display.getByTestId("current-counter")).containsText("Loket 1");
        assertThat(phone.getByTestId("ticket-state")).hasAttribute("data-state", "CALLED");
        Browsers.screenshot(display, "display-called-after-booking");
        phone.context().close();
        display.context().close();
        kiosk.context().close();
    }

    /**
     * The check-in button and code screen on the kiosk's screens: targets ≥ 72 px, nothing cut off
     * or scrolling. Not on a short 1366×768 landscape screen: there the welcome screen with this
     * extra button scrolls (a known limit, reported; the button itself keeps its 72 px there).
     */
    @Test
    void theCheckInButtonAndScreensFitTheKioskSizes() {
        Page small = browsers.page(1366, 768);
        small.navigate(base() + "/kiosk/?office=oki&print=off");
        small.getByTestId("office-name").waitFor();
        assertThat(small.getByTestId("checkin-start").boundingBox().height).isGreaterThanOrEqualTo(72);
        small.context().close();
        for (int[] size : new int[][] {{1080, 1920}, {1920, 1080}}) {
            Page kiosk = browsers.page(size[0], size[1]);
            kiosk.setDefaultTimeout(15_000);
            kiosk.navigate(base() + "/kiosk/?office=oki&print=off");
            kiosk.getByTestId("office-name").waitFor();
            String tag = size[0] + "x" + size[1];
            fits(kiosk, tag + " welcome");
            var box = kiosk.getByTestId("checkin-start").boundingBox();
            assertThat(Math.min(box.width, box.height)).as(tag + " check-in button").isGreaterThanOrEqualTo(72);
            kiosk.getByTestId("checkin-start").click();
            kiosk.getByTestId("screen-checkin").waitFor();
            fits(kiosk, tag + " check-in code");
            var key = kiosk.getByTestId("ckey-A").boundingBox();
            assertThat(Math.min(key.width, key.height)).as(tag + " code key").isGreaterThanOrEqualTo(72);
            Browsers.screenshot(kiosk, "kiosk-checkin-" + tag);
            kiosk.context().close();
        }
    }

    static void fits(Page kiosk, String what) {
        Object cut = kiosk.evaluate("() => { const m = document.querySelector('main');"
                + " return [m.scrollHeight > m.clientHeight + 1, document.documentElement.scrollWidth > innerWidth]; }");
        assertThat(cut.toString()).as(what + ": [main scrolls, page scrolls sideways]").isEqualTo("[false, false]");
    }

    @Test
    void aWrongCodeAtTheKioskIsToldClearlyAndTheResidentTypesAgain() {
        office.clock().setWib("2026-12-01T08:05");
        Page kiosk = kiosk();
        kiosk.getByTestId("checkin-start").click();
        typeCode(kiosk, "ZZZZ-ZZZZ");
        kiosk.getByTestId("next").click();
        answerHealthy(kiosk);
        kiosk.getByTestId("next").click();
        assertThat(kiosk.getByTestId("screen-checkin")).isVisible();
        assertThat(kiosk.getByTestId("error-message")).containsText("Kode tidak dikenal");
        assertThat(kiosk.getByTestId("checkin-code")).hasText("");
        kiosk.context().close();
    }
}
