package id.antrean.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Request;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.LogCapture;
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
 * Issue 13, the kiosk flow as the door works: bad news first (closed or full on the first screen,
 * the health questions before anything personal), the NIK checked where it is typed by the
 * server's own rules, a later day's ticket in words, singular and plural, "KTP-el" kept whole, no
 * "Kembali" on the welcome screen, and the optional name for staff to greet the resident.
 * On a real server and MariaDB, in Chromium (notifications off: no phone screen).
 */
class KioskDoorOrderTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";

    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:10") // a Tuesday, open
            .with("antrean.names.check.seconds", "1");
    static Browsers browsers;
    ResidentAtKiosk kiosk;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            List<String> errors = kiosk.pageErrors;
            kiosk.close();
            kiosk = null;
            assertThat(errors).as("script errors on the kiosk page").isEmpty();
        }
    }

    ResidentAtKiosk open(int width, int height) {
        kiosk = ResidentAtKiosk.open(browsers, office.port(), width, height, "idle=600");
        return kiosk;
    }

    static void settings(String jsonSet) {
        TestData.execute(office.db(), "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, " + jsonSet + ")");
    }

    @Test
    void welcomeSaysOpenOnceAndHasNoBackButton() {
        ResidentAtKiosk k = open(1280, 800);
        assertThat(k.text("office-status").replaceAll("\\s+", " ")).isEqualTo("Buka hari ini sampai pukul 15:00");
        assertThat(k.byId("back")).isHidden();
        assertThat(k.byId("welcome-notice")).hasCount(0);
        assertThat(k.text("start")).isEqualTo("Sentuh untuk mulai");
        k.tap("lang-en");
        assertThat(k.text("office-status").replaceAll("\\s+", " ")).isEqualTo("Open today until 15:00");
        k.tap("start");
        k.on("service");
        assertThat(k.byId("back")).isVisible();
    }

    @Test
    void healthQuestionsComeFirstAndARefusalNeedsNothingPersonal() {
        ResidentAtKiosk k = open(1280, 800);
        List<Request> posts = new ArrayList<>();
        k.page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith(TICKETS)) {
                posts.add(r);
            }
        });
        k.chooseInOffice();
        // No double negative: a yes to the symptoms question refuses.
        assertThat(k.page.locator("#check-NO_SYMPTOMS-label")).hasText("Apakah Anda demam, batuk atau sesak napas?");
        k.tap("check-MASK-yes");
        k.tap("check-GLOVES-yes");
        k.tap("check-NO_SYMPTOMS-yes");
        k.tap("next");
        k.on("refusal");
        assertThat(k.byId("missing-NO_SYMPTOMS")).isVisible();
        assertThat(posts).hasSize(1);
        JsonNode body = KioskFlowTest.body(posts.getFirst());
        assertThat(body.get("nik").asText()).isEmpty();
        assertThat(body.get("phone").isNull()).isTrue();
        assertThat(body.get("checklist").get("NO_SYMPTOMS").asBoolean()).isFalse();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isZero();
        assertThat(TestData.string(office.db(), "SELECT JSON_EXTRACT(payload, '$.missing') FROM event WHERE type = 'HEALTH_REFUSED'"))
                .isEqualTo("[\"NO_SYMPTOMS\"]");
        // The order of the door: checklist, then the urgency reason, then the NIK.
        kiosk.close();
        ResidentAtKiosk again = open(1280, 800);
        again.chooseInOffice().answers(true, true, true);
        assertThat(again.text("next")).isEqualTo("Lanjut");
        again.tap("next");
        again.on("reason").tap("reason-HOSPITAL");
        again.on("nik");
    }

    @Test
    void theNikIsCheckedWhereItIsTypedByTheServersOwnRules() {
        // NIK → what the server says (INVALID_NIK reason), for the checks the kiosk makes too.
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("9902011505900001", "PROVINCE");   // no province 99
        cases.put("2002011505900001", "PROVINCE");   // 20 is not a province code either
        cases.put("1600011505900001", "REGION");     // regency 00
        cases.put("1602013213900001", "BIRTH_DATE"); // day 32
        cases.put("1602011513900001", "BIRTH_DATE"); // month 13
        cases.put("1602012902010001", "BIRTH_DATE"); // 29 February 2001 (and 1901)
        cases.put("1602017205900001", "BIRTH_DATE"); // a woman's day 72 − 40 = 32
        cases.put("1602015505900001", null);          // a woman born 15 May 1990
        cases.put("1602012902000001", null);          // 29 February 2000
        cases.put("9402011505900001", null);          // Papua Tengah (2022)
        ResidentAtKiosk k = open(1280, 800);
        k.chooseInOffice().healthy().reason("HOSPITAL").on("nik");
        cases.forEach((nik, reason) -> {
            Api.Response server = office.resident().post(TICKETS, ticketRequest(nik));
            String serverReason = server.status() == 201 ? null : server.json().get("details").get("reason").asText();
            assertThat(serverReason).as("the server on " + nik).isEqualTo(reason);
            k.tap("key-clear");
            k.typed(nik.substring(0, 15));
            assertThat(k.byId("error-message")).hasCount(0); // not judged before the 16th digit
            k.typed(nik.substring(15));
            if (reason == null) {
                assertThat(k.byId("nik-status")).hasText("Lengkap: 16 angka");
                assertThat(k.byId("error-message")).hasCount(0);
                assertThat(k.byId("next")).isEnabled();
            } else {
                assertThat(k.byId("nik-status")).hasAttribute("data-problem", reason);
                assertThat(k.byId("nik-status")).not().containsText("Lengkap");
                assertThat(k.byId("error-message")).isVisible();
                assertThat(k.byId("next")).isDisabled();
            }
            TestData.clearQueue(office.db(), office.seededSettings());
        });
        k.tap("key-clear");
        k.typed("9902011505900001");
        assertThat(k.text("error-message")).contains("99").contains("provinsi");
        k.tap("lang-en");
        assertThat(k.text("error-message")).contains("province code 99");
        k.tap("key-back");
        assertThat(k.byId("error-message")).hasCount(0);
    }

    @Test
    void closedSaysSoOnTheFirstScreenAndTheLaterDaysTicketSaysWhenInWords() {
        office.clock().setWib("2026-12-02T16:00"); // Wednesday after closing: Thursday 3 December next
        ResidentAtKiosk k = open(1080, 1920);
        assertThat(k.byId("welcome-notice")).containsText("Kantor sedang tutup");
        assertThat(k.byId("welcome-notice")).containsText("Kamis, 3 Desember 2026, pukul 08:00");
        assertThat(k.text("start")).isEqualTo("Pesan nomor untuk hari lain");
        k.upToLastStep(nik(5)).submit();
        k.on("closed");
        k.tap("book-offered");
        k.on("ticket");
        assertThat(k.text("ticket-day")).isEqualTo("Datang pada Kamis, 3 Desember 2026, pukul 08:00");
        assertThat(k.page.locator("main").innerText()).doesNotContain("Tunggu di luar");
        assertThat(k.page.locator("#print-area").textContent()).contains("Datang pada Kamis, 3 Desember 2026, pukul 08:00")
                .doesNotContain("Tunggu di luar");
        k.tap("lang-en");
        assertThat(k.text("ticket-day")).isEqualTo("Come on Thursday, 3 December 2026 at 08:00");
        assertThat(k.page.locator("main").innerText()).doesNotContain("Wait outside");
    }

    @Test
    void fullSaysSoOnTheFirstScreenAndNothingLeftOffersWhatsApp() {
        settings("'$.dailyQuota.KTP_EL_RECORDING', 1");
        assertThat(office.resident().post(TICKETS, ticketRequest(nik(1))).status()).isEqualTo(201);
        ResidentAtKiosk k = open(1280, 800);
        assertThat(k.byId("welcome-notice")).containsText("Kuota hari ini sudah penuh");
        assertThat(k.byId("welcome-notice")).containsText("Rabu, 2 Desember 2026, pukul 08:00");
        assertThat(k.text("start")).isEqualTo("Pesan nomor untuk hari lain");
        kiosk.close();
        // No in-office number on any day: the start button leads to the WhatsApp services.
        settings("'$.dailyQuota.KTP_EL_RECORDING', 0");
        ResidentAtKiosk none = open(1280, 800);
        assertThat(none.byId("welcome-notice")).containsText("Layanan lewat WhatsApp tetap bisa dipakai");
        assertThat(none.text("start")).isEqualTo("Lihat layanan lewat WhatsApp");
        none.tap("start");
        none.on("service");
        assertThat(none.byId("service-KK")).isVisible();
    }

    @Test
    void peopleAheadIsSingularOrPluralInBothLanguages() {
        assertThat(office.resident().post(TICKETS, ticketRequest(nik(11))).status()).isEqualTo(201);
        ResidentAtKiosk k = open(1280, 800);
        k.upToLastStep(nik(12)).submit();
        k.on("ticket");
        assertThat(k.text("ticket-position")).isEqualTo("ke-2 · 1 orang di depan Anda");
        k.tap("lang-en");
        assertThat(k.text("ticket-position")).isEqualTo("no. 2 · 1 person ahead of you");
        assertThat(k.page.locator("#print-area").textContent()).contains("1 orang di depan Anda"); // printed in Indonesian
        kiosk.close();
        TestData.clearQueue(office.db(), office.seededSettings());
        ResidentAtKiosk first = open(1280, 800);
        first.upToLastStep(nik(13)).submit();
        first.on("ticket");
        assertThat(first.text("ticket-position")).isEqualTo("ke-1 · Tidak ada orang di depan Anda");
        first.tap("lang-en");
        assertThat(first.text("ticket-position")).isEqualTo("no. 1 · Nobody ahead of you");
    }

    @Test
    void ktpElIsNeverSplitAcrossLines() {
        ResidentAtKiosk k = open(1080, 1920);
        String check = """
                () => {
                  const w = document.createTreeWalker(document.getElementById('app'), NodeFilter.SHOW_TEXT);
                  const bad = []; let n = 0;
                  for (let t = w.nextNode(); t; t = w.nextNode()) {
                    if (!t.nodeValue.includes('KTP-el')) continue;
                    n++;
                    if (t.nodeValue !== 'KTP-el' || getComputedStyle(t.parentElement).whiteSpace !== 'nowrap') bad.push(t.nodeValue);
                  }
                  return { n, bad };
                }""";
        for (String step : new String[] {"welcome", "service", "refusal"}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) k.page.evaluate(check);
            assertThat(((Number) r.get("n")).intValue()).as(step + ": KTP-el is on the screen").isPositive();
            assertThat((List<?>) r.get("bad")).as(step).isEmpty();
            if (step.equals("welcome")) {
                k.tap("start");
                k.on("service");
            } else if (step.equals("service")) {
                k.tap("service-KTP_EL_RECORDING");
                k.on("checklist");
                // The refusal names the service in its lead; the checklist title does not: check the refusal.
                k.answers(false, true, true).tap("next");
                k.on("refusal");
            }
        }
    }

    @Test
    void theOfficeMayAskForANameWhichOnlyStaffSee() {
        settings("'$.kiosk', JSON_OBJECT('askName', TRUE)");
        try (LogCapture logs = new LogCapture()) {
            ResidentAtKiosk k = open(1280, 800);
            k.chooseInOffice().healthy().reason("HOSPITAL").nik(nik(21));
            k.on("name");
            for (String c : new String[] {"s", "i", "t", "i", "space", "a", "m", "i", "n", "a", "h"}) {
                k.tap("kb-" + c);
            }
            assertThat(k.byId("resident-name")).hasValue("Siti Aminah");
            k.tap("next");
            k.on("priority").tap("priority-NONE");
            k.on("ticket");
            assertThat(TestData.string(office.db(), "SELECT name FROM ticket")).isEqualTo("Siti Aminah");
            String token = TestData.string(office.db(), "SELECT token FROM ticket");
            long id = TestData.count(office.db(), "SELECT id FROM ticket");
            assertThat(office.resident().get("/api/v1/tickets/" + token).body()).doesNotContain("Siti");
            assertThat(office.admin().get("/api/v1/staff-tickets/" + id).json().get("name").asText()).isEqualTo("Siti Aminah");
            assertThat(k.page.locator("#print-area").textContent()).doesNotContain("Siti");
            // What the server logs (the database driver's own wire trace, on at ALL here, is not a log of ours).
            assertThat(logs.lines().stream().filter(l -> !l.contains("org.mariadb.jdbc")))
                    .noneMatch(l -> l.contains("Siti"));
        }
        // Kept for the ticket's day only: the next day it is gone.
        office.clock().setWib("2026-12-02T07:00");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE name IS NOT NULL") == 0);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isEqualTo(1);
        office.clock().setWib("2026-12-01T09:10");
        kiosk.close();
        // Skipped: no name is sent.
        TestData.clearQueue(office.db(), office.seededSettings());
        settings("'$.kiosk', JSON_OBJECT('askName', TRUE)");
        ResidentAtKiosk k = open(1280, 800);
        k.chooseInOffice().healthy().reason("HOSPITAL").nik(nik(22));
        k.on("name").tap("skip");
        k.on("priority").tap("priority-NONE");
        k.on("ticket");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE name IS NULL")).isEqualTo(1);
    }

    @Test
    void theSettingsPageWarnsWhileThePublicAddressIsUnset() {
        // This office's server has no ANTREAN_PUBLIC_URL: the slip's QR code would hold the kiosk's own address.
        com.microsoft.playwright.Page page = browsers.page(1280, 900);
        try {
            page.navigate("http://127.0.0.1:" + office.port() + "/staff/");
            page.fill("#username", "admin");
            page.fill("#password", Api.ADMIN_PASSWORD);
            page.click("#submit");
            page.waitForURL(u -> !u.contains("/staff/index.html") && !u.endsWith("/staff/"));
            page.navigate("http://127.0.0.1:" + office.port() + "/staff/settings.html");
            assertThat(page.getByTestId("public-url-warning")).containsText("ANTREAN_PUBLIC_URL belum diatur");
            assertThat(page.getByTestId("public-url-warning")).containsText("ANTREAN_PUBLIC_URL is unset");
            assertThat(page.locator("#save")).isVisible();
            Browsers.screenshot(page, "staff-settings-public-url-warning");
        } finally {
            page.context().close();
        }
    }
}
