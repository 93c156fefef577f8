package id.antrean.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.LoadState;
import id.antrean.Antrean;
import id.antrean.support.Browsers;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kiosk screen, reached on a real server: audited with axe-core (no serious or critical
 * violation), photographed under target/screenshots/kiosk-*.png at 1280×800 (and the main ones at
 * 1920×1080 in landscape and portrait), and checked to fit its screen. Also the first-load size.
 */
@ExtendWith(TestDatabase.class)
class KioskScreensTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10");
    static final long FIRST_LOAD_LIMIT = 150 * 1024;
    static TestDatabase.Db db;
    static Antrean node;
    static Browsers browsers;
    static String seeded;

    /** Screen (or screen variant) → its serious/critical axe findings; all must be empty. */
    final Map<String, List<String>> findings = new LinkedHashMap<>();
    final Map<String, String> layoutProblems = new LinkedHashMap<>();

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        // WhatsApp notifications on: the kiosk asks for the number only then (issue 11).
        node = TestServer.start(db, CLOCK, WhatsAppStandIn.config(WhatsAppStandIn.NOWHERE, java.util.Map.of()));
        WhatsAppStandIn.enable(db, true);
        seeded = TestData.settings(db);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T09:10");
    }

    ResidentAtKiosk open(int width, int height) {
        return ResidentAtKiosk.open(browsers, node.port(), width, height, "idle=600");
    }

    /** Audits, photographs and measures the screen the kiosk is on. */
    void look(ResidentAtKiosk k, String name) {
        String screen = k.screen();
        k.on(screen);
        findings.put(name, k.seriousAccessibilityViolations());
        k.screenshot("kiosk-" + name);
        // Fits the screen: nothing sideways, and the footer ("Kembali" and the actions) in view.
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) k.page.evaluate("""
                () => {
                  const footer = document.querySelector('footer.bottom').getBoundingClientRect();
                  return { sideways: document.documentElement.scrollWidth > innerWidth,
                           footerBottom: footer.bottom, height: innerHeight };
                }""");
        if (Boolean.TRUE.equals(m.get("sideways"))) {
            layoutProblems.put(name, "scrolls sideways");
        } else if (((Number) m.get("footerBottom")).doubleValue() > ((Number) m.get("height")).doubleValue() + 1) {
            layoutProblems.put(name, "footer below the screen: " + m);
        }
    }

    void assertClean() {
        Map<String, List<String>> bad = new TreeMap<>();
        findings.forEach((screen, list) -> {
            if (!list.isEmpty()) {
                bad.put(screen, list);
            }
        });
        assertThat(bad).as("serious or critical axe violations per screen").isEmpty();
        assertThat(layoutProblems).as("screens that do not fit").isEmpty();
    }

    @Test
    void kioskEveryScreenPassesAxeAt1280x800() {
        List<String> screens = new ArrayList<>();
        // welcome → service → whatsapp → checklist → reason → note → nik (checked as typed) →
        // priority → phone → nik again (the server's INVALID_NIK) → ticket
        try (ResidentAtKiosk k = open(1280, 800)) {
            look(k, "welcome");
            k.tap("start");
            look(k, "service");
            k.tap("service-KK");
            look(k, "whatsapp");
            k.tap("back");
            k.on("service").tap("service-KTP_EL_RECORDING");
            k.answers(true, true, true);
            look(k, "checklist");
            k.tap("next");
            look(k, "reason");
            k.tap("reason-OTHER");
            k.on("note");
            for (String key : new String[] {"s", "i", "d", "a", "n", "g"}) {
                k.tap("kb-" + key);
            }
            look(k, "note");
            k.tap("next");
            k.on("nik").typed("16020115059");
            look(k, "nik");
            k.typed("00000");
            k.tap("next");
            look(k, "priority");
            k.tap("priority-ELDERLY");
            k.on("phone").typed("081234567890");
            look(k, "phone");
            k.tap("next");
            k.on("nik");
            look(k, "nik-invalid");
            k.tap("key-back");
            k.typed("1").tap("next");
            k.on("ticket");
            look(k, "ticket");
            // No public address configured on this server: the QR code uses the kiosk's own.
            assertThat(k.byId("ticket-qr").getAttribute("data-url")).startsWith("http://127.0.0.1:" + node.port() + "/t/");
            k.tap("lang-en");
            look(k, "ticket-en");
            assertThat(k.pageErrors).isEmpty();
        }
        // The same NIK again: already has a ticket.
        try (ResidentAtKiosk k = open(1280, 800)) {
            k.upToLastStep("1602011505900001").submit();
            k.on("already");
            look(k, "already");
        }
        // A required "no": refusal.
        try (ResidentAtKiosk k = open(1280, 800)) {
            k.chooseInOffice().answers(true, false, false);
            k.submit();
            k.on("refusal");
            look(k, "refusal");
        }
        // The server's phone check.
        try (ResidentAtKiosk k = open(1280, 800)) {
            k.chooseInOffice().healthy().reason("HOSPITAL").nik(nik(3)).priority("NONE");
            k.on("phone").typed("080012345678").tap("next");
            k.on("phone");
            look(k, "phone-invalid");
        }
        // The idle warning over a half-typed NIK (6 s idle: the warning shows after 3 s).
        try (ResidentAtKiosk k = ResidentAtKiosk.open(browsers, node.port(), 1280, 800, "idle=6")) {
            k.chooseInOffice().healthy().reason("HOSPITAL").on("nik").typed("16020115");
            k.byId("idle-warning").waitFor();
            look(k, "idle-warning");
        }
        // Quota full.
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', 1)");
        try (ResidentAtKiosk k = open(1280, 800)) {
            look(k, "welcome-quota-full");
            k.upToLastStep(nik(4)).submit();
            k.on("quota");
            look(k, "quota");
        }
        // Network failure, then a decision the kiosk has no screen of its own for.
        try (ResidentAtKiosk k = open(1280, 800)) {
            k.page.route("**" + TICKETS, Route::abort);
            k.upToLastStep(nik(5)).submit();
            k.on("retry");
            look(k, "retry");
            k.tap("retry");
            k.on("retry");
            look(k, "retry-failed");
        }
        try (ResidentAtKiosk k = open(1280, 800)) {
            k.page.route("**" + TICKETS, route -> route.fulfill(new Route.FulfillOptions().setStatus(422)
                    .setContentType("application/json")
                    .setBody("{\"error\":\"DAY_OUT_OF_RANGE\",\"message\":\"…\",\"messages\":{\"id\":\"Tanggal di luar "
                            + "jangka pemesanan.\",\"en\":\"The day is outside the booking range.\"},\"details\":{}}")));
            k.upToLastStep(nik(6)).submit();
            k.on("error");
            look(k, "error");
        }
        // Closed.
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T16:00");
        try (ResidentAtKiosk k = open(1280, 800)) {
            look(k, "welcome-closed");
            k.upToLastStep(nik(8)).submit();
            k.on("closed");
            look(k, "closed");
        }
        // Every screen the kiosk has was seen.
        for (String s : new String[] {"welcome", "service", "whatsapp", "reason", "note", "nik", "phone", "priority",
                "checklist", "ticket", "already", "refusal", "quota", "closed", "retry", "error"}) {
            screens.add(s);
        }
        assertThat(findings.keySet()).containsAll(screens);
        assertClean();
    }

    @Test
    void kioskMainScreensAt1920x1080LandscapeAndPortrait() {
        for (int[] size : new int[][] {{1920, 1080}, {1080, 1920}}) {
            String tag = size[0] > size[1] ? "landscape" : "portrait";
            TestData.clearQueue(db, seeded);
            try (ResidentAtKiosk k = open(size[0], size[1])) {
                look(k, "welcome-" + tag);
                k.tap("start");
                look(k, "service-" + tag);
                k.tap("service-AKTA_KELAHIRAN");
                look(k, "whatsapp-" + tag);
                k.tap("back");
                k.on("service").tap("service-KTP_EL_RECORDING");
                k.answers(true, true, true);
                look(k, "checklist-" + tag);
                k.tap("next");
                k.reason("HOSPITAL").on("nik").typed("1602011505");
                look(k, "nik-" + tag);
                k.typed("900001").tap("next");
                k.on("priority");
                k.submit();
                k.on("ticket");
                look(k, "ticket-" + tag);
            }
        }
        assertClean();
    }

    @Test
    void kioskFirstLoadIsUnder150KB() throws IOException {
        Map<String, Long> bytes = new TreeMap<>();
        var page = browsers.page(1280, 800);
        try {
            page.onRequestFinished(r -> {
                var sizes = r.sizes();
                bytes.merge(r.url().replace("http://127.0.0.1:" + node.port(), ""),
                        (long) sizes.responseBodySize + sizes.responseHeadersSize, Long::sum);
            });
            page.navigate("http://127.0.0.1:" + node.port() + "/kiosk/?office=oki");
            page.getByTestId("office-name").waitFor();
            page.waitForLoadState(LoadState.NETWORKIDLE);
        } finally {
            page.context().close();
        }
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder report = new StringBuilder("Kiosk first load (/kiosk/?office=oki), bytes on the wire incl. headers:\n");
        bytes.forEach((url, n) -> report.append(String.format("%8d  %s%n", n, url)));
        report.append(String.format("%8d  total (%.1f KB) in %d requests%n", total, total / 1024.0, bytes.size()));
        Files.createDirectories(Browsers.SCREENSHOTS);
        Files.writeString(Browsers.SCREENSHOTS.resolve("kiosk-first-load.txt"), report);
        System.out.println(report);
        assertThat(bytes.keySet()).contains("/kiosk/?office=oki", "/kiosk/kiosk.js", "/kiosk/kiosk.css",
                "/api/v1/offices/oki/kiosk");
        assertThat(bytes.keySet()).as("nothing from outside the server").allMatch(u -> u.startsWith("/"));
        assertThat(total).as(report.toString()).isLessThan(FIRST_LOAD_LIMIT);
    }
}
