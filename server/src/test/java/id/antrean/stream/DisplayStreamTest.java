package id.antrean.stream;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.SseClient;
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

/** The display and ticket streams over real HTTP, on one node and across two. */
@ExtendWith(TestDatabase.class)
class DisplayStreamTest {
    static final Duration WAIT = Duration.ofSeconds(3);
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static TestDatabase.Db db;
    static Antrean nodeA;
    static Antrean nodeB;
    static Api operatorA;
    static Api kiosk;
    static String seeded;
    static int round;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        Map<String, String> fast = Map.of("antrean.stream.heartbeat.seconds", "1");
        nodeA = TestServer.start(db, CLOCK, fast);
        nodeB = TestServer.start(db, CLOCK, fast);
        operatorA = new Api(nodeA.port()).loginAsAdmin();
        kiosk = new Api(nodeA.port());
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
        round++;
    }

    static String display(Antrean node) {
        return "http://127.0.0.1:" + node.port() + "/api/v1/offices/oki/display/stream";
    }

    private JsonNode issue(int i) {
        Api.Response r = kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(round * 100 + i)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode call(String counter) {
        Api.Response r = operatorA.post("/api/v1/offices/oki/counters/" + counter + "/call-next", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void snapshotFirstThenEveryChangeInOrder() throws Exception {
        issue(1);
        try (SseClient sse = new SseClient(display(nodeA), null)) {
            SseClient.Event snapshot = sse.next(WAIT);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            JsonNode s = snapshot.data();
            assertThat(s.get("counters")).hasSize(2);
            assertThat(s.get("admitted").toString()).isEqualTo("[\"A-001\"]");
            assertThat(s.get("occupancy").get("present").asInt()).isEqualTo(1);
            assertThat(s.get("occupancy").get("capacity").asInt()).isEqualTo(10);
            assertThat(s.get("quota").get("issued").asInt()).isEqualTo(1);
            assertThat(s.get("quota").get("limit").asInt()).isEqualTo(50);
            assertThat(s.get("reminders")).hasSize(4);
            assertThat(s.get("office").get("timeZone").asText()).isEqualTo("Asia/Jakarta");

            long id = call("2").get("id").asLong();
            operatorA.post("/api/v1/tickets/" + id + "/recall", null);
            operatorA.post("/api/v1/tickets/" + id + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true)));
            operatorA.post("/api/v1/tickets/" + id + "/complete", null);
            List<SseClient.Event> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(sse.next(WAIT));
            }
            assertThat(got).extracting(SseClient.Event::name).containsExactly("called", "recalled", "serving", "finished");
            assertThat(got.get(0).data().get("number").asText()).isEqualTo("A-001");
            assertThat(got.get(0).data().get("counter").get("name").asText()).isEqualTo("Loket 2");
            assertThat(got.get(1).data().get("recalls").asInt()).isEqualTo(1);
            assertThat(got.get(3).data().get("outcome").asText()).isEqualTo("DONE");
            assertThat(got.get(3).data().get("room").get("present").asInt()).isZero();
            long previous = Long.parseLong(snapshot.id());
            for (SseClient.Event e : got) {
                assertThat(Long.parseLong(e.id())).isGreaterThan(previous);
                previous = Long.parseLong(e.id());
                assertThat(e.data().toString()).doesNotContain(nik(round * 100 + 1)).doesNotContain("nik");
            }
        }
    }

    @Test
    void aReconnectingDisplayGetsTheCallsItMissed() throws Exception {
        issue(1);
        issue(2);
        String lastId;
        try (SseClient sse = new SseClient(display(nodeA), null)) {
            lastId = sse.next("snapshot", WAIT).id();
        }
        call("1");
        call("2");
        try (SseClient resumed = new SseClient(display(nodeA), lastId)) {
            // Room counts may come first: a snapshot shared by displays that connect together can be
            // a few events older than the last ticket, and those events are replayed after it.
            SseClient.Event first = resumed.next("called", WAIT);
            assertThat(first.data().get("number").asText()).isEqualTo("A-001");
            SseClient.Event second = resumed.next("called", WAIT);
            assertThat(second.data().get("number").asText()).isEqualTo("A-002");
            // And it stays live afterwards.
            issue(3);
            assertThat(resumed.next("occupancy", WAIT).data().get("quota").get("issued").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aDisplayAwayTooLongGetsAFreshSnapshot() throws Exception {
        issue(1);
        String lastId;
        try (SseClient sse = new SseClient(display(nodeA), null)) {
            lastId = sse.next("snapshot", WAIT).id();
        }
        StringBuilder many = new StringBuilder("INSERT INTO event (office_id, type, payload, created_at) VALUES ");
        for (int i = 0; i < 600; i++) {
            many.append(i == 0 ? "" : ",").append("('oki', 'HEALTH_REFUSED', '{}', NOW(3))");
        }
        TestData.execute(db, many.toString());
        try (SseClient resumed = new SseClient(display(nodeA), lastId)) {
            assertThat(resumed.next(WAIT).name()).isEqualTo("snapshot");
        }
    }

    @Test
    void aCallOnOneNodeReachesADisplayOnTheOther() throws Exception {
        issue(1);
        try (SseClient onB = new SseClient(display(nodeB), null)) {
            onB.next("snapshot", WAIT);
            call("1");
            SseClient.Event called = onB.next("called", WAIT);
            assertThat(called.data().get("number").asText()).isEqualTo("A-001");
        }
    }

    @Test
    void heartbeatsKeepQuietStreamsOpen() throws Exception {
        try (SseClient sse = new SseClient(display(nodeA), null)) {
            sse.next("snapshot", WAIT);
            // The heartbeat is 1 s here: wait for the comment itself, not for a guessed time.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sse.comments() >= 1);
        }
    }

    @Test
    void aStalledClientDoesNotDelayTheOthers() throws Exception {
        issue(1);
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket socket = new Socket("127.0.0.1", nodeA.port());
            socket.setReceiveBufferSize(1024);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/offices/oki/display/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stalled.add(socket); // never read from
        }
        try (SseClient healthy = new SseClient(display(nodeA), null)) {
            healthy.next("snapshot", WAIT);
            // Far more than a subscriber's queue and the socket buffers hold.
            StringBuilder many = new StringBuilder("INSERT INTO event (office_id, type, payload, created_at) VALUES ");
            for (int i = 0; i < 400; i++) {
                many.append(i == 0 ? "" : ",").append("('oki', 'TICKET_ADMITTED', '{\"number\":\"X-")
                        .append(String.format("%03d", i)).append(" ").append("x".repeat(2000)).append("\"}', NOW(3))");
            }
            TestData.execute(db, many.toString());
            // All 400 arrive, in order; the first ticket's own events (issued, admitted, occupancy)
            // may still come first when the snapshot was taken before the feed delivered them.
            int next = 0;
            while (next < 400) {
                SseClient.Event e = healthy.next(WAIT);
                String number = e.data() == null || e.data().get("number") == null ? "" : e.data().get("number").asText();
                if (number.startsWith("X-")) {
                    assertThat(e.name()).isEqualTo("admitted");
                    assertThat(number).startsWith(String.format("X-%03d ", next));
                    next++;
                } else {
                    assertThat(next).as("an event other than the 400 (%s) came in between them", e.name()).isZero();
                }
            }
            // The stalled subscribers' queues overflowed and were dropped; this one is still served live.
            long before = System.nanoTime();
            call("1");
            SseClient.Event called = healthy.next("called", WAIT);
            assertThat(Duration.ofNanos(called.receivedNanos() - before)).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (Socket s : stalled) {
                InputStream ignored = s.getInputStream();
                s.close();
            }
        }
    }

    @Test
    void theTicketStreamFollowsOneTicket() throws Exception {
        JsonNode first = issue(1);
        operatorA.changeSettings("roomCapacity", 1);
        JsonNode second = issue(2);
        String url = "http://127.0.0.1:" + nodeB.port() + "/api/v1/tickets/" + second.get("token").asText() + "/stream";
        try (SseClient sse = new SseClient(url, null)) {
            SseClient.Event now = sse.next("ticket", WAIT);
            assertThat(now.data().get("state").asText()).isEqualTo("BOOKED");
            assertThat(now.data().get("peopleAhead").asInt()).isEqualTo(1);
            call("1");
            operatorA.post("/api/v1/tickets/" + first.get("id").asLong() + "/no-show", null);
            JsonNode admitted = waitForState(sse, "ADMITTED");
            assertThat(admitted.get("peopleAhead").asInt()).isZero();
            call("2");
            JsonNode called = waitForState(sse, "CALLED");
            assertThat(called.get("counter").get("name").asText()).isEqualTo("Loket 2");
            assertThat(called.toString()).doesNotContain("nik");
        }
        SseClient missing = new SseClient("http://127.0.0.1:" + nodeA.port() + "/api/v1/tickets/nope/stream", null);
        assertThat(missing.status()).isEqualTo(404);
        missing.close();
    }

    private static JsonNode waitForState(SseClient sse, String state) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            JsonNode data = sse.next("ticket", WAIT).data();
            if (data.get("state").asText().equals(state)) {
                return data;
            }
        }
        throw new AssertionError("ticket never became " + state);
    }


}
