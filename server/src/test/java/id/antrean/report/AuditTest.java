package id.antrean.report;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The audit trail for admins, and the counter list any staff member may read. */
@ExtendWith(TestDatabase.class)
class AuditTest {
    static Antrean node;
    static Api admin;
    static Api operator;
    static Api supervisor;

    @BeforeAll
    static void start(TestDatabase.Db db) {
        node = TestServer.start(db, MutableClock.atWib("2026-12-01T09:00"));
        admin = new Api(node.port()).loginAsAdmin();
        operator = admin.newStaff("operator1", "OPERATOR");
        supervisor = admin.newStaff("super1", "SUPERVISOR");
        Api resident = new Api(node.port());
        resident.post("/api/v1/offices/oki/tickets", ticketRequest(nik(1)));
        long id = operator.post("/api/v1/offices/oki/counters/2/call-next", null).json().get("id").asLong();
        operator.post("/api/v1/tickets/" + id + "/no-show", null);
        admin.put("/api/v1/staff/super1", Map.of("disabled", false));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void newestFirstWithActorsOnlyAndFilters() {
        Api.Response r = admin.get("/api/v1/audit");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode events = r.json().get("events");
        assertThat(events.get(0).get("type").asText()).isEqualTo("STAFF_UPDATED");
        assertThat(events.get(1).get("type").asText()).isEqualTo("TICKET_FINISHED");
        long previous = Long.MAX_VALUE;
        for (JsonNode e : events) {
            assertThat(e.get("actor").isNull()).as("issued/admitted have no actor").isFalse();
            assertThat(e.get("id").asLong()).isLessThan(previous);
            previous = e.get("id").asLong();
        }
        JsonNode byOperator = admin.get("/api/v1/audit?actor=operator1").json().get("events");
        assertThat(byOperator).hasSize(2);
        byOperator.forEach(e -> assertThat(e.get("actor").asText()).isEqualTo("operator1"));
        JsonNode created = admin.get("/api/v1/audit?type=STAFF_CREATED").json().get("events");
        assertThat(created).hasSize(3); // admin (by "system" on first start), operator1, super1
        assertThat(created.get(0).get("payload").get("username").asText()).isEqualTo("super1");
        assertThat(admin.get("/api/v1/audit?actor=nobody").json().get("events")).isEmpty();
    }

    @Test
    void pagesOlderWithTheCursor() {
        JsonNode first = admin.get("/api/v1/audit?limit=2").json();
        assertThat(first.get("events")).hasSize(2);
        long before = first.get("before").asLong();
        JsonNode older = admin.get("/api/v1/audit?limit=100&before=" + before).json();
        assertThat(older.get("events").get(0).get("id").asLong()).isLessThan(before);
        assertThat(older.get("before").isNull()).isTrue();
        assertThat(admin.get("/api/v1/audit?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/audit?before=abc").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/audit?actor=" + "x".repeat(65)).status()).isEqualTo(400);
    }

    @Test
    void onlyAdminsReadTheAuditTrail() {
        assertThat(new Api(node.port()).get("/api/v1/audit").status()).isEqualTo(401);
        assertThat(operator.get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(supervisor.get("/api/v1/audit").status()).isEqualTo(403);
    }

    @Test
    void anyStaffMemberMayListTheCounters() {
        Api.Response r = operator.get("/api/v1/offices/oki/counters");
        assertThat(r.status()).isEqualTo(200);
        // Each counter with its name (and, since issue 13, its status: open, on break or closed).
        var counters = r.json().get("counters");
        assertThat(counters).hasSize(2);
        assertThat(counters.get(0).get("id").asText() + " " + counters.get(0).get("name").asText()).isEqualTo("1 Loket 1");
        assertThat(counters.get(1).get("id").asText() + " " + counters.get(1).get("name").asText()).isEqualTo("2 Loket 2");
        assertThat(counters.get(0).get("status").asText()).isEqualTo("OPEN");
        assertThat(new Api(node.port()).get("/api/v1/offices/oki/counters").status()).isEqualTo(401);
        assertThat(operator.get("/api/v1/offices/nowhere/counters").status()).isEqualTo(404);
    }
}
