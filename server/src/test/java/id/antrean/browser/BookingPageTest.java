package id.antrean.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking page (/book/?office=oki, issue 15) on a phone (390×844) in headless Chromium against
 * a real server: the whole booking to the ticket page with its check-in code, moving the slot
 * there, WhatsApp services' chat link, a submit whose answer the network loses, axe on every step,
 * and the first load's weight and time on a throttled slow-3G connection.
 */
class BookingPageTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T07:00"); // a Tuesday, before opening

    static Browsers browsers;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    String url() {
        return "http://127.0.0.1:" + office.port() + "/book/?office=oki";
    }

    Page open() {
        Page page = browsers.page(390, 844);
        page.setDefaultTimeout(15_000);
        page.navigate(url());
        page.locator("html[data-ready='true']").waitFor();
        return page;
    }

    /** axe-core (a test resource, served same-origin by interception: the pages' CSP blocks inline scripts). */
    static void accessible(Page page, String step) {
        if ("undefined".equals(page.evaluate("typeof window.axe"))) {
            page.route("**/__test-axe.min.js", route -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/javascript").setBody(ResidentAtKiosk.axeSource())));
            page.addScriptTag(new Page.AddScriptTagOptions().setUrl("/__test-axe.min.js"));
        }
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): '
                      + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary).join(' | '));
                }""");
        assertThat(found).as("serious or critical accessibility violations on " + step).isEmpty();
    }

    /** Walks the steps up to the confirmation, checking each with axe. */
    static void fillIn(Page page, String nik, String slot, boolean axe) {
        if (axe) accessible(page, "service");
        page.locator("[data-service='KTP_EL_RECORDING']").click();
        page.getByTestId("next").click();
        assertThat(page.getByTestId("book-message")).isVisible(); // nothing ticked yet
        for (String code : List.of("MASK", "GLOVES", "NO_SYMPTOMS")) {
            page.locator("[data-code='" + code + "']").check();
        }
        if (axe) accessible(page, "health");
        page.getByTestId("next").click();
        page.locator("[data-reason='HOSPITAL']").click();
        if (axe) accessible(page, "urgency");
        page.getByTestId("next").click();
        page.getByTestId("nik").fill(nik);
        if (axe) accessible(page, "nik");
        page.getByTestId("next").click();
        page.locator("[data-testid='slots'] [data-slot='" + slot + "']").click();
        assertThat(page.locator("[data-slot='" + slot + "']")).hasAttribute("aria-checked", "true");
        if (axe) accessible(page, "slot");
        if (axe) Browsers.screenshot(page, "book-slot");
        page.getByTestId("next").click();
        assertThat(page.getByTestId("summary")).containsText("Selasa, 1 Desember 2026");
        assertThat(page.getByTestId("summary")).containsText(nik.substring(12));
        assertThat(page.getByTestId("summary")).not().containsText(nik.substring(0, 12));
        if (axe) accessible(page, "confirm");
    }

    @Test
    void aResidentBooksOnThePhoneGetsTheTicketPageWithItsCodeAndMovesTheSlot() {
        Page page = open();
        fillIn(page, nik(1), "10:00", true);
        page.getByTestId("submit").click();
        page.waitForURL("**/t/**");
        assertThat(page.getByTestId("short-code")).hasText(java.util.regex.Pattern.compile("[2-9A-Z]{4}-[2-9A-Z]{4}"));
        assertThat(page.getByTestId("ticket-number")).hasText("A-001");
        assertThat(page.getByTestId("checkin-until")).containsText("11:00");
        assertThat(page.locator("[data-testid='checkin-qr'] svg")).isVisible();
        accessible(page, "ticket page with check-in code");
        Browsers.screenshot(page, "book-ticket-page");

        page.getByTestId("move-open").click();
        page.locator("[data-testid='move-slots'] [data-slot='11:30']").click();
        page.getByTestId("move-confirm").click();
        assertThat(page.getByTestId("checkin-until")).containsText("12:30");
        assertThat(page.getByTestId("slot")).containsText("11:30");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE slot_start_min = 690 AND channel = 'MOBILE'"))
                .isEqualTo(1);
        page.context().close();
    }

    @Test
    void thePlacesLeftOfEachSlotFollowOtherBookingsWhileTheStepIsOpen() {
        Page page = browsers.page(390, 844);
        page.setDefaultTimeout(15_000);
        page.navigate(url() + "&refresh=1");
        page.locator("html[data-ready='true']").waitFor();
        page.locator("[data-service='KTP_EL_RECORDING']").click();
        for (String code : List.of("MASK", "GLOVES", "NO_SYMPTOMS")) {
            page.locator("[data-code='" + code + "']").check();
        }
        page.getByTestId("next").click();
        page.locator("[data-reason='HOSPITAL']").click();
        page.getByTestId("next").click();
        page.getByTestId("nik").fill(nik(3));
        page.getByTestId("next").click();
        assertThat(page.locator("[data-testid='slots'] [data-slot='13:00']")).containsText("sisa 5");
        for (int i = 0; i < 5; i++) {
            assertThat(office.resident().post("/api/v1/offices/oki/bookings",
                    id.antrean.support.Api.bookingRequest(nik(10 + i), "2026-12-01", "13:00")).status()).isEqualTo(201);
        }
        assertThat(page.locator("[data-testid='slots'] [data-slot='13:00']")).containsText("Penuh");
        assertThat(page.locator("[data-testid='slots'] [data-slot='13:00']")).isDisabled();
        page.context().close();
    }

    @Test
    void whatsAppServicesGoToWhatsAppWithATapToChatLink() {
        Page page = open();
        page.locator("[data-service='KK']").click();
        assertThat(page.getByTestId("step-whatsapp")).isVisible();
        assertThat(page.getByTestId("wa-number")).hasText("0878-9456-7172");
        assertThat(page.getByTestId("wa-link")).hasAttribute("href", java.util.regex.Pattern.compile("^https://wa\\.me/6287894567172"));
        accessible(page, "WhatsApp service");
        Browsers.screenshot(page, "book-whatsapp");
        page.getByTestId("back").click();
        assertThat(page.getByTestId("step-service")).isVisible();
        page.context().close();
    }

    @Test
    void aSubmitWhoseAnswerIsLostIsSentAgainWithTheSameKeyAndBooksOnce() {
        Page page = open();
        fillIn(page, nik(2), "09:00", false);
        List<String> keys = new ArrayList<>();
        AtomicInteger posts = new AtomicInteger();
        page.route("**/api/v1/offices/oki/bookings", route -> {
            keys.add(route.request().headerValue("idempotency-key"));
            if (posts.incrementAndGet() == 1) {
                route.fetch();   // the server books…
                route.abort();   // …and the answer never reaches the phone
            } else {
                route.resume();
            }
        });
        page.getByTestId("submit").click();
        page.waitForURL("**/t/**");
        assertThat(page.getByTestId("ticket-number")).hasText("A-001");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(2);
        assertThat(keys.stream().distinct().count()).as("one Idempotency-Key for every try").isEqualTo(1);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isEqualTo(1);
        page.context().close();
    }

    @Test
    void theFirstLoadWeighsAtMost100KbAndIsUsableWithin3SecondsOnSlow3G() {
        Page page = browsers.page(390, 844);
        page.setDefaultTimeout(30_000);
        CDPSession cdp = page.context().newCDPSession(page);
        AtomicLong bytes = new AtomicLong();
        AtomicInteger requests = new AtomicInteger();
        cdp.on("Network.loadingFinished", e -> {
            bytes.addAndGet(e.get("encodedDataLength").getAsLong());
            requests.incrementAndGet();
        });
        cdp.send("Network.enable");
        cdp.send("Network.setCacheDisabled", json(Map.of("cacheDisabled", true)));
        // Chromium DevTools' "Slow 3G" (now "3G"): 2 s latency a request, 400 kbit/s down, 400 kbit/s up.
        cdp.send("Network.emulateNetworkConditions", json(Map.of("offline", false, "latency", 2000,
                "downloadThroughput", 50_000, "uploadThroughput", 50_000)));
        long t0 = System.nanoTime();
        page.navigate(url(), new Page.NavigateOptions().setWaitUntil(com.microsoft.playwright.options.WaitUntilState.COMMIT));
        page.locator("html[data-ready='true']").waitFor();
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        long readyMs = Long.parseLong((String) page.evaluate("document.documentElement.dataset.readyAt"));
        assertThat(page.locator("[data-service='KTP_EL_RECORDING']")).isVisible();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        System.out.printf("BOOKING PAGE ON SLOW 3G (2000 ms latency, 400 kbit/s): usable after %d ms (navigation start "
                + "to the first step drawn with its handlers; %d ms wall clock), first load %d bytes in %d requests%n",
                readyMs, wallMs, bytes.get(), requests.get());
        assertThat(bytes.get()).as("bytes of the first load").isLessThanOrEqualTo(100_000);
        assertThat(readyMs).as("ms until usable on slow 3G").isLessThanOrEqualTo(3000);
        page.context().close();
    }

    static JsonObject json(Map<String, Object> m) {
        JsonObject o = new JsonObject();
        m.forEach((k, v) -> {
            if (v instanceof Boolean b) o.addProperty(k, b);
            else if (v instanceof Number n) o.addProperty(k, n);
            else o.addProperty(k, String.valueOf(v));
        });
        return o;
    }
}
