package id.antrean.browser;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** The staff pages in a real browser against a real server and MariaDB: what operators and supervisors do. */
@ExtendWith(TestDatabase.class)
class StaffConsoleTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static TestDatabase.Db db;
    static Antrean node;
    static Browsers browsers;
    static Api admin;
    static Api operator;
    static Api resident;
    static String seeded;
    static String base;
    final List<Page> pages = new ArrayList<>();
    final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK);
        base = "http://127.0.0.1:" + node.port();
        resident = new Api(node.port());
        admin = new Api(node.port()).loginAsAdmin();
        operator = admin.newStaff("operator1", "OPERATOR");
        admin.newStaff("operator2", "OPERATOR");
        admin.newStaff("super1", "SUPERVISOR");
        seeded = TestData.settings(db);
        browsers = new Browsers();
        // A loaded CI machine may take a few seconds per page; a real failure still fails, just later.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T09:00");
    }

    @AfterEach
    void closePages() {
        pages.forEach(p -> p.context().close());
        assertThat(pageErrors).as("script errors on the pages").isEmpty();
    }

    private Page page() {
        Page page = browsers.page(1280, 900);
        page.setDefaultTimeout(15_000);
        page.onPageError(pageErrors::add);
        pages.add(page);
        return page;
    }

    private Page loggedIn(String user) {
        Page page = page();
        page.navigate(base + "/staff/");
        page.fill("#username", user);
        page.fill("#password", user.equals("admin") ? Api.ADMIN_PASSWORD : Api.staffPassword(user));
        page.click("#submit");
        // Each lands on their own page: admins the settings, supervisors the report, operators the counter choice.
        page.waitForURL(user.equals("admin") ? "**/settings.html" : user.startsWith("super") ? "**/supervisor.html" : "**/counter.html");
        return page;
    }

    private Page atCounter(String user, String counter) {
        Page page = loggedIn(user);
        page.click("[data-counter='" + counter + "']");
        page.waitForURL("**/console.html");
        assertThat(page.locator("#action-call")).isEnabled();
        return page;
    }

    private JsonNode issue(int i) {
        Api.Response r = resident.post("/api/v1/offices/oki/tickets", ticketRequest(nik(i)));
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode staffTicket(JsonNode t) {
        return operator.get("/api/v1/staff-tickets/" + t.get("id").asLong()).json();
    }

    @Test
    void loginShowsTheLockoutInWords() {
        admin.post("/api/v1/staff", Map.of("username", "lockme", "password", "right-password-1", "role", "OPERATOR"));
        Page page = page();
        page.navigate(base + "/staff/");
        Browsers.screenshot(page, "staff-login");
        for (int i = 0; i < 4; i++) {
            page.fill("#username", "lockme");
            page.fill("#password", "wrong-password");
            page.click("#submit");
            assertThat(page.locator("#message")).containsText("kata sandi salah");
        }
        page.fill("#password", "wrong-password");
        page.click("#submit");
        // Locked for 15 minutes from 09:00 WIB.
        assertThat(page.locator("#message")).containsText("dikunci karena terlalu banyak percobaan");
        assertThat(page.locator("#message")).containsText("09:15 WIB");
        Browsers.screenshot(page, "staff-login-locked");
        page.fill("#password", "right-password-1");
        page.click("#submit");
        assertThat(page.locator("#message")).containsText("09:15 WIB");
        assertThat(page).hasURL(base + "/staff/");
    }

    @Test
    void theCallKeyWorksAsSoonAsTheConsoleShowsItsButtons() {
        issue(1);
        Page page = atCounter("operator1", "1");
        page.keyboard().press("p");
        assertThat(page.locator("#current .number")).hasText("A-001");
    }

    @Test
    void aLostAnswerOrALostRequestNeverCallsTwice() {
        issue(1);
        issue(2);
        Page page = atCounter("operator1", "1");
        // First click: the server calls A-001 but the answer never reaches the browser.
        java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
        page.route("**/call-next", route -> {
            if (lost.getAndIncrement() == 0) {
                route.fetch();
                route.abort("connectionreset");
            } else {
                route.resume();
            }
        });
        page.click("#action-call");
        assertThat(page.locator("#current .number")).hasText("A-001");
        org.assertj.core.api.Assertions.assertThat(
                TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(lost.get()).isEqualTo(1);
        page.unroute("**/call-next");
        page.click("#action-noShow"); // A-001 did not come: no-show, so the counter is free again
        assertThat(page.locator("#action-call")).isEnabled();
        // Second click: the request itself is lost once; the retry sends it, and A-002 is called once.
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        page.route("**/call-next", route -> {
            if (dropped.getAndIncrement() == 0) {
                route.abort("internetdisconnected");
            } else {
                route.resume();
            }
        });
        page.click("#action-call");
        assertThat(page.locator("#current .number")).hasText("A-002");
        org.assertj.core.api.Assertions.assertThat(
                TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(dropped.get()).isEqualTo(2);
        Browsers.screenshot(page, "staff-console-after-network-loss");
    }

    @Test
    void callNextReachesTheApiAndRecallCountsUp() {
        Page page = atCounter("operator1", "1");
        Browsers.screenshot(page, "staff-console-empty");
        // A NIK from Jakarta (3171), not the office's region 1602: allowed under WARN, flagged for staff.
        Api.Response r = resident.post("/api/v1/offices/oki/tickets", ticketRequest("3171011505900001"));
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode t = r.json();
        page.keyboard().press("p");
        assertThat(page.locator("#current .number")).hasText("A-001");
        assertThat(page.locator("#current .region-warning")).containsText("bukan dari wilayah");
        JsonNode called = staffTicket(t);
        assertThat(called.get("state").asText()).isEqualTo("CALLED");
        assertThat(called.get("counter").get("id").asText()).isEqualTo("1");
        assertThat(TestData.string(db, "SELECT actor FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo("operator1");
        assertThat(page.locator("#current")).containsText("0001");
        assertThat(page.locator("#current")).containsText("Berobat / rumah sakit");
        page.keyboard().press("u");
        assertThat(page.locator("#message")).containsText("dipanggil ulang");
        assertThat(staffTicket(t).get("recalls").asInt()).isEqualTo(1);
        assertThat(page.locator("#current")).containsText("2×");
        Browsers.screenshot(page, "staff-console-called");
    }

    @Test
    void startNeedsMaskAndGlovesConfirmed() {
        JsonNode t = issue(2);
        Page page = atCounter("operator1", "1");
        page.click("#action-call");
        assertThat(page.locator("#current .number")).hasText("A-001");
        page.click("#action-start");
        assertThat(page.locator("dialog[open]")).isVisible();
        assertThat(page.locator("#dialog-confirm")).isDisabled();
        page.check("#ppe-mask");
        assertThat(page.locator("#dialog-confirm")).isDisabled();
        page.check("#ppe-gloves");
        assertThat(page.locator("#dialog-confirm")).isEnabled();
        page.fill("#ppe-temperature", "38,0");
        page.click("#dialog-confirm");
        assertThat(page.locator("dialog[open] .message.error")).containsText("demam");
        assertThat(staffTicket(t).get("state").asText()).isEqualTo("CALLED");
        Browsers.screenshot(page, "staff-console-ppe");
        page.fill("#ppe-temperature", "36,6");
        page.click("#dialog-confirm");
        assertThat(page.locator("#current .state")).containsText("Sedang dilayani");
        JsonNode serving = staffTicket(t);
        assertThat(serving.get("state").asText()).isEqualTo("SERVING");
        assertThat(serving.get("temperatureC").asDouble()).isEqualTo(36.6);
        Browsers.screenshot(page, "staff-console-serving");
        page.click("#action-done");
        assertThat(page.locator("#message")).containsText("A-001 selesai");
        assertThat(staffTicket(t).get("state").asText()).isEqualTo("DONE");
    }

    @Test
    void noShowOnlyAfterACall() {
        Page page = atCounter("operator1", "2");
        assertThat(page.locator("#action-noShow")).isDisabled();
        JsonNode t = issue(3);
        assertThat(page.locator("#queue-room")).containsText("A-001");
        assertThat(page.locator("#action-noShow")).isDisabled();
        page.click("#action-call");
        assertThat(page.locator("#action-noShow")).isEnabled();
        page.click("#action-noShow");
        assertThat(page.locator("#message")).containsText("tidak hadir");
        assertThat(staffTicket(t).get("state").asText()).isEqualTo("NO_SHOW");
        assertThat(page.locator("#action-noShow")).isDisabled();
    }

    @Test
    void refuseWithAReasonFromTheList() {
        JsonNode t = issue(4);
        Page page = atCounter("operator1", "1");
        page.click("#action-call");
        assertThat(page.locator("#current .number")).hasText("A-001");
        page.keyboard().press("t");
        assertThat(page.locator("#dialog-confirm")).isDisabled();
        page.check("#refuse-OTHER");
        assertThat(page.locator("#dialog-confirm")).isDisabled();
        page.check("#refuse-NO_GLOVES");
        Browsers.screenshot(page, "staff-console-refuse");
        page.click("#dialog-confirm");
        assertThat(page.locator("#message")).containsText("A-001 ditolak");
        JsonNode refused = staffTicket(t);
        assertThat(refused.get("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("refuseReason").asText()).isEqualTo("Tanpa sarung tangan");
    }

    @Test
    void twoCountersCallingAtOnceNeverGetTheSameTicket() {
        Page one = atCounter("operator1", "1");
        Page two = atCounter("operator2", "2");
        // Five fill the 09:00 slot and are all let in (room 10, slot 5).
        for (int i = 0; i < 5; i++) {
            issue(10 + i);
        }
        Set<String> numbers = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            assertThat(one.locator("#action-call")).isEnabled();
            assertThat(two.locator("#action-call")).isEnabled();
            // Both requests are in flight together: the click returns before the answer.
            one.evaluate("document.getElementById('action-call').click()");
            two.evaluate("document.getElementById('action-call').click()");
            assertThat(one.locator("#current .number")).hasText(java.util.regex.Pattern.compile("A-\\d{3}"));
            assertThat(two.locator("#current .number")).hasText(java.util.regex.Pattern.compile("A-\\d{3}"));
            String a = one.locator("#current .number").textContent();
            String b = two.locator("#current .number").textContent();
            assertThat(a).isNotEqualTo(b);
            numbers.add(a);
            numbers.add(b);
            one.click("#action-noShow");
            two.click("#action-noShow");
            assertThat(one.locator("#current[data-state=EMPTY]")).isVisible();
            assertThat(two.locator("#current[data-state=EMPTY]")).isVisible();
        }
        // One resident left: exactly one counter gets A-005, the other is told the room is empty.
        one.evaluate("document.getElementById('action-call').click()");
        two.evaluate("document.getElementById('action-call').click()");
        assertThat(one.locator("#message")).containsText(java.util.regex.Pattern.compile("A-005|Tidak ada warga"));
        assertThat(two.locator("#message")).containsText(java.util.regex.Pattern.compile("A-005|Tidak ada warga"));
        String last = one.locator("#current .number").count() > 0 ? one.locator("#current .number").textContent()
                : two.locator("#current .number").textContent();
        assertThat(one.locator("#current .number").count() + two.locator("#current .number").count()).isEqualTo(1);
        numbers.add(last);
        assertThat(numbers).containsExactlyInAnyOrder("A-001", "A-002", "A-003", "A-004", "A-005");
        assertThat(TestData.count(db, "SELECT COUNT(DISTINCT ticket_id) FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo(5);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo(5);
    }

    @Test
    void aSessionThatEndsGoesToLoginAndKeepsTheCounter() {
        Page page = atCounter("operator2", "2");
        page.context().clearCookies();
        issue(5);
        page.click("#action-call");
        page.waitForURL("**/index.html?next=*");
        assertThat(page.locator("#message")).containsText("Loket 2 tetap dipilih");
        page.fill("#username", "operator2");
        page.fill("#password", Api.staffPassword("operator2"));
        page.click("#submit");
        page.waitForURL("**/console.html");
        assertThat(page.locator(".topbar .brand")).containsText("Loket 2");
        page.click("#action-call");
        assertThat(page.locator("#current .number")).hasText("A-001");
    }

    @Test
    void aRoomCapacityChangeTakesEffectOnTheNextTicket() {
        Page page = loggedIn("admin");
        page.navigate(base + "/staff/settings.html");
        page.fill("#roomCapacity", "0");
        page.fill("[id='counters[0].name']", "");
        page.click("#save");
        assertThat(page.locator("[data-path=roomCapacity] .field-error")).containsText("1–1000");
        assertThat(page.locator("[data-path='counters[0].name'] .field-error")).containsText("Nama loket wajib");
        assertThat(page.locator("#roomCapacity")).hasAttribute("aria-invalid", "true");
        Browsers.screenshot(page, "staff-settings-errors");
        page.fill("[id='counters[0].name']", "Loket 1");
        page.fill("#roomCapacity", "1");
        page.click("[data-path='checklist[0]'] button[data-move='down']");
        page.click("#save");
        assertThat(page.locator("#form-message")).containsText("Pengaturan tersimpan");
        Browsers.screenshot(page, "staff-settings");
        JsonNode settings = admin.get("/api/v1/offices/oki/settings").json();
        assertThat(settings.get("roomCapacity").asInt()).isEqualTo(1);
        assertThat(settings.get("checklist").get(0).get("code").asText()).isEqualTo("GLOVES");
        JsonNode first = issue(20);
        JsonNode second = issue(21);
        assertThat(resident.get("/api/v1/tickets/" + first.get("token").asText()).json().get("state").asText()).isEqualTo("ADMITTED");
        assertThat(resident.get("/api/v1/tickets/" + second.get("token").asText()).json().get("state").asText()).isEqualTo("BOOKED");
    }

    @Test
    void operatorsSeeNoSupervisorOrAdminPagesAndTheApiRefusesToo() {
        Page page = loggedIn("operator1");
        assertThat(page.locator(".topbar nav")).not().containsText("Laporan");
        assertThat(page.locator(".topbar nav")).not().containsText("Pengaturan");
        Browsers.screenshot(page, "staff-counter-choice");
        for (String p : new String[] {"supervisor.html", "settings.html", "accounts.html", "audit.html"}) {
            page.navigate(base + "/staff/" + p);
            assertThat(page.locator(".forbidden")).containsText("bukan untuk peran Anda");
            assertThat(page.locator("#today, #settings, #staff-table, #audit-table")).hasCount(0);
        }
        Browsers.screenshot(page, "staff-forbidden");
        assertThat(operator.get("/api/v1/offices/oki/reports/daily").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/offices/oki/settings").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/staff").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/audit").status()).isEqualTo(403);

        Page supervisor = loggedIn("super1");
        assertThat(supervisor.locator(".topbar nav")).containsText("Laporan");
        assertThat(supervisor.locator(".topbar nav")).not().containsText("Pengaturan");
        supervisor.navigate(base + "/staff/settings.html");
        assertThat(supervisor.locator(".forbidden")).isVisible();
        supervisor.navigate(base + "/staff/supervisor.html");
        assertThat(supervisor.locator("#today")).containsText("Hari ini");
    }

    @Test
    void csvExportMatchesTheDaysTickets() {
        JsonNode a = issue(30);
        JsonNode b = issue(31);
        issue(32);
        JsonNode d = issue(33);
        resident.delete("/api/v1/tickets/" + d.get("token").asText());
        CLOCK.setWib("2026-12-01T09:10");
        assertThat(operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong()).isEqualTo(a.get("id").asLong());
        operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true)));
        CLOCK.setWib("2026-12-01T09:22");
        operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/complete", null);
        assertThat(operator.post("/api/v1/offices/oki/counters/2/call-next", null).json().get("id").asLong()).isEqualTo(b.get("id").asLong());
        operator.post("/api/v1/tickets/" + b.get("id").asLong() + "/no-show", null);
        CLOCK.setWib("2026-12-01T09:30");

        Page page = loggedIn("super1");
        page.navigate(base + "/staff/supervisor.html");
        assertThat(page.locator("#card-issued .value")).hasText("4");
        assertThat(page.locator("#hour-chart rect[data-hour='9']")).hasCount(1);
        Browsers.screenshot(page, "staff-supervisor");
        Download download = page.waitForDownload(() -> page.click("#csv"));
        assertThat(download.suggestedFilename()).isEqualTo("antrean-oki-2026-12-01_2026-12-01.csv");
        String csv;
        try {
            csv = Files.readString(download.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        String[] header = lines[0].split(",", -1);
        String[] row = lines[1].split(",", -1);
        Map<String, String> cell = new java.util.HashMap<>();
        for (int i = 0; i < header.length; i++) {
            cell.put(header[i], row[i]);
        }
        JsonNode queue = operator.get("/api/v1/offices/oki/queue").json().get("tickets");
        assertThat(cell.get("day")).isEqualTo("2026-12-01");
        assertThat(cell.get("issued")).isEqualTo(String.valueOf(queue.size()));
        assertThat(cell.get("served")).isEqualTo(String.valueOf(count(queue, "DONE"))).isEqualTo("1");
        assertThat(cell.get("noShow")).isEqualTo(String.valueOf(count(queue, "NO_SHOW"))).isEqualTo("1");
        assertThat(cell.get("cancelled")).isEqualTo(String.valueOf(count(queue, "CANCELLED"))).isEqualTo("1");
        assertThat(cell.get("refusedAtCounter")).isEqualTo("0");
        assertThat(cell.get("waitMedianMin")).isEqualTo("10.0");
        assertThat(cell.get("serviceMedianMin")).isEqualTo("12.0");
        assertThat(cell.get("h09")).isEqualTo("4");

        page.fill("#from", "2026-12-02");
        page.click("#show");
        assertThat(page.locator("#range-error")).containsText("Tanggal awal");
        assertThat(page.locator("#from")).hasAttribute("aria-invalid", "true");
    }

    @Test
    void adminManagesAccountsAndReadsTheAuditTrail() {
        Page page = loggedIn("admin");
        page.navigate(base + "/staff/accounts.html");
        page.fill("#new-username", "short");
        page.fill("#new-password", "tooshort");
        page.click("#create");
        assertThat(page.locator("#accounts-message")).containsText("10");
        page.fill("#new-password", "a-long-enough-password");
        page.selectOption("#new-role", "SUPERVISOR");
        page.click("#create");
        assertThat(page.locator("#accounts-message")).containsText("Akun short dibuat");
        page.click("#toggle-short");
        assertThat(page.locator("#accounts-message")).containsText("short dinonaktifkan");
        JsonNode staff = admin.get("/api/v1/staff").json().get("staff");
        JsonNode created = null;
        for (JsonNode s : staff) {
            if (s.get("username").asText().equals("short")) {
                created = s;
            }
        }
        assertThat(created).isNotNull();
        assertThat(created.get("role").asText()).isEqualTo("SUPERVISOR");
        assertThat(created.get("disabled").asBoolean()).isTrue();
        Browsers.screenshot(page, "staff-accounts");

        page.navigate(base + "/staff/audit.html");
        assertThat(page.locator("#audit-rows tr").first()).containsText("Mengubah akun");
        page.fill("#actor", "admin");
        page.selectOption("#type", "STAFF_CREATED");
        page.click("#filter");
        assertThat(page.locator("#audit-rows tr").first()).containsText("short (SUPERVISOR)");
        for (String actor : page.locator("#audit-rows tr").evaluateAll("rows => rows.map(r => r.dataset.actor)").toString()
                .replaceAll("[\\[\\] ]", "").split(",")) {
            assertThat(actor).isEqualTo("admin");
        }
        Browsers.screenshot(page, "staff-audit");
    }

    private static long count(JsonNode queue, String state) {
        long n = 0;
        for (JsonNode t : queue) {
            if (t.get("state").asText().equals(state)) {
                n++;
            }
        }
        return n;
    }
}
