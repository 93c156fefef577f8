package id.antrean.queue;

import java.util.Map;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** A repeated Idempotency-Key gets the first answer, not the ticket's later state (issue 10, defect 5). */
@ExtendWith(TestDatabase.class)
class IdempotentReplayTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10"); // a Tuesday
    static Antrean node;

    @BeforeAll
    static void start(TestDatabase.Db db) {
        node = TestServer.start(db, CLOCK);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aReplayAfterTheTicketWasCalledIsTheFirst201Again() {
        Api kiosk = new Api(node.port());
        Api operator = new Api(node.port()).loginAsAdmin().newStaff("loket-replay", "OPERATOR");
        Map<String, String> key = Map.of("Idempotency-Key", "kiosk-replay-1");
        Api.Response first = kiosk.post(TICKETS, ticketRequest(nik(1)), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("state").asText()).isEqualTo("ADMITTED");

        Api.Response called = operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.json().get("number").asText()).isEqualTo("A-001");
        assertThat(kiosk.get("/api/v1/tickets/" + first.json().get("token").asText()).json().get("state").asText())
                .isEqualTo("CALLED");

        Api.Response replay = kiosk.post(TICKETS, ticketRequest(nik(1)), key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.json().get("state").asText()).isEqualTo("ADMITTED");
    }
}
