package id.antrean.fault;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.CommitAnswerThief;
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
 * The ticket is committed but MariaDB's answer to the COMMIT is lost (issue 10, defect 5): the
 * kiosk is told the outcome is unknown (503 OUTCOME_UNKNOWN, not a 500 "error"), and its retry with
 * the same Idempotency-Key returns the stored ticket.
 */
@ExtendWith(TestDatabase.class)
class LostCommitAnswerTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10"); // a Tuesday
    static TestDatabase.Db db;
    static CommitAnswerThief thief;
    static Antrean node;
    static Api kiosk;

    @BeforeAll
    static void start(TestDatabase.Db database) throws Exception {
        db = database;
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(db.url());
        assertThat(m.find()).as("host and port in %s", db.url()).isTrue();
        thief = new CommitAnswerThief(m.group(1), Integer.parseInt(m.group(2)));
        // No admission timer and none of the other background jobs (booking releases, refusal
        // counts, pickup reminders, retention, kiosk names): the only COMMITs on the wire are the
        // requests' own, so "the next commit" is the ticket's.
        node = TestServer.start(db, CLOCK, Map.of("db.connection.url", thief.route(db.url()),
                "antrean.admission.seconds", "3600",
                "antrean.booking.release.seconds", "3600",
                "antrean.booking.refusals.flush.seconds", "3600",
                "antrean.pickup.overdue.seconds", "3600",
                "antrean.retention.poll.seconds", "0",
                "antrean.names.check.seconds", "3600"));
        kiosk = new Api(node.port());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        thief.close();
    }

    @Test
    void aStoredTicketWhoseCommitAnswerWasLostIsReturnedByTheRetry() {
        assertThat(kiosk.post(TICKETS, ticketRequest(nik(1))).status()).isEqualTo(201);
        long before = TestData.count(db, "SELECT COUNT(*) FROM ticket");
        Map<String, String> key = Map.of("Idempotency-Key", "kiosk-lost-commit-1");

        thief.arm();
        long start = System.nanoTime();
        Api.Response unknown = kiosk.post(TICKETS, ticketRequest(nik(2)), key);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(thief.stolen()).isEqualTo(1);
        assertThat(unknown.status()).isEqualTo(503);
        assertThat(unknown.error()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(unknown.headers().firstValue("Retry-After")).isPresent();
        assertThat(unknown.json().get("messages").get("id").asText()).contains("Idempotency-Key yang sama");
        assertThat(unknown.json().get("messages").get("en").asText()).contains("same Idempotency-Key");
        assertThat(millis).as("answered within the socket timeout, not a hang").isLessThan(5_000);
        // It is stored all the same: exactly the case the client must not be told "error" about.
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(before + 1);

        Api.Response retry = kiosk.post(TICKETS, ticketRequest(nik(2)), key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(TestData.string(db, "SELECT CONCAT(ticket_prefix, '-', IF(number < 1000, LPAD(number, 3, '0'), number)) FROM ticket WHERE token = '"
                + retry.json().get("token").asText() + "'")).isEqualTo(retry.json().get("number").asText());
        assertThat(kiosk.post(TICKETS, ticketRequest(nik(2)), key).body()).isEqualTo(retry.body());
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(before + 1);
    }

    @Test
    void aTicketCommittedJustBeforeTheDatabaseFellSilentIsStillAnswered201() {
        long before = TestData.count(db, "SELECT COUNT(*) FROM ticket");
        Map<String, String> key = Map.of("Idempotency-Key", "kiosk-silent-1");
        // The COMMIT's answer and the pool's auto-commit reset on returning the connection.
        thief.silenceAfterNextCommit(2);
        Api.Response issued;
        try {
            issued = kiosk.post(TICKETS, ticketRequest(nik(10)), key);
        } finally {
            thief.release();
        }
        // The commit was answered; what failed came after it (admission, the place in the queue).
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        String number = issued.json().get("number").asText();
        assertThat(issued.json().get("position").isNull()).as("place in the queue unknown, said so").isTrue();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(before + 1);
        assertThat(TestData.string(db, "SELECT CONCAT(ticket_prefix, '-', IF(number < 1000, LPAD(number, 3, '0'), number)) FROM ticket WHERE token = '"
                + token + "'")).isEqualTo(number);
        // Once the database answers again the kiosk's retry gets that ticket, never a second one.
        Api.Response again = kiosk.post(TICKETS, ticketRequest(nik(10)), key);
        for (int i = 0; again.status() == 503 && i < 10; i++) {
            again = kiosk.post(TICKETS, ticketRequest(nik(10)), key);
        }
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("token").asText()).isEqualTo(token);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(before + 1);
    }
}
