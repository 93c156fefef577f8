package id.antrean.claims;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Claims about requests that meet at the same moment, on one node or two, and the admission timer. */
class ConcurrentClaimsTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";

    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00").with("antrean.admission.seconds", "1");

    @Test
    void twoRequestsWithTheSameIdempotencyKeyAtOnceMakeOneTicket() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 10; round++) {
                String key = UUID.randomUUID().toString();
                Map<String, Object> body = ticketRequest(nik(100 + round));
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<Api.Response>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(CompletableFuture.supplyAsync(() -> {
                        arrive(together);
                        return new Api(office.port()).post(TICKETS, body, Map.of("Idempotency-Key", key));
                    }, pool));
                }
                Api.Response a = both.get(0).get(30, TimeUnit.SECONDS);
                Api.Response b = both.get(1).get(30, TimeUnit.SECONDS);
                // Both get the one ticket's answer: same status, same token.
                assertThat(a.status()).as(a.body()).isEqualTo(201);
                assertThat(b.status()).as(b.body()).isEqualTo(201);
                assertThat(b.json().get("token").asText()).isEqualTo(a.json().get("token").asText());
                assertThat(b.json().get("number").asText()).isEqualTo(a.json().get("number").asText());
            }
        }
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isEqualTo(10);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM idempotency_key")).isEqualTo(10);
    }

    @Test
    void twoNodesFillingTheWaitingRoomAtOnceNeverOverfillIt() throws Exception {
        // One slot takes everyone, so only the room (10 places, as seeded) limits who comes in.
        assertThat(office.admin().changeSettings("slotCapacity", 100).status()).isEqualTo(200);
        int room = (int) TestData.count(office.db(), "SELECT JSON_VALUE(settings, '$.roomCapacity') FROM office WHERE id = 'oki'");
        assertThat(room).isEqualTo(10);
        try (Antrean second = TestServer.start(office.db(), office.clock(), Map.of("antrean.admission.seconds", "1"));
             ExecutorService pool = Executors.newFixedThreadPool(16)) {
            int tickets = 40;
            // One ticket through each node first: the test's reset deleted the day's rows behind the
            // nodes' backs, and a burst would race to re-create them (a node then answers QUOTA_FULL).
            assertThat(new Api(office.port()).post(TICKETS, ticketRequest(nik(300))).status()).isEqualTo(201);
            assertThat(new Api(second.port()).post(TICKETS, ticketRequest(nik(301))).status()).isEqualTo(201);
            CyclicBarrier together = new CyclicBarrier(16);
            List<CompletableFuture<Api.Response>> all = new ArrayList<>();
            for (int i = 2; i < tickets; i++) {
                int n = i;
                int port = i % 2 == 0 ? office.port() : second.port();
                all.add(CompletableFuture.supplyAsync(() -> {
                    if (n < 18) {
                        arrive(together);
                    }
                    return new Api(port).post(TICKETS, ticketRequest(nik(300 + n)),
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                }, pool));
            }
            for (CompletableFuture<Api.Response> f : all) {
                Api.Response r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(() -> r.body() + TestData.settings(office.db()) + " slots " + TestData.string(office.db(),
                        "SELECT GROUP_CONCAT(CONCAT(start_min, ':', used)) FROM slot_usage") + " counter " + TestData.string(office.db(),
                        "SELECT CONCAT(issued, '/', waiting) FROM day_counter")).isEqualTo(201);
            }
            assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isEqualTo(tickets);
            assertThat(admitted()).isEqualTo(room);
            // Both nodes' timers keep running admission rounds: the room stays at its capacity.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> admitted() == room);
        }
    }

    @Test
    void theTimerAdmitsATicketWhoseSlotBeginsWithoutAnyRequest() {
        // Five places per 30-minute slot (seeded): the sixth ticket gets the 09:30 slot and waits outside.
        for (int i = 0; i < 6; i++) {
            assertThat(office.resident().post(TICKETS, ticketRequest(nik(500 + i))).status()).isEqualTo(201);
        }
        assertThat(admitted()).isEqualTo(5);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE state = 'BOOKED'")).isEqualTo(1);
        // Its slot begins; nobody sends anything: the node's own timer lets the resident in.
        office.clock().setWib("2026-12-01T09:30");
        await().atMost(Duration.ofSeconds(10)).until(() -> admitted() == 6);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE state = 'BOOKED'")).isZero();
    }

    private static long admitted() {
        return TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE state = 'ADMITTED'");
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
