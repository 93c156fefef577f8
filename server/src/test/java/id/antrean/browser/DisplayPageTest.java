package id.antrean.browser;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.MutableClock;
import id.antrean.support.TcpProxy;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** The waiting-room display and the resident's ticket page in a real browser on a live server. */
@ExtendWith(TestDatabase.class)
class DisplayPageTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static TestDatabase.Db db;
    static Antrean node;
    static Browsers browsers;
    static Api staff;
    static Api kiosk;
    static String seeded;
    static int round;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK);
        browsers = new Browsers();
        staff = new Api(node.port()).loginAsAdmin();
        kiosk = new Api(node.port());
        seeded = TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        round++;
    }

    private JsonNode issue(int i) {
        Api.Response r = kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(round * 50 + i)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode call(String counter) {
        Api.Response r = staff.post("/api/v1/offices/oki/counters/" + counter + "/call-next", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static LocatorAssertions.HasTextOptions within(double ms) {
        return new LocatorAssertions.HasTextOptions().setTimeout(ms);
    }

    private static LocatorAssertions.ContainsTextOptions soon(double ms) {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(ms);
    }

    @Test
    void aCallAppearsOnTheDisplayWithinASecond() {
        Page page = browsers.page(1920, 1080);
        page.navigate("http://127.0.0.1:" + node.port() + "/display/?office=oki&sound=off");
        page.locator("body[data-stream='open']").waitFor();
        issue(1);
        call("2");
        assertThat(page.getByTestId("current-number")).hasText("A-001", within(1000));
        assertThat(page.getByTestId("current-counter")).containsText("Loket 2");
        assertThat(page.getByTestId("recent-calls")).containsText("A-001");
        assertThat(page.locator("body")).hasAttribute("data-last-spoken",
                Pattern.compile("Nomor antrean A.*loket dua", Pattern.CASE_INSENSITIVE));
        assertThat(page.getByTestId("occupancy")).containsText("1");
        Browsers.screenshot(page, "display-called");
        page.context().close();
    }

    @Test
    void callsMadeWhileTheNetworkIsDownAppearWhenItReturns() throws Exception {
        issue(1);
        issue(2);
        try (TcpProxy network = new TcpProxy(node.port())) {
            Page page = browsers.page(1920, 1080);
            page.navigate("http://127.0.0.1:" + network.port() + "/display/?office=oki&sound=off");
            page.locator("body[data-stream='open']").waitFor();
            assertThat(page.getByTestId("admitted-list")).containsText("A-002");
            network.cut();
            assertThat(page.getByTestId("offline-banner")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
            Browsers.screenshot(page, "display-offline");
            call("1");
            call("2");
            network.restore();
            assertThat(page.getByTestId("counter-number-1")).hasText("A-001", within(15_000));
            assertThat(page.getByTestId("counter-number-2")).hasText("A-002", within(5_000));
            assertThat(page.getByTestId("offline-banner")).isHidden();
            assertThat(page.getByTestId("recent-calls")).containsText("A-001");
            assertThat(page.getByTestId("recent-calls")).containsText("A-002");
            Browsers.screenshot(page, "display-resumed");
            page.context().close();
        }
    }

    @Test
    void theTicketPageFollowsTheResidentFromOutsideToTheCounter() {
        staff.changeSettings("roomCapacity", 1);
        JsonNode first = issue(1);
        JsonNode mine = issue(2);
        Page phone = browsers.page(390, 844);
        phone.navigate("http://127.0.0.1:" + node.port() + mine.get("statusUrl").asText());
        assertThat(phone.getByTestId("ticket-number")).hasText("A-002");
        assertThat(phone.getByTestId("ticket-state")).containsText("Menunggu di luar");
        assertThat(phone.getByTestId("people-ahead")).containsText("1");
        Browsers.screenshot(phone, "ticket-waiting-outside");
        // The first resident is served and leaves: the room has space for the second.
        call("1");
        staff.post("/api/v1/tickets/" + first.get("id").asLong() + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true)));
        staff.post("/api/v1/tickets/" + first.get("id").asLong() + "/complete", null);
        assertThat(phone.getByTestId("ticket-state")).containsText("Silakan masuk", soon(3000));
        Browsers.screenshot(phone, "ticket-admitted");
        call("2");
        assertThat(phone.getByTestId("ticket-state")).containsText("Dipanggil ke Loket 2", soon(3000));
        Browsers.screenshot(phone, "ticket-called");
        phone.context().close();
    }

}
