package id.antrean.claims;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import id.antrean.app.Secrets;
import id.antrean.support.Api;
import id.antrean.support.LogCapture;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.SseClient;
import id.antrean.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * README, personal data: a NIK is stored only as a keyed hash (the key is ANTREAN_NIK_SECRET) plus
 * its last four digits; name and phone are never logged nor shown on displays, ticket pages or
 * streams.
 */
class PersonalDataTest {
    static final String SECRET = "nik-secret-of-personal-data-test";
    static final String NAME = "Siti Rahmawati Kusumaningrum";
    static final String PHONE = "081377712345";
    static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00").with("antrean.nik.secret", SECRET);

    private Api.Response issue(String nik, boolean withNameAndPhone) {
        Map<String, Object> body = ticketRequest(nik);
        if (withNameAndPhone) {
            body.put("name", NAME);
            body.put("phone", PHONE);
        }
        Api.Response r = office.resident().post("/api/v1/offices/oki/tickets", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    @Test
    void theStoredNikHashIsKeyedByTheConfiguredSecret() {
        String nik = Api.nik(41);
        issue(nik, false);
        String stored = TestData.string(office.db(), "SELECT HEX(nik_hash) FROM ticket WHERE nik_last4 = '" + nik.substring(12) + "'");
        String withSecret = HexFormat.of().withUpperCase().formatHex(new Secrets(SECRET).nikHash("oki", nik));
        String withOther = HexFormat.of().withUpperCase().formatHex(new Secrets(SECRET + "-other").nikHash("oki", nik));
        assertThat(stored).isEqualTo(withSecret);
        // Another secret gives another hash: without the key, the hash cannot be matched to a NIK.
        assertThat(withOther).isNotEqualTo(withSecret);
    }

    @Test
    void noColumnOfAnyTableHoldsAFullNikNameOrPhone() throws Exception {
        List<String> niks = List.of(Api.nik(51), Api.nik(52), Api.nik(53));
        for (String nik : niks) {
            issue(nik, true);
        }
        // A staff member at work, so sessions, audit and events hold rows too.
        Api operator = office.admin().newStaff("operator-pd", "OPERATOR");
        long id = operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong();
        operator.post("/api/v1/tickets/" + id + "/no-show", null);
        List<String> hits = new ArrayList<>();
        try (Connection c = office.db().connect()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2")) {
                p.setString(1, office.db().name());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        columns.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
            assertThat(columns).as("the scan sees the schema").extracting(col -> col[0] + "." + col[1])
                    .contains("ticket.nik_hash", "ticket.nik_last4", "event.payload");
            for (String[] col : columns) {
                for (String nik : niks) {
                    hits.addAll(find(c, col, nik));
                }
            }
        }
        assertThat(hits).as("columns holding a full NIK").isEmpty();
        // The scan itself finds what is there: the last four digits are stored, by design.
        try (Connection c = office.db().connect()) {
            assertThat(find(c, new String[] {"ticket", "nik_last4"}, niks.getFirst().substring(12))).isNotEmpty();
        }
    }

    /** Rows of one column whose bytes contain the text (any type: compared as binary). */
    private static List<String> find(Connection c, String[] col, String text) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM `" + col[0] + "` WHERE LOCATE(CAST(? AS BINARY), CAST(`"
                + col[1] + "` AS BINARY)) > 0")) {
            p.setString(1, text);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) == 0 ? List.of() : List.of(col[0] + "." + col[1] + " holds " + text);
            }
        }
    }

    @Test
    void nameAndPhoneAreNeverOnDisplaysTicketPagesStreamsOrLogs() throws Exception {
        try (LogCapture logs = new LogCapture();
             SseClient display = new SseClient(base() + "/api/v1/offices/oki/display/stream", null)) {
            display.next("snapshot", WAIT);
            String nik = Api.nik(61);
            Api.Response issued = issue(nik, true);
            String token = issued.json().get("token").asText();
            try (SseClient page = new SseClient(base() + "/api/v1/tickets/" + token + "/stream", null)) {
                page.next("ticket", WAIT);
                Api operator = office.admin().newStaff("operator-np", "OPERATOR");
                Api.Response called = operator.post("/api/v1/offices/oki/counters/2/call-next", null);
                assertThat(called.status()).as(called.body()).isEqualTo(200);
                StringBuilder seen = new StringBuilder(issued.body());
                display.next("called", WAIT);
                assertThat(waitForCalled(page)).isTrue();
                display.drain().forEach(e -> seen.append(e.data()));
                page.drain().forEach(e -> seen.append(e.data()));
                seen.append(office.resident().get("/api/v1/tickets/" + token).body());
                seen.append(office.resident().get("/api/v1/offices/oki/kiosk").body());
                seen.append(get("/display/?office=oki")).append(get("/ticket/?t=" + token));
                // The staff console's own queue view may show the name; the public faces must not.
                assertThat(seen.toString()).as("public views and streams").doesNotContain(NAME, PHONE, nik);
                assertThat(seen.toString()).contains(called.json().get("number").asText());
            }
            assertThat(logs.text()).as("everything logged during the test").doesNotContain(NAME, PHONE, nik);
        }
    }

    private static boolean waitForCalled(SseClient page) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (page.next("ticket", WAIT).data().get("state").asText().equals("CALLED")) {
                return true;
            }
        }
        return false;
    }

    private static String base() {
        return "http://127.0.0.1:" + office.port();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
