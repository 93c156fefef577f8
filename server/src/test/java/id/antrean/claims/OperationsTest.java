package id.antrean.claims;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.LogCapture;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import io.helidon.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** README, Configuration and Production: the claims about running the server. */
@ExtendWith(TestDatabase.class)
class OperationsTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static final Pattern ONE_TIME = Pattern.compile("one-time password: (\\S+)");

    @Test
    void streamsTellProxiesNotToBuffer(TestDatabase.Db db) throws Exception {
        try (Antrean node = TestServer.start(db, CLOCK)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/api/v1/offices/oki/display/stream", ticketStream(node))) {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Accel-Buffering")).as(path).hasValue("no");
                assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
                r.body().close();
            }
            http.shutdownNow();
        }
    }

    private static String ticketStream(Antrean node) {
        Api.Response r = new Api(node.port()).post("/api/v1/offices/oki/tickets", ticketRequest(nik(901)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "/api/v1/tickets/" + r.json().get("token").asText() + "/stream";
    }

    @Test
    void sessionSecureFromTheEnvironmentMarksTheCookieSecure(TestDatabase.Db db) {
        // The environment variable as the operator sets it, mapped the way Helidon maps the real environment.
        Map<String, String> env = EnvironmentVariables.expand(Map.of("ANTREAN_SESSION_SECURE", "true"));
        assertThat(env).containsEntry("antrean.session.secure", "true");
        try (Antrean secure = TestServer.start(db, CLOCK, env)) {
            assertThat(loginCookie(secure.port())).contains("; Secure").contains("HttpOnly");
        }
        try (Antrean plain = TestServer.start(db, CLOCK)) {
            assertThat(loginCookie(plain.port())).doesNotContain("Secure").contains("HttpOnly");
        }
    }

    private static String loginCookie(int port) {
        Api.Response r = new Api(port).login("admin", Api.ADMIN_PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("Set-Cookie").orElseThrow();
    }

    @Test
    void withoutAConfiguredPasswordTheAdminGetsARandomOneLoggedOnceOnly(TestDatabase.Db db) throws Exception {
        TestDatabase.Db one = sibling(db, "_p1");
        TestDatabase.Db two = sibling(db, "_p2");
        try {
            String first = firstStartPassword(one);
            String second = firstStartPassword(two);
            assertThat(first).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(12);
        } finally {
            TestData.execute(db, "DROP DATABASE IF EXISTS `" + one.name() + "`");
            TestData.execute(db, "DROP DATABASE IF EXISTS `" + two.name() + "`");
        }
    }

    /** The first start on an empty database logs a one-time password; a restart logs none and keeps it. */
    private static String firstStartPassword(TestDatabase.Db db) {
        Map<String, String> noPassword = Map.of("antrean.admin.password", "");
        String password;
        try (LogCapture logs = new LogCapture()) {
            try (Antrean node = TestServer.start(db, CLOCK, noPassword)) {
                Matcher m = ONE_TIME.matcher(logs.text());
                assertThat(m.find()).as("the one-time password is logged on the first start").isTrue();
                password = m.group(1);
                assertThat(m.find()).as("logged once").isFalse();
            }
            int before = logs.lines().size();
            try (Antrean again = TestServer.start(db, CLOCK, noPassword)) {
                String restartLog = String.join("", logs.lines().subList(before, logs.lines().size()));
                assertThat(restartLog).doesNotContain("one-time password").doesNotContain(password);
                assertThat(new Api(again.port()).login("admin", password).status()).as("the same password after a restart").isEqualTo(200);
            }
        }
        return password;
    }

    /** Another empty database on the same MariaDB server. */
    private static TestDatabase.Db sibling(TestDatabase.Db db, String suffix) {
        String name = db.name() + suffix;
        TestData.execute(db, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase.Db(db.url().substring(0, db.url().lastIndexOf('/') + 1) + name, db.user(), db.password(), name);
    }

    @Test
    void closingLetsRequestsInFlightFinish(TestDatabase.Db db) throws Exception {
        TestDatabase.Db own = sibling(db, "_stop");
        try {
            Antrean node = TestServer.start(own, CLOCK);
            Api kiosk = new Api(node.port());
            assertThat(kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(1))).status()).isEqualTo(201);
            List<CompletableFuture<Api.Response>> inFlight = new ArrayList<>();
            try (Connection lock = own.connect(); Statement st = lock.createStatement()) {
                // Hold the day's counter row: every issuing transaction now waits inside the server.
                lock.setAutoCommit(false);
                st.execute("SELECT * FROM day_counter FOR UPDATE");
                for (int i = 2; i <= 4; i++) {
                    int n = i;
                    inFlight.add(CompletableFuture.supplyAsync(() -> new Api(node.port()).post("/api/v1/offices/oki/tickets",
                            ticketRequest(nik(n)), Map.of("Idempotency-Key", UUID.randomUUID().toString()))));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> lockWaits(own) >= 3);
                CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
                // The stop waits for them: it has not finished while they are held.
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !closing.isDone());
                lock.commit();
                closing.get(30, TimeUnit.SECONDS);
            }
            for (CompletableFuture<Api.Response> f : inFlight) {
                Api.Response r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
            assertThat(TestData.count(own, "SELECT COUNT(*) FROM ticket")).isEqualTo(4);
        } finally {
            TestData.execute(db, "DROP DATABASE IF EXISTS `" + own.name() + "`");
        }
    }

    private static long lockWaits(TestDatabase.Db db) {
        return TestData.count(db, "SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
                + " ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = '" + db.name() + "'");
    }
}
