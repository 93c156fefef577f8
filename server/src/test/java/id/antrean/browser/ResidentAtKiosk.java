package id.antrean.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import id.antrean.support.Browsers;

/**
 * A resident's hands on the kiosk page: the steps of the flow by the page's data-testid hooks
 * (listed at the top of kiosk.js), so each test reads as what a person does at the door.
 */
final class ResidentAtKiosk implements AutoCloseable {
    /** Counts window.print() instead of opening a dialog (headless has no printer). */
    private static final String COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };";
    private static String axe;

    final Page page;
    final List<String> pageErrors = new ArrayList<>();

    private ResidentAtKiosk(Page page) {
        this.page = page;
    }

    /** A fresh browser context at the kiosk of office oki, waiting until the office is shown. */
    static ResidentAtKiosk open(Browsers browsers, int port, int width, int height, String query) {
        return open(browsers, port, width, height, query, 1);
    }

    /** The same on a screen of this many device pixels per CSS pixel. */
    static ResidentAtKiosk open(Browsers browsers, int port, int width, int height, String query, double scale) {
        Page page = browsers.page(width, height, scale);
        page.setDefaultTimeout(10_000);
        ResidentAtKiosk k = new ResidentAtKiosk(page);
        page.onPageError(k.pageErrors::add);
        page.addInitScript(COUNT_PRINTS);
        page.navigate("http://127.0.0.1:" + port + "/kiosk/?office=oki" + (query.isEmpty() ? "" : "&" + query));
        k.byId("office-name").waitFor();
        return k;
    }

    Locator byId(String testId) {
        return page.getByTestId(testId);
    }

    String text(String testId) {
        return byId(testId).innerText().strip();
    }

    void tap(String testId) {
        byId(testId).click();
    }

    /** Waits until the named screen is shown and nothing is being sent. */
    ResidentAtKiosk on(String screen) {
        page.locator("body[data-screen='" + screen + "'][data-busy='false'] [data-testid='screen-" + screen + "']").waitFor();
        return this;
    }

    String screen() {
        return (String) page.evaluate("document.body.dataset.screen");
    }

    int prints() {
        return ((Number) page.evaluate("window.__prints")).intValue();
    }

    /**
     * window.print() runs just after the ticket is painted (print.js: an animation frame, then a 50 ms
     * timer): wait for it, then for two more turns of that same chain, so any second print already
     * scheduled when the first ran has run too; then count.
     */
    int printsAfterPaint(int expected) {
        page.waitForFunction("n => window.__prints >= n", expected);
        page.evaluate("""
                async () => {
                  const turn = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));
                  await turn();
                  await turn();
                }""");
        return prints();
    }

    // ---------- the in-office flow, step by step ----------
    // The door's order (issue 13): service → health checklist → urgency reason (→ note) → NIK →
    // priority group → WhatsApp number (only while the office sends messages) → ticket.

    /** From the welcome screen to the health checklist of the in-office service. */
    ResidentAtKiosk chooseInOffice() {
        on("welcome").tap("start");
        on("service").tap("service-KTP_EL_RECORDING");
        return on("checklist");
    }

    /** Every health item met, then on to the urgency reason. */
    ResidentAtKiosk healthy() {
        answers(true, true, true);
        tap("next");
        return on("reason");
    }

    ResidentAtKiosk reason(String code) {
        on("reason").tap("reason-" + code);
        return this;
    }

    /** Types the digits on the on-screen keypad. */
    ResidentAtKiosk keypad(String digits) {
        for (char c : digits.toCharArray()) {
            tap("key-" + c);
        }
        return this;
    }

    /** Types on the physical keyboard (the digit screens take it as well as their keypad). */
    ResidentAtKiosk typed(String text) {
        page.keyboard().type(text);
        return this;
    }

    /** Types the NIK on the physical keyboard (the on-screen keypad is tapped where a test is about it). */
    ResidentAtKiosk nik(String nik) {
        on("nik");
        page.keyboard().type(nik);
        tap("next");
        return this;
    }

    /** Skips the WhatsApp number; an office without notifications never asks for it (issue 11). */
    ResidentAtKiosk skipPhone() {
        on("phone").tap("skip");
        return this;
    }

    ResidentAtKiosk priority(String code) {
        on("priority").tap("priority-" + code);
        return this;
    }

    /**
     * The health checklist: mask, gloves, and whether the resident is free of symptoms. The
     * symptoms question is asked without a double negative ("Apakah Anda demam, batuk atau sesak
     * napas?"), so a resident without symptoms taps "Tidak".
     */
    ResidentAtKiosk answers(boolean mask, boolean gloves, boolean noSymptoms) {
        on("checklist");
        tap("check-MASK-" + (mask ? "yes" : "no"));
        tap("check-GLOVES-" + (gloves ? "yes" : "no"));
        tap("check-NO_SYMPTOMS-" + (noSymptoms ? "no" : "yes"));
        return this;
    }

    /** Healthy, reason HOSPITAL, the NIK: on the priority screen, the last step before the ticket. */
    ResidentAtKiosk upToLastStep(String nik) {
        return chooseInOffice().healthy().reason("HOSPITAL").nik(nik).on("priority");
    }

    /**
     * Sends what was answered: the checklist's "Lanjut" (a refusal), or no priority group and no
     * WhatsApp number (the phone screen shows only while the office sends messages).
     */
    ResidentAtKiosk submit() {
        String screen = screen();
        if ("checklist".equals(screen)) {
            tap("next");
        } else if ("priority".equals(screen)) {
            tap("priority-NONE");
            page.waitForFunction("() => document.body.dataset.screen !== 'priority'");
            if ("phone".equals(screen())) {
                on("phone").tap("skip");
            }
        } else if ("phone".equals(screen)) {
            tap("skip");
        } else {
            tap("next");
        }
        return this;
    }

    // ---------- checks ----------

    /** axe-core (test resource, never served) on the current screen: serious and critical findings. */
    List<String> seriousAccessibilityViolations() {
        if ("undefined".equals(page.evaluate("typeof window.axe"))) {
            // Served as a same-origin file (intercepted, never by the server): the pages'
            // Content-Security-Policy blocks an inline script tag.
            page.route("**/__test-axe.min.js", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/javascript").setBody(axeSource())));
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
        return found;
    }

    static synchronized String axeSource() {
        if (axe == null) {
            try (InputStream in = ResidentAtKiosk.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js missing from the test resources");
                }
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axe;
    }

    void screenshot(String name) {
        Browsers.screenshot(page, name);
    }

    @Override
    public void close() {
        page.context().close();
    }
}
