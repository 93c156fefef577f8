package id.antrean.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, portrait is first-class: every kiosk screen at a door kiosk's portrait 1080×1920 and at
 * the landscape 1920×1080 and 1366×768. On each screen, measured in Chromium: every visible button
 * is at least 72×72 px, nothing scrolls sideways, nothing is cut off (the screen's content fits
 * without scrolling and the footer is in view), no text sticks out of its tile or button, and axe
 * finds no serious or critical violation. Screenshots: target/screenshots/kiosk-layout-*.png.
 */
class KioskLayoutTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:10")
            .with(WhatsAppStandIn.config(WhatsAppStandIn.NOWHERE, Map.of()));
    static Browsers browsers;

    /** Screen → what is wrong with it; must stay empty. */
    final Map<String, List<String>> problems = new TreeMap<>();
    final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    @BeforeEach
    void notificationsAndName() {
        WhatsAppStandIn.enable(office.db(), true);
        // The office asks for a name here, so that screen is measured too.
        TestData.execute(office.db(), "UPDATE office SET settings_rev = settings_rev + 1, "
                + "settings = JSON_SET(settings, '$.kiosk', JSON_OBJECT('askName', TRUE))");
    }

    /** Targets, overflow, cut-off, axe and a screenshot of the screen the kiosk is on. */
    @SuppressWarnings("unchecked")
    void measure(ResidentAtKiosk k, String tag, String name) {
        k.on(k.screen());
        String key = tag + " " + name;
        seen.add(name);
        List<String> found = new ArrayList<>(k.seriousAccessibilityViolations());
        Map<String, Object> m = (Map<String, Object>) k.page.evaluate("""
                () => {
                  const out = { small: [], overflow: [], cut: [] };
                  const visible = (el) => { const r = el.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
                  const name = (el) => (el.dataset.testid || el.className || el.tagName) + ' "'
                    + el.innerText.replace(/\\s+/g, ' ').trim().slice(0, 30) + '"';
                  for (const b of document.querySelectorAll('#app button, #app textarea')) {
                    if (!visible(b)) continue;
                    const r = b.getBoundingClientRect();
                    if (r.width < 71.5 || r.height < 71.5) out.small.push(name(b) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
                    // Nothing of a button's content outside the button (e.g. a long word in a tile).
                    for (const c of b.querySelectorAll('*')) {
                      const cr = c.getBoundingClientRect();
                      if (cr.width && (cr.right > r.right + 1 || cr.left < r.left - 1 || cr.bottom > r.bottom + 1)) {
                        out.overflow.push(name(b) + ' child ' + (c.className || c.tagName));
                        break;
                      }
                    }
                  }
                  for (const el of document.querySelectorAll('#app p, #app h1, #app h2, #app li, #app dd, #app dt, #app span, #app label')) {
                    if (!visible(el) || getComputedStyle(el).overflow !== 'visible') continue;
                    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') {
                      out.overflow.push(name(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
                    }
                  }
                  const main = document.querySelector('main');
                  if (main.scrollHeight > main.clientHeight + 1) out.cut.push('main scrolls: ' + main.scrollHeight + '>' + main.clientHeight);
                  if (document.documentElement.scrollWidth > innerWidth) out.cut.push('page scrolls sideways');
                  const footer = document.querySelector('footer.bottom').getBoundingClientRect();
                  if (footer.bottom > innerHeight + 1) out.cut.push('footer below the screen');
                  return out;
                }""");
        for (String kind : new String[] {"small", "overflow", "cut"}) {
            for (Object o : (List<Object>) m.get(kind)) {
                found.add(kind + ": " + o);
            }
        }
        if (!found.isEmpty()) {
            problems.put(key, found);
        }
        k.screenshot("kiosk-layout-" + tag + "-" + name);
    }

    /** Healthy, reason HOSPITAL, the NIK, no name, no priority group, no phone: the ticket is asked for. */
    static void askForTicket(ResidentAtKiosk k, String nik) {
        k.chooseInOffice().healthy().reason("HOSPITAL").nik(nik);
        k.on("name").tap("skip");
        k.on("priority").tap("priority-NONE");
        k.on("phone").tap("skip");
    }

    @Test
    void portrait1080x1920() {
        everyScreenHasBigTargetsAndFits(1080, 1920);
    }

    @Test
    void landscape1920x1080() {
        everyScreenHasBigTargetsAndFits(1920, 1080);
    }

    @Test
    void landscape1366x768() {
        everyScreenHasBigTargetsAndFits(1366, 768);
    }

    void everyScreenHasBigTargetsAndFits(int width, int height) {
        String tag = width + "x" + height;
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600")) {
            measure(k, tag, "welcome");
            k.tap("start");
            measure(k, tag, "service");
            k.tap("service-AKTA_PENGANGKATAN_PENGESAHAN_ANAK");
            measure(k, tag, "whatsapp");
            // The number residents copy onto their phone is one line, never split at a hyphen.
            assertThat((Boolean) k.page.evaluate("() => { const span = document.querySelector('[data-testid=whatsapp-number] span'); "
                    + "const r = document.createRange(); r.selectNodeContents(span); "
                    + "return r.getBoundingClientRect().height < parseFloat(getComputedStyle(span).fontSize) * 1.8; }"))
                    .as(tag + ": the WhatsApp number on one line").isTrue();
            k.tap("back");
            k.on("service").tap("service-KTP_EL_RECORDING");
            k.answers(true, true, true);
            measure(k, tag, "checklist");
            k.tap("next");
            measure(k, tag, "reason");
            k.tap("reason-OTHER");
            k.on("note");
            for (String c : new String[] {"k", "e", "r", "j", "a"}) {
                k.tap("kb-" + c);
            }
            measure(k, tag, "note");
            k.tap("next");
            k.on("nik").typed("9902011505900001"); // province 99 does not exist
            measure(k, tag, "nik-local-error");
            k.tap("key-clear");
            k.typed(nik(1)).tap("next");
            k.on("name").tap("kb-s");
            measure(k, tag, "name");
            k.tap("next");
            measure(k, tag, "priority");
            k.tap("priority-NONE");
            k.on("phone");
            measure(k, tag, "phone");
            k.tap("skip");
            k.on("ticket");
            measure(k, tag, "ticket");
        }
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600")) {
            k.chooseInOffice().answers(true, false, true);
            k.submit();
            k.on("refusal");
            measure(k, tag, "refusal");
        }
        // Closed: the first screen says so and offers the next day.
        office.clock().setWib("2026-12-01T16:00");
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600")) {
            k.byId("welcome-notice").waitFor();
            measure(k, tag, "welcome-closed");
            askForTicket(k, nik(2));
            k.on("closed");
            measure(k, tag, "closed");
            k.tap("book-offered");
            k.on("ticket");
            measure(k, tag, "ticket-later-day");
        }
        office.clock().setWib("2026-12-01T09:10");
        // The first NIK again: it already has today's number.
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600")) {
            askForTicket(k, nik(1));
            k.on("already");
            measure(k, tag, "already");
        }
        // The connection lost on the way.
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600")) {
            k.page.route("**/api/v1/offices/oki/tickets", com.microsoft.playwright.Route::abort);
            askForTicket(k, nik(3));
            k.on("retry");
            measure(k, tag, "retry");
        }
        // Today's quota used up: said on the first screen, and the next day offered.
        TestData.execute(office.db(), "UPDATE office SET settings_rev = settings_rev + 1, "
                + "settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', 1)");
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600")) {
            k.byId("welcome-notice").waitFor();
            measure(k, tag, "welcome-full");
            askForTicket(k, nik(4));
            k.on("quota");
            measure(k, tag, "quota");
        }
        assertThat(seen).contains("already", "retry", "welcome-full", "quota");
        assertThat(seen).contains("welcome", "service", "whatsapp", "checklist", "reason", "note", "nik-local-error",
                "name", "priority", "phone", "ticket", "refusal", "welcome-closed", "closed", "ticket-later-day");
        assertThat(problems).as("kiosk screens at " + tag + " with small targets, overflow, cut-off or axe findings").isEmpty();
    }
}
