package id.antrean.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** The office's limits under simultaneous kiosks, with two server nodes on one database. */
@ExtendWith(TestDatabase.class)
class ConcurrencyTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static TestDatabase.Db db;
    static Antrean nodeA;
    static Antrean nodeB;
    static String seeded;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        nodeA = TestServer.start(db, CLOCK);
        nodeB = TestServer.start(db, CLOCK);
        seeded = TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T09:00");
    }

    /** Sends all requests at once (released together), half to each node. */
    private List<Api.Response> burst(List<Map<String, Object>> bodies) throws Exception {
        Api a = new Api(nodeA.port());
        Api b = new Api(nodeB.port());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                Api api = i % 2 == 0 ? a : b;
                Map<String, Object> body = bodies.get(i);
                Map<String, String> key = Map.of("Idempotency-Key", "burst-" + System.nanoTime() + "-" + i);
                futures.add(pool.submit(() -> {
                    go.await();
                    // As the kiosk does: a 503 (database busy, issue 10) is "try again shortly", with the same key.
                    Api.Response r = api.post("/api/v1/offices/oki/tickets", body, key);
                    for (int attempt = 0; r.status() == 503 && attempt < 10; attempt++) {
                        Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1")));
                        r = api.post("/api/v1/offices/oki/tickets", body, key);
                    }
                    return r;
                }));
            }
            go.countDown();
            List<Api.Response> out = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void twoHundredKiosksOnTwoNodesGetExactlyTheQuota() throws Exception {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bodies.add(ticketRequest(nik(i)));
        }
        List<Api.Response> responses = burst(bodies);
        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        List<String> numbers = new ArrayList<>();
        for (Api.Response r : responses) {
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.status() == 201) {
                numbers.add(r.json().get("number").asText());
            } else {
                assertThat(r.error()).as(r.body()).isEqualTo("QUOTA_FULL");
            }
        }
        assertThat(byStatus).containsEntry(201, 50).containsEntry(409, 150);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            expected.add(String.format("A-%03d", i));
        }
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE number IS NOT NULL")).isEqualTo(50);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE number IS NULL")).isZero();
        assertThat(TestData.count(db, "SELECT MAX(used) FROM slot_usage")).isLessThanOrEqualTo(5);
        assertThat(TestData.count(db, "SELECT issued FROM day_counter")).isEqualTo(50);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'TICKET_ISSUED'")).isEqualTo(50);
        // Only the 09:00 slot has started: its five are let in, the rest wait outside.
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE state = 'ADMITTED'")).isEqualTo(5);
    }

    @Test
    void oneNikSentTwentyTimesAtOnceGetsOneTicket() throws Exception {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(ticketRequest(nik(500)));
        }
        List<Api.Response> responses = burst(bodies);
        long created = responses.stream().filter(r -> r.status() == 201).count();
        assertThat(created).isEqualTo(1);
        Api.Response issued = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        String token = issued.json().get("token").asText();
        for (Api.Response r : responses) {
            if (r.status() != 201) {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.error()).isEqualTo("ALREADY_HAS_TICKET");
                // The number only: the token is never handed to another request with the same NIK.
                assertThat(r.json().get("details").get("number").asText()).isEqualTo(issued.json().get("number").asText());
                assertThat(r.body()).doesNotContain(token);
            }
        }
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(1);
        assertThat(TestData.count(db, "SELECT issued FROM day_counter")).isEqualTo(1);
    }

    @Test
    void twoCountersCallingAtOnceNeverGetTheSameTicket() throws Exception {
        Api admin = new Api(nodeA.port()).loginAsAdmin();
        Api one = admin.newStaff("c1-" + System.nanoTime() % 100000, "OPERATOR");
        Api two = new Api(nodeB.port());
        admin.newStaff("c2-x" + System.nanoTime() % 100000, "OPERATOR");
        String user2 = TestData.string(db, "SELECT username FROM staff WHERE username LIKE 'c2-x%' ORDER BY created_at DESC LIMIT 1");
        two.login(user2, Api.staffPassword(user2));
        Api kiosk = new Api(nodeA.port());
        for (int i = 0; i < 6; i++) {
            kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(600 + i)));
        }
        CLOCK.setWib("2026-12-01T09:31"); // the sixth ticket's slot (09:30) has started too
        List<String> called = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int round = 0; round < 3; round++) {
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Api.Response> f1 = pool.submit(() -> {
                    go.await();
                    return one.post("/api/v1/offices/oki/counters/1/call-next", null);
                });
                Future<Api.Response> f2 = pool.submit(() -> {
                    go.await();
                    return two.post("/api/v1/offices/oki/counters/2/call-next", null);
                });
                go.countDown();
                for (Api.Response r : List.of(f1.get(), f2.get())) {
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    called.add(r.json().get("number").asText());
                    one.post("/api/v1/tickets/" + r.json().get("id").asLong() + "/no-show", null);
                }
            }
        }
        assertThat(called).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void aSettingsChangeOnOneNodeIsInForceOnTheOtherAtOnce() {
        Api admin = new Api(nodeA.port()).loginAsAdmin();
        Api kioskB = new Api(nodeB.port());
        String kiosk = "/api/v1/offices/oki/kiosk";
        // Node B has read (and keeps) the office as seeded: a quota of 50.
        assertThat(kioskB.get(kiosk).json().get("availability").get("quota").get("limit").asInt()).isEqualTo(50);
        assertThat(admin.changeSettings("dailyQuota", Map.of("KTP_EL_RECORDING", 1)).status()).isEqualTo(200);
        assertThat(kioskB.get(kiosk).json().get("availability").get("quota").get("limit").asInt()).isEqualTo(1);
        assertThat(kioskB.post("/api/v1/offices/oki/tickets", ticketRequest(nik(700))).status()).isEqualTo(201);
        Api.Response second = kioskB.post("/api/v1/offices/oki/tickets", ticketRequest(nik(701)));
        assertThat(second.error()).as("node B enforces the quota set on node A").isEqualTo("QUOTA_FULL");
    }
}
