package id.antrean.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, defect 1: 100 clients posting wrong passwords and unknown names must not slow the kiosk.
 * Password hashing holds no connection and no request thread and has a bounded pool; beyond it the
 * login is refused at once. The clients come through a trusted proxy, each with its own address.
 */
@ExtendWith(TestDatabase.class)
class LoginFloodTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static final int ATTACKERS = 100;
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    static final Duration FLOOD = Duration.ofSeconds(5);
    static TestDatabase.Db db;
    static Antrean node;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK, Map.of(
                "antrean.proxy.trusted", "127.0.0.1",
                "antrean.rate-limit.login.per-minute", "20",
                "antrean.login.hash.per-second", "4",
                "antrean.rate-limit.kiosk.per-minute", "100000"));
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings,"
                + " '$.dailyQuota.KTP_EL_RECORDING', 10000, '$.slotCapacity', 1000, '$.roomCapacity', 1000) WHERE id = 'oki'");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aLoginFloodLeavesTheKioskFastAndTheServerUp() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + node.port();
        AtomicInteger nikSeq = new AtomicInteger();
        // Warm up, then the kiosk alone: the baseline.
        kiosk(http, base, nikSeq, Duration.ofSeconds(2));
        List<Long> quiet = kiosk(http, base, nikSeq, Duration.ofSeconds(3));

        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> loginAnswers = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> loginCodes = new ConcurrentHashMap<>();
        List<String> healthAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> flooded;
        // The attackers stand in for other machines: 100 requests always in flight, each sent again
        // as soon as it is answered, driven by one client with two threads of its own so that they
        // do not take the server's threads on this shared machine.
        HttpClient attackClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.CompletableFuture<Void>> attackers = new ArrayList<>();
            for (int a = 0; a < ATTACKERS; a++) {
                String address = "10.66." + (a / 250) + "." + (a % 250 + 1);
                attackers.add(attack(attackClient, base, a, address, 0, flooding, loginAnswers, loginCodes));
            }
            Future<?> health = pool.submit(() -> {
                while (flooding.get()) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/observe/health"))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    healthAnswers.add(r.statusCode() + " " + r.body());
                    Thread.sleep(250);
                }
                return null;
            });
            Thread.sleep(500); // the flood is on
            System.out.println("flood started");
            try {
                flooded = kiosk(http, base, nikSeq, FLOOD);
            } finally {
                flooding.set(false);
            }
            for (java.util.concurrent.CompletableFuture<Void> f : attackers) {
                f.get();
            }
            health.get();
        }
        long quietP99 = p99(quiet);
        long floodP99 = p99(flooded);
        System.out.printf("kiosk issue without flood: %d tickets, p50 %d ms, p99 %d ms%n", quiet.size(), p50(quiet), quietP99);
        System.out.printf("kiosk issue during a login flood by %d clients: %d tickets, p50 %d ms, p99 %d ms%n",
                ATTACKERS, flooded.size(), p50(flooded), floodP99);
        System.out.println("login answers: " + loginAnswers + " codes: " + loginCodes);

        assertThat(loginAnswers.keySet()).as("login answers").containsOnly(401, 429);
        assertThat(loginCodes.keySet()).as("login codes").isSubsetOf("LOGIN_FAILED", "LOGIN_LOCKED", "LOGIN_BUSY", "RATE_LIMITED");
        assertThat(healthAnswers).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("200").contains("UP"));
        assertThat(flooded).as("tickets issued during the flood").hasSizeGreaterThan(20);
        // The load generator shares this JVM and the machine's cores with the server, so the bound is
        // about starvation (before the fix: no ticket at all, and 500s), not the 100 ms target, which
        // wants a generator of its own (see the closing note of issue 10).
        assertThat(p50(flooded)).as("kiosk p50 in ms during the login flood").isLessThan(3 * p50(quiet) + 50);
        assertThat(floodP99).as("kiosk p99 in ms during the login flood").isLessThan(1_000);
    }

    /** One attacker: a login with a wrong password or an unknown name, again as soon as it is answered. */
    private static java.util.concurrent.CompletableFuture<Void> attack(HttpClient http, String base, int me, String address, int i,
            AtomicBoolean flooding, Map<Integer, AtomicInteger> answers, Map<String, AtomicInteger> codes) {
        if (!flooding.get()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        // Half guess the admin's password, half try names that do not exist.
        String user = (me + i) % 2 == 0 ? "admin" : "nobody-" + me + "-" + i;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("username", user, "password", "guess-" + i))))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
            answers.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            String code;
            try {
                code = MAPPER.readTree(r.body()).path("error").asText();
            } catch (java.io.IOException e) {
                code = "not JSON";
            }
            codes.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
            return attack(http, base, me, address, i + 1, flooding, answers, codes);
        });
    }

    /** A kiosk issuing tickets one after another for {@code howLong}; every answer must be 201. Returns the latencies in ms. */
    private static List<Long> kiosk(HttpClient http, String base, AtomicInteger nikSeq, Duration howLong) throws Exception {
        List<Long> millis = new ArrayList<>();
        long end = System.nanoTime() + howLong.toNanos();
        while (System.nanoTime() < end) {
            String body = Api.json(ticketRequest(nik(nikSeq.getAndIncrement())));
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/offices/oki/tickets"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Thread.sleep(20);
        }
        return millis;
    }

    private static long p99(List<Long> values) {
        return percentile(values, 0.99);
    }

    private static long p50(List<Long> values) {
        return percentile(values, 0.50);
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
