package id.antrean.privacy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the privacy tests share: a WhatsApp stand-in that accepts every message (so messages end
 * SENT and stay so), an office under test configured for it with the retention timer off (the
 * tests run the job themselves), and a day of residents with names, numbers and consents.
 */
public final class PrivacyOffice {
    private PrivacyOffice() {
    }

    public static WireMockServer provider() {
        WireMockServer p = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        p.start();
        p.stubFor(post(urlPathEqualTo("/v23.0/1234567890/messages")).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"{{jsonPath request.body '$.to'}}","wa_id":"{{jsonPath request.body '$.to'}}"}],
                "messages":[{"id":"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}"}]}""")
                .withTransformers("response-template")));
        return p;
    }

    public static OfficeUnderTest office(WireMockServer provider, String startWib) {
        return OfficeUnderTest.at(startWib)
                .with("antrean.whatsapp.base.url", provider.baseUrl())
                .with("antrean.whatsapp.phone.number.id", "1234567890")
                .with("antrean.whatsapp.access.token", "test-access-token")
                .with("antrean.whatsapp.app.secret", "test-app-secret")
                .with("antrean.whatsapp.verify.token", "verify-me")
                .with("antrean.whatsapp.dispatch.poll.ms", "50")
                .with("antrean.whatsapp.dispatch.pair.pace.ms", "10")
                .with("antrean.retention.poll.seconds", "0")
                // Staff sessions outlive the months the tests move the clock by.
                .with("antrean.session.idle.minutes", "2000000");
    }

    /** Notifications on, retention back at its defaults. */
    public static void reset(OfficeUnderTest office) {
        TestData.execute(office.db(), "DELETE FROM notify_pace");
        TestData.execute(office.db(), "UPDATE privacy_office SET keep_days_ticket = 30, keep_days_pickup = 30, "
                + "last_run_at = NULL, run_claimed_by = NULL, run_claimed_until = NULL");
        assertThat(office.admin().put("/api/v1/offices/oki/notifications/settings",
                Map.of("enabled", true, "nearAhead", 3, "keepDays", 30)).status()).isEqualTo(200);
    }

    /** A resident with this NIK, name and WhatsApp number (consenting to messages when {@code consent}). */
    public static JsonNode issue(Api resident, String nik, String name, String phone, boolean consent, String day) {
        Map<String, Object> body = ticketRequest(nik);
        body.put("name", name);
        body.put("phone", phone);
        body.put("day", day);
        if (consent) {
            body.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "id"));
        }
        Api.Response r = resident.post("/api/v1/offices/oki/tickets", body,
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    public static void ok(Api.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 204);
    }

    public static List<String> rows(OfficeUnderTest office, String sql) {
        List<String> out = new java.util.ArrayList<>();
        try (var c = office.db().connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(b.toString().strip());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * {@code mariadb-dump} of a database, with the flags the README documents for backups (hex for
     * binary columns, so a NIK hash is searchable text; one consistent snapshot).
     */
    public static String dump(id.antrean.support.TestDatabase.Db db) throws Exception {
        java.net.URI uri = java.net.URI.create(db.url().substring("jdbc:".length()));
        List<String> cmd = new java.util.ArrayList<>(List.of("mariadb-dump", "--host=" + uri.getHost(), "--port=" + uri.getPort(),
                "--user=" + db.user(), "--single-transaction", "--routines", "--hex-blob", "--skip-extended-insert", "--skip-ssl"));
        if (db.password() != null && !db.password().isEmpty()) {
            cmd.add("--password=" + db.password());
        }
        cmd.add(db.name());
        return run(cmd, null);
    }

    /** Feeds a dump to the {@code mariadb} client into another database of the same server: the restore. */
    public static void restore(id.antrean.support.TestDatabase.Db db, String database, String dump) throws Exception {
        java.net.URI uri = java.net.URI.create(db.url().substring("jdbc:".length()));
        List<String> cmd = new java.util.ArrayList<>(List.of("mariadb", "--host=" + uri.getHost(), "--port=" + uri.getPort(),
                "--user=" + db.user(), "--skip-ssl"));
        if (db.password() != null && !db.password().isEmpty()) {
            cmd.add("--password=" + db.password());
        }
        cmd.add(database);
        run(cmd, dump);
    }

    private static String run(List<String> cmd, String input) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        // Each stream read on a thread of its own: on the common pool (one thread on 2 cores) the
        // stderr reader held the only thread while the dump filled the stdout pipe, and both waited.
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        }, readers);
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        }, readers);
        readers.shutdown();
        try (var in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        int exit = p.waitFor();
        assertThat(exit).as(cmd.getFirst() + ": " + new String(err.get(), java.nio.charset.StandardCharsets.UTF_8)).isZero();
        return new String(out.get(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
