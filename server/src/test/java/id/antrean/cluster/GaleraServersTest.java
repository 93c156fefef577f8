package id.antrean.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import id.antrean.Antrean;
import id.antrean.domain.Percentile;
import id.antrean.support.Api;
import id.antrean.support.GaleraCluster;
import id.antrean.support.MutableClock;
import id.antrean.support.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers on a real Galera cluster. Three servers each writing through its own node (the hardest
 * case for the rules: certification conflicts between nodes): a quota burst keeps every
 * invariant. Two servers on the recommended single writer ({@code jdbc:mariadb:sequential://}):
 * a call made on one reaches a display on the other within a second at p99 while kiosks keep
 * issuing tickets, with Galera's default auto-increment (ids step by 3, every event has a hole
 * below it) and with a step of 1.
 */
class GaleraServersTest {
    private static final Logger LOG = Logger.getLogger(GaleraServersTest.class.getName());
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static GaleraCluster cluster;
    static String db;
    static List<Antrean> servers = new ArrayList<>();
    /** Two servers on the single-writer URL: calls on the first, the display on the second. */
    static List<Antrean> single = new ArrayList<>();
    static int round;

    @BeforeAll
    static void start() throws Exception {
        cluster = GaleraCluster.shared();
        cluster.autoIncrementStep(null);
        db = cluster.createDatabase("servers");
        assertThat(cluster.clusterSize(0)).isEqualTo(GaleraCluster.SIZE);
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < GaleraCluster.SIZE; i++) {
            configs.add(ClusterServers.config(cluster.url(i, db), Map.of("antrean.stream.heartbeat.seconds", "1")));
        }
        for (Future<Antrean> f : ClusterServers.startAtOnce(configs, CLOCK)) {
            servers.add(f.get(120, TimeUnit.SECONDS));
        }
        Map<String, String> singleWriter = ClusterServers.config(cluster.sequentialUrl(db, 0, 1, 2),
                Map.of("antrean.stream.heartbeat.seconds", "1"));
        for (Future<Antrean> f : ClusterServers.startAtOnce(List.of(singleWriter, singleWriter), CLOCK)) {
            single.add(f.get(120, TimeUnit.SECONDS));
        }
    }

    @AfterAll
    static void stop() {
        ClusterServers.closeAll(servers);
        ClusterServers.closeAll(single);
        cluster.autoIncrementStep(null);
        cluster.dropDatabase(db);
    }

    @BeforeEach
    void reset() {
        round++;
        for (String table : List.of("ticket", "day_counter", "slot_usage", "idempotency_key")) {
            cluster.execute(0, "DELETE FROM `" + db + "`." + table);
        }
        cluster.execute(0, "UPDATE `" + db + "`.office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings,"
                + " '$.dailyQuota.KTP_EL_RECORDING', 50, '$.slotCapacity', 1000, '$.roomCapacity', 1000) WHERE id = 'oki'");
    }

    private static Api api(int server) {
        return new Api(servers.get(server).port());
    }

    /** Issues one ticket, trying again (as a kiosk does) while the answer is 503. */
    private static Api.Response issue(Api api, int i) throws InterruptedException {
        Api.Response r = api.post("/api/v1/offices/oki/tickets", ticketRequest(nik(i)));
        for (int attempt = 0; attempt < 20 && r.status() == 503; attempt++) {
            Thread.sleep(50);
            r = api.post("/api/v1/offices/oki/tickets", ticketRequest(nik(i)));
        }
        return r;
    }

    @Test
    void aBurstOnThreeNodesGetsExactlyTheQuotaNumberedWithoutGaps() throws Exception {
        int requests = 150;
        List<Api.Response> responses = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                Api api = api(i % GaleraCluster.SIZE);
                int n = round * 1000 + i;
                pool.submit(() -> {
                    go.await();
                    responses.add(issue(api, n));
                    return null;
                });
            }
            go.countDown();
        }
        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        Set<String> numbers = new HashSet<>();
        for (Api.Response r : responses) {
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.status() == 201) {
                assertThat(numbers.add(r.json().get("number").asText())).as("number given twice").isTrue();
                // Every 201 has its row, with the number it announced, on every node.
                for (int node = 0; node < GaleraCluster.SIZE; node++) {
                    assertThat(cluster.string(node, db, "SELECT CONCAT(ticket_prefix, '-', IF(number < 1000, LPAD(number, 3, '0'), number)) FROM ticket"
                            + " WHERE token = '" + r.json().get("token").asText() + "'"))
                            .isEqualTo(r.json().get("number").asText());
                }
            } else {
                assertThat(r.error()).as(r.body()).isEqualTo("QUOTA_FULL");
            }
        }
        LOG.info("Quota burst across three nodes: " + byStatus);
        assertThat(byStatus).containsEntry(201, 50).containsEntry(409, requests - 50);
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 50; i++) {
            expected.add(String.format("A-%03d", i));
        }
        assertThat(numbers).isEqualTo(expected);
        for (int node = 0; node < GaleraCluster.SIZE; node++) {
            assertThat(cluster.count(node, db, "SELECT COUNT(*) FROM ticket WHERE number IS NOT NULL")).isEqualTo(50);
            assertThat(cluster.count(node, db, "SELECT COUNT(*) FROM ticket WHERE number IS NULL")).isZero();
            assertThat(cluster.count(node, db, "SELECT issued FROM day_counter")).isEqualTo(50);
        }
    }

    @Test
    void aCallReachesADisplayOnAnotherNodeWithinASecondWithGaleraSteps() throws Exception {
        callsReachAnotherNodesDisplay("Galera's default auto-increment (step 3, one offset per node)");
    }

    @Test
    void aCallReachesADisplayOnAnotherNodeWithinASecondWithStepOne() throws Exception {
        cluster.autoIncrementStep(1);
        try {
            callsReachAnotherNodesDisplay("auto_increment_increment = 1 on every node");
        } finally {
            cluster.autoIncrementStep(null);
        }
    }

    private void callsReachAnotherNodesDisplay(String setting) throws Exception {
        cluster.execute(0, "UPDATE `" + db + "`.office SET settings_rev = settings_rev + 1,"
                + " settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', 10000) WHERE id = 'oki'");
        Api writer = new Api(single.get(0).port());
        Api operator = new Api(single.get(0).port()).loginAsAdmin();
        int calls = 40;
        for (int i = 0; i < calls; i++) {
            assertThat(issue(writer, round * 1000 + i).status()).isEqualTo(201);
        }
        // Load: kiosks on all three servers keep issuing while the calls are made.
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
        for (int k = 0; k < 6; k++) {
            Api kiosk = new Api(single.get(k % 2).port());
            int base = round * 1000 + 100 + k * 100;
            load.submit(() -> {
                for (int i = 0; loading.get() && i < 100; i++) {
                    int status = kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(base + i))).status();
                    (status == 201 ? issued : failed).incrementAndGet();
                }
                return null;
            });
        }
        List<Long> latenciesMs = new ArrayList<>();
        List<Long> callMs = new ArrayList<>();
        List<Long> requestToDisplayMs = new ArrayList<>();
        try (SseClient display = new SseClient("http://127.0.0.1:" + single.get(1).port()
                + "/api/v1/offices/oki/display/stream", null)) {
            assertThat(display.next("snapshot", Duration.ofSeconds(5))).isNotNull();
            for (int i = 0; i < calls; i++) {
                String counter = String.valueOf(1 + i % 2);
                long sent = System.nanoTime();
                Api.Response called = operator.post("/api/v1/offices/oki/counters/" + counter + "/call-next", null);
                long answered = System.nanoTime();
                callMs.add((answered - sent) / 1_000_000);
                assertThat(called.status()).as(called.body()).isEqualTo(200);
                String number = called.json().get("number").asText();
                SseClient.Event seen = awaitCall(display, number, Duration.ofSeconds(5));
                assertThat(seen).as("call of " + number + " on the display of another node").isNotNull();
                // From the call's acknowledgement (committed) to the display: what the feed adds.
                latenciesMs.add(Math.max(0, (seen.receivedNanos() - answered) / 1_000_000));
                requestToDisplayMs.add((seen.receivedNanos() - sent) / 1_000_000);
                operator.post("/api/v1/tickets/" + called.json().get("id").asLong() + "/no-show", null);
            }
        } finally {
            loading.set(false);
            load.shutdown();
            load.awaitTermination(60, TimeUnit.SECONDS);
        }
        Collections.sort(latenciesMs);
        List<Double> values = latenciesMs.stream().map(Long::doubleValue).toList();
        double p50 = Percentile.of(values, 50);
        double p99 = Percentile.of(values, 99);
        Collections.sort(callMs);
        Collections.sort(requestToDisplayMs);
        LOG.info("Call on one server -> display on another (single writer), " + setting + ": " + calls + " calls,"
                + " call answered -> display p50 " + p50 + " ms, p99 " + p99 + " ms, max " + latenciesMs.getLast()
                + " ms; call sent -> display p50 " + requestToDisplayMs.get(calls / 2) + " ms, max "
                + requestToDisplayMs.getLast() + " ms (the call-next request alone: p50 " + callMs.get(calls / 2)
                + " ms, max " + callMs.getLast() + " ms); load meanwhile "
                + issued.get() + " tickets issued, " + failed.get() + " refused");
        assertThat(issued.get()).as("the kiosks kept issuing").isPositive();
        assertThat(p99).as("p99 call answered -> display on another server, " + setting).isLessThan(1000);
    }

    /** The display's "called" message for that number (other messages are skipped). */
    private static SseClient.Event awaitCall(SseClient display, String number, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event e = display.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e != null && "called".equals(e.name()) && number.equals(e.data().get("number").asText())) {
                return e;
            }
        }
        return null;
    }
}
