package id.antrean.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.ScratchMariaDb;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;

import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own MariaDB stalled (SIGSTOP) and killed (SIGKILL) while several kiosks issue
 * tickets (issue 10, "Fault tests"). What each kiosk was told is compared with what the database
 * holds afterwards: nothing acknowledged lost, nothing stored behind an error (an OUTCOME_UNKNOWN
 * is resolved by the kiosk's retry with the same Idempotency-Key), every fault answered 503 with
 * Retry-After well under 5 s, health DOWN within 1 s while the database hangs. Recovery times are
 * measured and printed.
 */
class DatabaseFaultTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10"); // a Tuesday, open
    static final int KIOSKS = 6;
    static final long ANSWER_LIMIT_MS = 5_000;
    static final long HEALTH_LIMIT_MS = 1_000;

    /** One HTTP exchange of a kiosk. */
    record Answer(String key, long sent, long received, int status, String code, String number, String token,
                  String retryAfter, boolean errorShape) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(received - sent);
        }
    }

    record Probe(long sent, long received, int status) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(received - sent);
        }
    }

    private final Queue<Answer> exchanges = new ConcurrentLinkedQueue<>();
    /** The last word each request got, after its retries: what the kiosk would act on. */
    private final Map<String, Answer> finalAnswers = new ConcurrentHashMap<>();
    private final Queue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger unknownOutcomes = new AtomicInteger();
    private volatile boolean stop;

    @Test
    void stalledAndKilledDatabaseUnderLoad() throws Exception {
        try (ScratchMariaDb mariadb = ScratchMariaDb.start("fault")) {
            String url = mariadb.database("antrean");
            Map<String, String> config = new HashMap<>();
            config.put("db.connection.url", url);
            config.put("db.connection.username", "root");
            config.put("db.connection.password", "");
            config.put("antrean.admin.password", Api.ADMIN_PASSWORD);
            try (Antrean node = TestServer.start(config, CLOCK)) {
                try (Connection c = mariadb.connect(); Statement st = c.createStatement()) {
                    st.execute("UPDATE antrean.office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, "
                            + "'$.dailyQuota.KTP_EL_RECORDING', 10000, '$.slotCapacity', 1000) WHERE id = 'oki'");
                }
                run(node, mariadb);
            }
        }
    }

    private void run(Antrean node, ScratchMariaDb mariadb) throws Exception {
        // Warm-up: a cold JVM on a busy machine is slow for reasons that are not the database's.
        Api warm = new Api(node.port());
        for (int i = 0; i < 20; i++) {
            int n = sequence.getAndIncrement();
            String key = "fault-" + n;
            Answer a = send(warm, key, ticketRequest(nik(n)));
            assertThat(a.status()).as("warm-up %s", a).isEqualTo(201);
            finalAnswers.put(key, a);
        }
        List<Thread> kiosks = new ArrayList<>();
        for (int k = 0; k < KIOSKS; k++) {
            Api api = new Api(node.port());
            kiosks.add(Thread.ofVirtual().name("kiosk-" + k).start(() -> kiosk(api)));
        }
        Thread health = Thread.ofVirtual().name("health-probe").start(() -> probe(node.port()));

        sleep(3_000);
        long measuredFrom = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
        long stallAt = System.nanoTime();
        mariadb.stall();
        sleep(4_000);
        long resumeAt = System.nanoTime();
        mariadb.resume();
        long stallRecovered = awaitFirst(a -> a.status() == 201 && a.sent() > resumeAt);
        long stallHealthUp = awaitProbe(p -> p.status() == 200 && p.sent() > resumeAt);
        sleep(2_000);

        long killAt = System.nanoTime();
        mariadb.crash();
        sleep(2_000);
        long restartAt = System.nanoTime();
        mariadb.restart();
        long restartedAt = System.nanoTime();
        long crashRecovered = awaitFirst(a -> a.status() == 201 && a.sent() > killAt);
        long crashHealthUp = awaitProbe(p -> p.status() == 200 && p.sent() > restartAt);
        sleep(2_000);

        stop = true;
        for (Thread t : kiosks) {
            assertThat(t.join(Duration.ofSeconds(60))).as("kiosk finished its retries").isTrue();
        }
        health.join(Duration.ofSeconds(10));

        // ---- figures ----
        List<Answer> all = exchanges.stream().filter(a -> a.sent() >= measuredFrom).toList();
        List<Answer> unavailable = all.stream().filter(a -> a.status() == 503).toList();
        List<Probe> duringStall = probes.stream().filter(p -> p.sent() >= stallAt && p.sent() < resumeAt).toList();
        long firstDown = duringStall.stream().filter(p -> p.status() == 503).mapToLong(Probe::received).min().orElse(-1);
        Map<String, Long> figures = new java.util.LinkedHashMap<>();
        figures.put("requests", (long) finalAnswers.size());
        figures.put("exchanges", (long) all.size());
        figures.put("tickets acknowledged (201)", finalAnswers.values().stream().filter(a -> a.status() == 201).count());
        List<Long> beforeFaults = all.stream().filter(a -> a.status() == 201 && a.received() < stallAt).map(Answer::millis).toList();
        figures.put("201 latency before the faults p50 ms", percentile(beforeFaults, 50));
        figures.put("201 latency before the faults p99 ms", percentile(beforeFaults, 99));
        figures.put("answered 503", (long) unavailable.size());
        figures.put("  of which OUTCOME_UNKNOWN", unavailable.stream().filter(a -> "OUTCOME_UNKNOWN".equals(a.code())).count());
        figures.put("503 latency p50 ms", percentile(unavailable.stream().map(Answer::millis).toList(), 50));
        figures.put("503 latency max ms", unavailable.stream().mapToLong(Answer::millis).max().orElse(0));
        figures.put("any answer latency max ms", all.stream().mapToLong(Answer::millis).max().orElse(0));
        figures.put("health probes during stall", (long) duringStall.size());
        figures.put("health latency max during stall ms", duringStall.stream().mapToLong(Probe::millis).max().orElse(-1));
        figures.put("stall -> health DOWN ms", firstDown < 0 ? -1 : ms(firstDown - stallAt));
        figures.put("SIGCONT -> first ticket ms", ms(stallRecovered - resumeAt));
        figures.put("SIGCONT -> health UP ms", ms(stallHealthUp - resumeAt));
        figures.put("SIGKILL -> restarted mariadbd takes connections ms", ms(restartedAt - killAt));
        figures.put("restart ready -> first ticket ms", ms(crashRecovered - restartedAt));
        figures.put("restart ready -> health UP ms", ms(crashHealthUp - restartedAt));
        StringBuilder report = new StringBuilder("Database fault figures (stall 4 s, crash with restart after 2 s, ")
                .append(KIOSKS).append(" kiosks):\n");
        figures.forEach((k, v) -> report.append(String.format("  %-52s %8d%n", k, v)));
        System.out.println(report);

        // ---- what the clients were told ----
        assertThat(new ArrayList<>(exchanges)).allSatisfy(a -> assertThat(a.status()).as("status of %s", a).isIn(201, 503));
        assertThat(unavailable).allSatisfy(a -> {
            assertThat(a.retryAfter()).as("Retry-After of %s", a).isNotNull();
            assertThat(a.errorShape()).as("error body of %s", a).isTrue();
            assertThat(a.code()).isIn("SERVICE_UNAVAILABLE", "OUTCOME_UNKNOWN");
        });
        assertThat(all).allSatisfy(a -> assertThat(a.millis()).as("latency of %s", a).isLessThan(ANSWER_LIMIT_MS));
        assertThat(unavailable.stream().filter(a -> a.sent() >= stallAt && a.sent() < resumeAt)).as("503s during the stall").isNotEmpty();
        assertThat(unavailable.stream().filter(a -> a.sent() >= killAt && a.sent() < restartAt)).as("503s while killed").isNotEmpty();
        assertThat(finalAnswers.values()).allSatisfy(a -> assertThat(a.code()).as("unresolved %s", a).isNotEqualTo("OUTCOME_UNKNOWN"));

        // ---- health while the database hangs ----
        assertThat(duringStall).isNotEmpty();
        assertThat(duringStall).allSatisfy(p -> assertThat(p.millis()).as("health latency").isLessThan(HEALTH_LIMIT_MS));
        // After one reuse period (0.5 s) every probe has to see the hang.
        // (A probe answered after SIGCONT may rightly say UP.)
        assertThat(duringStall.stream().filter(p -> p.sent() >= stallAt + TimeUnit.MILLISECONDS.toNanos(600)
                && p.received() < resumeAt))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.status()).as("health during the stall").isEqualTo(503));

        // ---- what the database holds ----
        Map<String, String> stored = new HashMap<>();
        Set<String> keysWithTicket = new HashSet<>();
        long issued;
        try (Connection c = mariadb.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT token, CONCAT(ticket_prefix, '-', IF(number < 1000, LPAD(number, 3, '0'), number)) FROM antrean.ticket")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT idem_key FROM antrean.idempotency_key WHERE status = 201")) {
                while (rs.next()) {
                    keysWithTicket.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT number), MIN(number), MAX(number), "
                    + "(SELECT issued FROM antrean.day_counter) FROM antrean.ticket")) {
                rs.next();
                assertThat(rs.getLong(1)).as("distinct numbers").isEqualTo(stored.size());
                assertThat(rs.getLong(2)).as("first number").isEqualTo(1);
                assertThat(rs.getLong(3)).as("numbers without gaps").isEqualTo(stored.size());
                issued = rs.getLong(4);
            }
        }
        List<Answer> acknowledged = finalAnswers.values().stream().filter(a -> a.status() == 201).toList();
        assertThat(acknowledged).allSatisfy(a ->
                assertThat(stored.get(a.token())).as("acknowledged ticket %s is stored", a.number()).isEqualTo(a.number()));
        assertThat(finalAnswers.values().stream().filter(a -> a.status() != 201))
                .allSatisfy(a -> assertThat(keysWithTicket).as("nothing stored behind %s", a).doesNotContain(a.key()));
        assertThat(stored).as("every stored ticket was acknowledged").hasSize(acknowledged.size());
        assertThat(issued).isEqualTo(stored.size());
    }

    /** A kiosk: new resident after new resident; an unknown outcome is asked again with the same key. */
    private void kiosk(Api api) {
        while (!stop) {
            int i = sequence.getAndIncrement();
            String key = "fault-" + i;
            Map<String, Object> body = ticketRequest(nik(i));
            Answer answer = send(api, key, body);
            if ("OUTCOME_UNKNOWN".equals(answer.code())) {
                unknownOutcomes.incrementAndGet();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while (answer.status() == 503 && System.nanoTime() < deadline) {
                    sleep(200);
                    answer = send(api, key, body);
                }
            }
            finalAnswers.put(key, answer);
            sleep(answer.status() == 201 ? 10 : 100);
        }
    }

    private Answer send(Api api, String key, Map<String, Object> body) {
        long sent = System.nanoTime();
        try {
            Api.Response r = api.post(TICKETS, body, Map.of("Idempotency-Key", key));
            long received = System.nanoTime();
            JsonNode json = r.json();
            boolean shape = json != null && json.hasNonNull("error") && json.hasNonNull("message")
                    && json.path("messages").hasNonNull("id") && json.path("messages").hasNonNull("en") && json.has("details");
            Answer a = new Answer(key, sent, received, r.status(), r.error(),
                    r.status() == 201 ? json.get("number").asText() : null,
                    r.status() == 201 ? json.get("token").asText() : null,
                    r.headers().firstValue("Retry-After").orElse(null), shape);
            exchanges.add(a);
            return a;
        } catch (RuntimeException e) {
            Answer a = new Answer(key, sent, System.nanoTime(), -1, e.toString(), null, null, null, false);
            exchanges.add(a);
            return a;
        }
    }

    private void probe(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/observe/health");
        while (!stop) {
            long sent = System.nanoTime();
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                status = -1;
            }
            probes.add(new Probe(sent, System.nanoTime(), status));
            sleep(100);
        }
    }

    private long awaitFirst(Predicate<Answer> which) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long first = exchanges.stream().filter(which).mapToLong(Answer::received).min().orElse(-1);
            if (first > 0) {
                return first;
            }
            sleep(20);
        }
        throw new AssertionError("no ticket issued within 30 s after the fault ended");
    }

    private long awaitProbe(Predicate<Probe> which) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long first = probes.stream().filter(which).mapToLong(Probe::received).min().orElse(-1);
            if (first > 0) {
                return first;
            }
            sleep(20);
        }
        throw new AssertionError("health not UP within 30 s after the fault ended");
    }

    /** Distinct valid NIKs of the office's region: birth day 01–28 May 1990, four-digit serial. */
    private static String nik(int i) {
        return "160201" + String.format("%02d", 1 + (i / 9999) % 28) + "0590" + String.format("%04d", i % 9999 + 1);
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
