package id.antrean.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The position a new ticket is given (counted from behind, against the day's waiting count) is the
 * one counted from the front over the tickets themselves, through priority groups, later slots
 * refilled by cancellations, calls and other days.
 */
class QueuePositionTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static final MutableClock CLOCK = office.clock();
    static TestDatabase.Db db;
    static Antrean node;
    static Api resident;
    static Api operator;

    @BeforeAll
    static void start() {
        db = office.db();
        node = office.node();
        resident = office.resident();
        operator = office.admin().newStaff("operator-pos", "OPERATOR");
    }

    /** Waiting tickets ahead in queue order, counted the plain way from the tickets themselves. */
    private static long countedFromTheFront(String token) {
        return TestData.count(db, "SELECT COUNT(*) FROM ticket o JOIN ticket t ON t.token = '" + token + "'"
                + " WHERE o.office_id = t.office_id AND o.day = t.day AND o.state IN ('BOOKED', 'ADMITTED')"
                + " AND (o.priority_rank, o.slot_start_min, o.number) < (t.priority_rank, t.slot_start_min, t.number)");
    }

    private static void assertWaitingCountsMatchTheTickets() {
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM day_counter d WHERE d.waiting <> (SELECT COUNT(*) FROM ticket t"
                + " WHERE t.office_id = d.office_id AND t.service = d.service AND t.day = d.day"
                + " AND t.state IN ('BOOKED', 'ADMITTED'))")).as("day counters whose waiting count is off").isZero();
    }

    @Test
    void aNewTicketsPositionIsTheOneCountedFromTheFront() {
        Random random = new Random(20261201);
        List<String> waiting = new ArrayList<>();
        int issued = 0;
        int checkedBehindOthers = 0;
        for (int step = 0; step < 60; step++) {
            int roll = random.nextInt(10);
            if (roll < 6 || waiting.isEmpty()) {
                Map<String, Object> body = ticketRequest(nik(500 + step));
                if (random.nextInt(4) == 0) {
                    body.put("priorityGroup", "ELDERLY");
                }
                if (random.nextInt(6) == 0) {
                    body.put("day", "2026-12-02");
                }
                Api.Response r = resident.post(TICKETS, body);
                if (r.status() == 409 && "QUOTA_FULL".equals(r.error())) {
                    continue;
                }
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                String token = r.json().get("token").asText();
                long expected = countedFromTheFront(token);
                assertThat(r.json().get("peopleAhead").asLong()).as("ticket %s", r.json().get("number").asText())
                        .isEqualTo(expected);
                assertThat(r.json().get("position").asLong()).isEqualTo(expected + 1);
                JsonNode status = resident.get("/api/v1/tickets/" + token).json();
                assertThat(status.get("peopleAhead").asLong()).isEqualTo(expected);
                if (TestData.count(db, "SELECT COUNT(*) FROM ticket o JOIN ticket t ON t.token = '" + token + "'"
                        + " WHERE o.office_id = t.office_id AND o.day = t.day AND o.state IN ('BOOKED', 'ADMITTED')"
                        + " AND (o.priority_rank, o.slot_start_min, o.number) > (t.priority_rank, t.slot_start_min, t.number)") > 0) {
                    checkedBehindOthers++;
                }
                waiting.add(token);
                issued++;
            } else if (roll < 8) {
                String token = waiting.remove(random.nextInt(waiting.size()));
                assertThat(resident.delete("/api/v1/tickets/" + token).status()).isEqualTo(200);
            } else {
                Api.Response called = operator.post("/api/v1/offices/oki/counters/1/call-next", null);
                if (called.status() == 200) {
                    long id = called.json().get("id").asLong();
                    assertThat(operator.post("/api/v1/tickets/" + id + "/no-show", null).status()).isEqualTo(200);
                    waiting.removeIf(t -> TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE token = '" + t
                            + "' AND state IN ('BOOKED', 'ADMITTED')") == 0);
                }
            }
            assertWaitingCountsMatchTheTickets();
        }
        assertThat(issued).as("tickets issued").isGreaterThan(25);
        // Cancellations reopen earlier slots, so some new tickets had others queued behind them.
        assertThat(checkedBehindOthers).as("new tickets with others queued behind them").isPositive();
    }
}
