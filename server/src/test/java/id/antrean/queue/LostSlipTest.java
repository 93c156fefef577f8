package id.antrean.queue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * A NIK alone gives no access to its ticket (issue 10, defect 2): the 409 tells the number and day
 * only, and a lost slip is reprinted by staff who check the ID card, audited.
 */
@ExtendWith(TestDatabase.class)
class LostSlipTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final String REPRINT = "/api/v1/offices/oki/tickets/reprint";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10"); // a Tuesday
    static TestDatabase.Db db;
    static Antrean node;
    static Api api;
    static Api operator;
    static String seeded;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK);
        api = new Api(node.port());
        operator = new Api(node.port()).loginAsAdmin().newStaff("loket-slip", "OPERATOR");
        seeded = TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T09:10");
    }

    @Test
    void theNikAloneNeverYieldsTheTicketsToken() {
        Api.Response first = api.post(TICKETS, ticketRequest(nik(1)), Map.of("Idempotency-Key", "first-slip"));
        assertThat(first.status()).isEqualTo(201);
        String token = first.json().get("token").asText();
        // Everything someone holding only the NIK could send: other keys, other fields, no key.
        Map<String, Object> withPhone = ticketRequest(nik(1));
        withPhone.put("phone", "+6281234567890");
        Map<String, Object> priority = ticketRequest(nik(1));
        priority.put("priorityGroup", "ELDERLY");
        Map<String, Object> today = ticketRequest(nik(1));
        today.put("day", "2026-12-01");
        List<Api.Response> answers = List.of(
                api.post(TICKETS, ticketRequest(nik(1))),
                api.post(TICKETS, ticketRequest(nik(1)), Map.of("Idempotency-Key", "another-key")),
                api.post(TICKETS, withPhone),
                api.post(TICKETS, priority),
                api.post(TICKETS, today, Map.of("Idempotency-Key", "yet-another")));
        for (Api.Response r : answers) {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error()).isEqualTo("ALREADY_HAS_TICKET");
            assertThat(r.body()).doesNotContain(token).doesNotContain("/t/").doesNotContain("statusUrl")
                    .doesNotContain("\"token\"").doesNotContain("\"id\":" + first.json().get("id").asLong());
            JsonNode details = r.json().get("details");
            assertThat(details.get("number").asText()).isEqualTo("A-001");
            assertThat(details.get("day").asText()).isEqualTo("2026-12-01");
            assertThat(r.json().get("messages").get("en").asText())
                    .isEqualTo("This NIK already has number A-001 today. Lost the slip? Ask for a reprint at a counter.");
        }
        // Nor can it cancel: cancelling needs the token, which nobody but the slip's holder has.
        assertThat(TestData.string(db, "SELECT state FROM ticket")).isEqualTo("ADMITTED");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(1);
    }

    @Test
    void staffReprintALostSlipAgainstTheIdCardAndItIsAudited() {
        Api.Response first = api.post(TICKETS, ticketRequest(nik(2)));
        String token = first.json().get("token").asText();
        Map<String, Object> ask = Map.of("number", "A-001", "nik", nik(2));

        // Residents and anyone else: no.
        Api.Response anonymous = api.post(REPRINT, ask);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain(token);
        Api forgetful = new Api(node.port()).loginAsAdmin().newStaff("loket-nocsrf", "OPERATOR");
        forgetful.forgetCsrf();
        assertThat(forgetful.post(REPRINT, ask).status()).isEqualTo(403);

        // Staff, but the card shows another NIK: not this ticket, and nothing said about whose it is.
        Api.Response otherCard = operator.post(REPRINT, Map.of("number", "A-001", "nik", nik(3)));
        assertThat(otherCard.status()).isEqualTo(404);
        assertThat(otherCard.error()).isEqualTo("TICKET_NOT_FOUND");
        assertThat(otherCard.body()).doesNotContain(token);
        assertThat(operator.post(REPRINT, Map.of("number", "17", "nik", nik(2))).status()).isEqualTo(422);
        assertThat(operator.post(REPRINT, Map.of("number", "A-001", "nik", "123")).error()).isEqualTo("INVALID_NIK");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'TICKET_REPRINTED'")).isZero();

        // Staff with the right card: the slip again, with its status link for the QR code.
        Api.Response slip = operator.post(REPRINT, ask);
        assertThat(slip.status()).isEqualTo(200);
        assertThat(slip.json().get("number").asText()).isEqualTo("A-001");
        assertThat(slip.json().get("token").asText()).isEqualTo(token);
        assertThat(slip.json().get("statusUrl").asText()).isEqualTo("/t/" + token);
        assertThat(slip.json().get("slot").get("start").asText()).isEqualTo("09:00");
        assertThat(TestData.string(db, "SELECT CONCAT(actor, '|', ticket_id, '|', JSON_VALUE(payload, '$.number')) FROM event WHERE type = 'TICKET_REPRINTED'"))
                .isEqualTo("loket-slip|" + first.json().get("id").asLong() + "|A-001");
        assertThat(TestData.string(db, "SELECT payload FROM event WHERE type = 'TICKET_REPRINTED'")).doesNotContain(nik(2));

        // A ticket that has ended has no slip left to print.
        assertThat(api.delete("/api/v1/tickets/" + token).status()).isEqualTo(200);
        Api.Response ended = operator.post(REPRINT, ask);
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.error()).isEqualTo("INVALID_STATE");
    }
}
