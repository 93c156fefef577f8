package id.antrean.privacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.privacy.PrivacyOffice.issue;
import static id.antrean.privacy.PrivacyOffice.ok;
import static id.antrean.privacy.PrivacyOffice.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's backup and restore, once: {@code mariadb-dump} of a running server's database, the
 * dump fed to the {@code mariadb} client into a fresh database, a server started on that one; the
 * tickets, staff accounts, reports and every table's rows are as they were.
 */
class BackupRestoreTest {
    static final WireMockServer PROVIDER = PrivacyOffice.provider();

    @RegisterExtension
    static final OfficeUnderTest office = PrivacyOffice.office(PROVIDER, "2026-12-01T09:00");

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    static final List<String> TABLES = List.of("office", "service", "ticket", "event", "staff", "day_counter", "slot_usage",
            "notify_office", "notify_consent", "notify_outbox", "privacy_office", "flyway_schema_history");

    @Test
    void aDumpRestoredIntoAFreshDatabaseServesTheSameData() throws Exception {
        PrivacyOffice.reset(office);
        Api operator = office.admin().newStaff("loket1", "OPERATOR");
        JsonNode a = issue(office.resident(), "1602011505900161", "Warga Satu", "+6281234516101", true, null);
        JsonNode b = issue(office.resident(), "1602011505900162", null, null, false, null);
        ok(operator.post("/api/v1/offices/oki/counters/1/call-next", null));
        ok(operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/no-show", null));
        // Messages all sent first, so nothing changes between the dump and the comparison.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            office.clock().advance(java.time.Duration.ofSeconds(1));
            return id.antrean.support.TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE state = 'PENDING'") == 0;
        });
        String report = office.admin().get("/api/v1/offices/oki/reports/daily?from=2026-12-01&to=2026-12-01").body();

        String dump = PrivacyOffice.dump(office.db());
        TestDatabase.Db db = office.db();
        String restoredName = db.name() + "_restored";
        String serverUrl = db.url().substring(0, db.url().lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(serverUrl, db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + restoredName + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        TestDatabase.Db restored = new TestDatabase.Db(serverUrl + restoredName, db.user(), db.password(), restoredName);
        try {
            PrivacyOffice.restore(db, restoredName, dump);
            for (String table : TABLES) {
                String sql = "SELECT * FROM " + table + " ORDER BY 1";
                assertThat(rowsOf(restored, sql)).as(table).isEqualTo(rows(office, sql));
            }
            try (Antrean second = TestServer.start(restored, office.clock(), Map.of("antrean.retention.poll.seconds", "0"))) {
                Api resident = new Api(second.port());
                JsonNode status = resident.get("/api/v1/tickets/" + a.get("token").asText()).json();
                assertThat(status.get("number").asText()).isEqualTo(a.get("number").asText());
                assertThat(status.get("state").asText()).isEqualTo("NO_SHOW");
                assertThat(resident.get("/api/v1/tickets/" + b.get("token").asText()).json().get("state").asText()).isEqualTo("ADMITTED");
                Api admin = new Api(second.port()).loginAsAdmin();
                assertThat(admin.get("/api/v1/offices/oki/reports/daily?from=2026-12-01&to=2026-12-01").body()).isEqualTo(report);
                assertThat(new Api(second.port()).login("loket1", Api.staffPassword("loket1")).status()).isEqualTo(200);
                // The restored office goes on: the next call takes the waiting resident.
                Api loket = new Api(second.port());
                loket.login("loket1", Api.staffPassword("loket1"));
                assertThat(loket.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong())
                        .isEqualTo(b.get("id").asLong());
            }
        } finally {
            try (Connection c = DriverManager.getConnection(serverUrl, db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS `" + restoredName + "`");
            }
        }
    }

    private static List<String> rowsOf(TestDatabase.Db db, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(b.toString().strip());
            }
        }
        return out;
    }
}
