package id.antrean.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import id.antrean.support.WhatsAppStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resident's flow at the door on a real server and MariaDB, in headless Chromium: every
 * outcome the kiosk can meet, checked on the screen and then on the server.
 */
@ExtendWith(TestDatabase.class)
class KioskFlowTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final String PUBLIC_URL = "https://antrean.okikab.example";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10"); // a Tuesday, office open
    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase.Db db;
    static Antrean node;
    static Api api;
    static Browsers browsers;
    static String seeded;

    ResidentAtKiosk kiosk;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        // WhatsApp notifications on: the kiosk asks for the number only then (issue 11).
        node = TestServer.start(db, CLOCK, WhatsAppStandIn.config(WhatsAppStandIn.NOWHERE, Map.of("antrean.public.url", PUBLIC_URL)));
        WhatsAppStandIn.enable(db, true);
        api = new Api(node.port());
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

    @AfterEach
    void close() {
        if (kiosk != null) {
            List<String> errors = kiosk.pageErrors;
            kiosk.close();
            assertThat(errors).as("script errors on the kiosk page").isEmpty();
        }
    }

    ResidentAtKiosk open(String query) {
        kiosk = ResidentAtKiosk.open(browsers, node.port(), 1280, 800, query);
        return kiosk;
    }

    /** The POST bodies and Idempotency-Keys the page sends for tickets. */
    static List<Request> ticketPosts(ResidentAtKiosk k) {
        List<Request> posts = new ArrayList<>();
        k.page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith(TICKETS)) {
                posts.add(r);
            }
        });
        return posts;
    }

    static JsonNode body(Request r) {
        try {
            return JSON.readTree(r.postData());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static long tickets() {
        return TestData.count(db, "SELECT COUNT(*) FROM ticket");
    }

    static JsonNode service(String code) {
        for (JsonNode s : api.get("/api/v1/offices/oki/services").json().get("services")) {
            if (s.get("code").asText().equals(code)) {
                return s;
            }
        }
        throw new AssertionError("no service " + code);
    }

    @Test
    void kioskHappyPathToAPrintedTicketThatExistsOnTheServer() {
        ResidentAtKiosk k = open("ticketReturn=3");
        List<Request> posts = ticketPosts(k);
        assertThat(k.text("office-name")).isEqualTo("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir");
        assertThat(k.text("office-status")).contains("Buka").contains("15:00");
        assertThat(k.text("quota-left")).isEqualTo("Sisa kuota hari ini: 50 dari 50");
        assertThat(k.text("next-slot")).contains("hari ini, 09:00–09:30");

        k.chooseInOffice().healthy().reason("OTHER");
        k.on("note");
        for (String key : new String[] {"k", "e", "r", "j", "a", "space", "b", "e", "s", "o", "k"}) {
            k.tap("kb-" + key);
        }
        assertThat(k.byId("urgency-note").inputValue()).isEqualTo("kerja besok");
        k.tap("next");
        k.on("nik").keypad("160201150590001");
        assertThat(k.byId("next").isDisabled()).as("15 digits are not a NIK").isTrue();
        assertThat(k.text("nik-status")).isEqualTo("15 dari 16 angka");
        k.keypad("2");
        assertThat(k.text("nik-display")).isEqualTo("1602 0115 0590 0012");
        assertThat(k.text("nik-status")).isEqualTo("Lengkap: 16 angka");
        k.tap("next");
        k.priority("ELDERLY");
        k.on("phone");
        k.page.keyboard().type("081234567890"); // the physical keyboard works too
        assertThat(k.text("phone-display")).isEqualTo("0812-3456-7890");
        // Two quick taps on the last step ("Setuju, kirim ke nomor ini") are one submission.
        k.page.evaluate("() => { const b = document.querySelector('[data-testid=next]'); b.click(); b.click(); }");
        k.on("ticket");

        assertThat(posts).hasSize(1);
        assertThat(posts.getFirst().headerValue("idempotency-key")).isNotBlank();
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(k.text("ticket-slot")).isEqualTo("09:00–09:30");
        assertThat(k.text("ticket-date")).isEqualTo("Selasa, 1 Desember 2026");
        assertThat(k.text("ticket-service")).isEqualTo("Perekaman KTP-el (mendesak)");
        assertThat(k.text("ticket-position")).startsWith("ke-1");
        // Its slot has started and the room has space: admitted at once, so it says come in.
        assertThat(k.text("ticket-instruction")).isEqualTo("Silakan masuk ke ruang tunggu");
        assertThat(k.byId("ticket-day").count()).as("a ticket for today names no other day").isZero();
        assertThat(k.printsAfterPaint(1)).as("printed once").isEqualTo(1);
        assertThat(k.page.locator("#print-area").textContent()).contains("A-001").contains("09:00–09:30");

        String token = TestData.string(db, "SELECT token FROM ticket");
        // The QR code points at the configured public address, not at the kiosk's own.
        assertThat(k.byId("ticket-qr").getAttribute("data-url")).isEqualTo(PUBLIC_URL + "/t/" + token);
        assertThat(tickets()).isEqualTo(1);
        assertThat(TestData.string(db, "SELECT CONCAT_WS('|', service, day, number, slot_start_min, urgency_reason, "
                + "urgency_note, nik_last4, phone, priority_group, channel) FROM ticket"))
                .isEqualTo("KTP_EL_RECORDING|2026-12-01|1|540|OTHER|kerja besok|0012|+6281234567890|ELDERLY|KIOSK");
        Api.Response status = api.get("/api/v1/tickets/" + token);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("number").asText()).isEqualTo("A-001");
        assertThat(status.json().get("state").asText()).isEqualTo("ADMITTED");
        assertThat(status.json().get("slot").get("start").asText()).isEqualTo("09:00");

        // Back to the start by itself (ticketReturn=3 here, 20 s by default).
        k.byId("countdown").waitFor();
        k.on("welcome");
        // The welcome screen shows the last known quota at once and the fresh one when it arrives.
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(k.byId("quota-left"))
                .hasText("Sisa kuota hari ini: 49 dari 50");
    }

    @Test
    void kioskWhatsAppServicesShowTheirNumberQrAndWhatToSend() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String s : new String[] {"KK", "PINDAH_DATANG", "KTP_EL_PRINT"}) {
            expected.put(s, "+6287894567172");
        }
        for (String s : new String[] {"AKTA_KELAHIRAN", "AKTA_KEMATIAN", "AKTA_PERKAWINAN", "AKTA_PERCERAIAN",
                "AKTA_PENGANGKATAN_PENGESAHAN_ANAK"}) {
            expected.put(s, "+6285927941900");
        }
        ResidentAtKiosk k = open("");
        k.on("welcome").tap("start");
        expected.forEach((code, e164) -> {
            String display = e164.equals("+6287894567172") ? "0878-9456-7172" : "0859-2794-1900";
            JsonNode service = service(code);
            k.on("service");
            assertThat(k.byId("service-" + code).innerText()).as(code).contains(display);
            k.tap("service-" + code);
            k.on("whatsapp");
            assertThat(k.page.locator("h1").innerText()).isEqualTo(service.get("name").get("id").asText());
            assertThat(k.text("whatsapp-number")).as(code).isEqualTo(display);
            assertThat(k.byId("whatsapp-number").getAttribute("data-e164")).isEqualTo(e164);
            assertThat(k.byId("whatsapp-qr").getAttribute("data-url")).as(code)
                    .startsWith("https://wa.me/" + e164.substring(1) + "?text=");
            assertThat(k.byId("whatsapp-qr").locator("svg").count()).isEqualTo(1);
            // What to send is the office's own text for this service.
            assertThat(k.text("whatsapp-send")).as(code)
                    .isEqualTo(service.get("whatsapp").get("instructions").get("id").asText());
            k.tap("back");
        });
        // In English too.
        k.on("service").tap("lang-en");
        k.tap("service-AKTA_KELAHIRAN");
        k.on("whatsapp");
        assertThat(k.text("whatsapp-send"))
                .isEqualTo(service("AKTA_KELAHIRAN").get("whatsapp").get("instructions").get("en").asText());
        k.tap("done");
        k.on("welcome");
        assertThat(tickets()).isZero();
    }

    @Test
    void kioskInvalidNikShowsTheServersMessageAndTheFixedNikGetsATicket() {
        String bad = "1602011505900000"; // 16 digits, but serial 0000
        JsonNode refusal = api.post(TICKETS, ticketRequest(bad)).json();
        assertThat(refusal.get("error").asText()).isEqualTo("INVALID_NIK");
        ResidentAtKiosk k = open("");
        k.upToLastStep(bad).submit();
        k.on("nik");
        assertThat(k.text("error-message")).isEqualTo(refusal.get("messages").get("id").asText());
        assertThat(k.text("nik-display")).isEqualTo("1602 0115 0590 0000");
        k.tap("lang-en");
        assertThat(k.text("error-message")).isEqualTo(refusal.get("messages").get("en").asText());
        k.tap("lang-id");
        k.tap("key-back");
        assertThat(k.byId("error-message").count()).as("the message goes once the number changes").isZero();
        k.keypad("1").tap("next");
        // The other answers still stand: straight to the ticket.
        k.on("ticket");
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(TestData.string(db, "SELECT nik_last4 FROM ticket")).isEqualTo("0001");
        assertThat(tickets()).isEqualTo(1);
    }

    @Test
    void kioskPhoneRefusedByTheServerIsShownOnThePhoneScreen() {
        ResidentAtKiosk k = open("");
        k.chooseInOffice().healthy().reason("HOSPITAL").nik(nik(30)).priority("NONE");
        k.on("phone").typed("080012345678"); // looks like a number, but 0800 is not a mobile range
        k.tap("next");
        k.on("phone");
        assertThat(k.text("error-message")).isEqualTo("Nomor WhatsApp harus nomor ponsel Indonesia, mis. 0812-3456-7890.");
        assertThat(k.byId("next").isDisabled()).isTrue();
        k.tap("key-clear");
        k.typed("081234567890").tap("next");
        k.on("ticket");
        assertThat(TestData.string(db, "SELECT phone FROM ticket")).isEqualTo("+6281234567890");
    }

    @Test
    void kioskHealthRefusalIssuesNoTicketAndIsCounted() {
        ResidentAtKiosk k = open("");
        List<Request> posts = ticketPosts(k);
        // Bad news first: refused at the checklist, before any NIK or phone number is typed.
        k.chooseInOffice().answers(true, false, true);
        assertThat(k.text("next")).as("no queue number is promised").isEqualTo("Lanjut");
        k.submit();
        k.on("refusal");
        assertThat(k.byId("missing-GLOVES").isVisible()).isTrue();
        assertThat(k.byId("missing-MASK").count()).isZero();
        assertThat(k.page.locator("main").innerText()).contains("Silakan datang kembali");
        assertThat(tickets()).isZero();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'HEALTH_REFUSED'")).isEqualTo(1);
        assertThat(TestData.string(db, "SELECT JSON_EXTRACT(payload, '$.missing') FROM event WHERE type = 'HEALTH_REFUSED'"))
                .isEqualTo("[\"GLOVES\"]");
        assertThat(posts).hasSize(1);
        assertThat(body(posts.getFirst()).get("phone").isNull()).as("no phone sent for a refused resident").isTrue();
        k.tap("done");
        k.on("welcome");
    }

    @Test
    void kioskQuotaFullOffersTheNextDayAndBookingItWorks() {
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', 1)");
        assertThat(api.post(TICKETS, ticketRequest(nik(90))).status()).isEqualTo(201);
        ResidentAtKiosk k = open("");
        assertThat(k.text("quota-left")).isEqualTo("Kuota hari ini sudah penuh");
        k.upToLastStep(nik(91)).submit();
        k.on("quota");
        assertThat(k.page.locator("h1").innerText()).isEqualTo("Kuota hari ini sudah penuh");
        assertThat(k.text("next-available")).isEqualTo("Jadwal terdekat yang masih kosong: Rabu, 2 Desember 2026, pukul 08:00");
        k.tap("book-offered");
        k.on("ticket");
        // A later day's ticket says when in words, never "Tunggu di luar" (issue 13 changed these two lines).
        assertThat(k.text("ticket-day")).isEqualTo("Datang pada Rabu, 2 Desember 2026, pukul 08:00");
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(k.text("ticket-slot")).isEqualTo("08:00–08:30");
        assertThat(k.text("ticket-instruction")).isEqualTo("Simpan slip ini. Hari ini tidak perlu menunggu.");
        assertThat(k.page.locator("#print-area").textContent()).contains("Datang pada Rabu, 2 Desember 2026, pukul 08:00")
                .doesNotContain("Tunggu di luar");
        assertThat(k.page.locator("main").innerText()).doesNotContain("Tunggu di luar");
        assertThat(tickets()).isEqualTo(2);
        assertThat(TestData.string(db, "SELECT CONCAT_WS('|', day, number, slot_start_min, state) FROM ticket WHERE nik_last4 = '"
                + nik(91).substring(12) + "'")).isEqualTo("2026-12-02|1|480|BOOKED");
    }

    @Test
    void kioskOfficeClosedSaysWhenItOpensAndBooksThatDay() {
        CLOCK.setWib("2026-12-01T16:00");
        ResidentAtKiosk k = open("");
        assertThat(k.text("office-status")).contains("Tutup sekarang").contains("Buka lagi Rabu, 2 Desember 2026, pukul 08:00");
        k.upToLastStep(nik(60)).submit();
        k.on("closed");
        assertThat(k.text("opens-at")).isEqualTo("Buka lagi Rabu, 2 Desember 2026, pukul 08:00");
        k.tap("book-offered");
        k.on("ticket");
        assertThat(k.text("ticket-day")).isEqualTo("Datang pada Rabu, 2 Desember 2026, pukul 08:00");
        assertThat(k.page.locator("main").innerText()).doesNotContain("Tunggu di luar");
        assertThat(TestData.string(db, "SELECT CONCAT_WS('|', day, slot_start_min, state) FROM ticket")).isEqualTo("2026-12-02|480|BOOKED");
    }

    @Test
    void kioskAlreadyHasTicketTellsTheNumberOnlyAndSendsToTheCounter() {
        Api.Response first = api.post(TICKETS, ticketRequest(nik(7)));
        assertThat(first.status()).isEqualTo(201);
        String token = first.json().get("token").asText();
        ResidentAtKiosk k = open("");
        k.upToLastStep(nik(7)).submit();
        k.on("already");
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(k.text("already-text")).isEqualTo("NIK ini sudah punya nomor A-001 hari ini.");
        assertThat(k.text("already-lost")).isEqualTo("Slip hilang? Minta cetak ulang di loket.");
        // Knowing a NIK gives neither the ticket's link nor a reprint (issue 10).
        assertThat(k.page.locator("[data-testid=ticket-qr]").count()).isZero();
        assertThat(k.page.locator("[data-testid=reprint]").count()).isZero();
        assertThat(k.page.content()).doesNotContain(token);
        assertThat(k.prints()).isZero();
        k.tap("lang-en");
        assertThat(k.text("already-text")).isEqualTo("This NIK already has number A-001 today.");
        assertThat(k.text("already-lost")).isEqualTo("Lost the slip? Ask for a reprint at a counter.");
        assertThat(tickets()).isEqualTo(1);
    }

    @Test
    void kioskIdleResetClearsTheNik() {
        ResidentAtKiosk k = open("idle=4");
        k.chooseInOffice().healthy().reason("HOSPITAL").on("nik");
        k.page.keyboard().type("16020115");
        assertThat(k.text("nik-display")).isEqualTo("1602 0115");
        k.tap("lang-en");
        k.byId("idle-warning").waitFor();
        assertThat(k.text("idle-warning")).contains("seconds");
        k.on("welcome");
        assertThat(k.byId("lang-id").getAttribute("aria-pressed")).as("the next resident starts in Indonesian").isEqualTo("true");
        assertThat(k.page.content()).doesNotContain("16020115").doesNotContain("1602 0115");
        k.chooseInOffice().healthy().reason("HOSPITAL").on("nik");
        assertThat(k.text("nik-display")).isEmpty();
        assertThat(k.byId("next").isDisabled()).isTrue();
    }

    @Test
    void kioskOutageBeforeTheServerThenRetryGivesOneTicket() {
        ResidentAtKiosk k = open("");
        List<Request> posts = ticketPosts(k);
        AtomicInteger attempt = new AtomicInteger();
        k.page.route("**" + TICKETS, route -> {
            switch (attempt.incrementAndGet()) {
                case 1 -> route.fulfill(new Route.FulfillOptions().setStatus(502).setContentType("text/html")
                        .setBody("<h1>502 Bad Gateway</h1>")); // a proxy in between, the server never saw it
                case 2 -> route.abort("internetdisconnected");
                default -> route.resume();
            }
        });
        k.upToLastStep(nik(40)).submit();
        k.on("retry");
        assertThat(tickets()).isZero();
        k.tap("retry");
        k.on("retry");
        assertThat(k.text("error-message")).contains("Masih belum tersambung");
        assertThat(tickets()).isZero();
        k.tap("retry");
        k.on("ticket");
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(tickets()).isEqualTo(1);
        assertThat(posts).hasSize(3);
        assertThat(posts.stream().map(r -> r.headerValue("idempotency-key")).distinct()).hasSize(1);
        assertThat(posts.stream().map(Request::postData).distinct()).hasSize(1);
    }

    @Test
    void kioskAnswerLostAfterTheServerIssuedThenRetryGivesTheSameSingleTicket() {
        ResidentAtKiosk k = open("");
        List<Request> posts = ticketPosts(k);
        AtomicInteger attempt = new AtomicInteger();
        k.page.route("**" + TICKETS, route -> {
            if (attempt.incrementAndGet() == 1) {
                APIResponse processed = route.fetch(); // the server issues the ticket…
                assertThat(processed.status()).isEqualTo(201);
                route.abort("connectionreset"); // …and the answer never reaches the kiosk
            } else {
                route.resume();
            }
        });
        k.upToLastStep(nik(41)).submit();
        k.on("retry");
        assertThat(tickets()).as("the server did issue it").isEqualTo(1);
        String token = TestData.string(db, "SELECT token FROM ticket");
        k.tap("retry");
        k.on("ticket");
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(k.byId("ticket-qr").getAttribute("data-url")).endsWith("/t/" + token);
        assertThat(tickets()).as("exactly one ticket").isEqualTo(1);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).headerValue("idempotency-key")).isEqualTo(posts.get(1).headerValue("idempotency-key"));
        assertThat(k.printsAfterPaint(1)).isEqualTo(1);
    }

    @Test
    void kioskServerBusyAfterTheCommitIsRetriedByItselfWithTheSameKeyAndGivesOneTicket() {
        ResidentAtKiosk k = open("");
        List<Request> posts = ticketPosts(k);
        AtomicInteger attempt = new AtomicInteger();
        k.page.route("**" + TICKETS, route -> {
            if (attempt.incrementAndGet() == 1) {
                APIResponse processed = route.fetch(); // the server issues the ticket…
                assertThat(processed.status()).isEqualTo(201);
                // …but the commit's answer was lost: the server says 503 OUTCOME_UNKNOWN, retry after 1 s.
                route.fulfill(new Route.FulfillOptions().setStatus(503).setContentType("application/json")
                        .setHeaders(java.util.Map.of("Retry-After", "1"))
                        .setBody("{\"error\":\"OUTCOME_UNKNOWN\",\"message\":\"…\",\"messages\":{\"id\":\"…\",\"en\":\"…\"},\"details\":{}}"));
            } else {
                route.resume();
            }
        });
        k.upToLastStep(nik(42)).submit();
        k.on("ticket"); // no retry screen: the kiosk waited the second and asked again by itself
        assertThat(k.text("ticket-number")).isEqualTo("A-001");
        assertThat(tickets()).as("exactly one ticket").isEqualTo(1);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).headerValue("idempotency-key")).isEqualTo(posts.get(1).headerValue("idempotency-key"));
    }
}
