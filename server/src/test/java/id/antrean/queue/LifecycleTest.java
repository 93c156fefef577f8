package id.antrean.queue;

import java.util.List;
import java.util.Map;

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

/** A ticket's day through every state, the waiting room's capacity, and the staff actions. */
class LifecycleTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static final MutableClock CLOCK = office.clock();
    static TestDatabase.Db db;
    static Antrean node;
    static Api admin;
    static Api operator;
    static Api resident;

    @BeforeAll
    static void start() {
        db = office.db();
        node = office.node();
        resident = office.resident();
        admin = office.admin();
        operator = admin.newStaff("operator1", "OPERATOR");
    }

    private JsonNode issue(int i) {
        Api.Response r = resident.post(TICKETS, ticketRequest(nik(i)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private String state(JsonNode ticket) {
        return resident.get("/api/v1/tickets/" + ticket.get("token").asText()).json().get("state").asText();
    }

    private Api.Response callNext(String counter) {
        return operator.post("/api/v1/offices/oki/counters/" + counter + "/call-next", null);
    }

    @Test
    void throughEveryStateToDone() {
        JsonNode t = issue(1);
        long id = t.get("id").asLong();
        assertThat(state(t)).isEqualTo("ADMITTED");
        Api.Response called = callNext("2");
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.json().get("number").asText()).isEqualTo("A-001");
        assertThat(called.json().get("state").asText()).isEqualTo("CALLED");
        assertThat(called.json().get("counter").get("name").asText()).isEqualTo("Loket 2");
        assertThat(called.json().get("nikLast4").asText()).isEqualTo(nik(1).substring(12));
        JsonNode publicView = resident.get("/api/v1/tickets/" + t.get("token").asText()).json();
        assertThat(publicView.get("counter").get("id").asText()).isEqualTo("2");
        assertThat(publicView.get("cancellable").asBoolean()).isFalse();

        Api.Response recalled = operator.post("/api/v1/tickets/" + id + "/recall", null);
        assertThat(recalled.json().get("recalls").asInt()).isEqualTo(1);
        Api.Response noPpe = operator.post("/api/v1/tickets/" + id + "/start", Map.of("ppe", Map.of("MASK", true)));
        assertThat(noPpe.status()).isEqualTo(422);
        assertThat(noPpe.error()).isEqualTo("HEALTH_PROTOCOL");
        Api.Response fever = operator.post("/api/v1/tickets/" + id + "/start",
                Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", 38.2));
        assertThat(fever.error()).isEqualTo("HEALTH_PROTOCOL");
        Api.Response serving = operator.post("/api/v1/tickets/" + id + "/start",
                Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", 36.6));
        assertThat(serving.status()).isEqualTo(200);
        assertThat(serving.json().get("state").asText()).isEqualTo("SERVING");
        assertThat(serving.json().get("temperatureC").asDouble()).isEqualTo(36.6);
        assertThat(operator.post("/api/v1/tickets/" + id + "/no-show", null).error()).isEqualTo("INVALID_STATE");
        Api.Response done = operator.post("/api/v1/tickets/" + id + "/complete", null);
        assertThat(done.json().get("state").asText()).isEqualTo("DONE");
        assertThat(operator.post("/api/v1/tickets/" + id + "/complete", null).status()).isEqualTo(409);
        assertThat(resident.delete("/api/v1/tickets/" + t.get("token").asText()).error()).isEqualTo("INVALID_STATE");

        List<String> types = eventTypes();
        assertThat(types).containsExactly("TICKET_ISSUED", "TICKET_ADMITTED", "TICKET_CALLED", "TICKET_RECALLED",
                "TICKET_SERVING", "TICKET_FINISHED");
        assertThat(TestData.string(db, "SELECT actor FROM event WHERE type = 'TICKET_CALLED'")).isEqualTo("operator1");
    }

    @Test
    void noShowOnlyAfterACallAndRefuseNeedsAReason() {
        JsonNode a = issue(2);
        JsonNode b = issue(3);
        assertThat(operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/no-show", null).error()).isEqualTo("INVALID_STATE");
        assertThat(callNext("1").json().get("number").asText()).isEqualTo("A-001");
        assertThat(operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/no-show", null).json().get("state").asText())
                .isEqualTo("NO_SHOW");
        assertThat(callNext("1").json().get("number").asText()).isEqualTo("A-002");
        assertThat(operator.post("/api/v1/tickets/" + b.get("id").asLong() + "/refuse", Map.of()).status()).isEqualTo(422);
        Api.Response refused = operator.post("/api/v1/tickets/" + b.get("id").asLong() + "/refuse", Map.of("reason", "Tidak memakai sarung tangan"));
        assertThat(refused.json().get("state").asText()).isEqualTo("REFUSED");
        assertThat(resident.get("/api/v1/tickets/" + b.get("token").asText()).json().get("refuseReason").asText())
                .isEqualTo("Tidak memakai sarung tangan");
        assertThat(callNext("1").status()).isEqualTo(204);
    }

    @Test
    void aCounterServesOneResidentAtATime() {
        issue(4);
        issue(5);
        assertThat(callNext("1").status()).isEqualTo(200);
        Api.Response busy = callNext("1");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.error()).isEqualTo("COUNTER_BUSY");
        assertThat(busy.json().get("details").get("number").asText()).isEqualTo("A-001");
        assertThat(callNext("2").json().get("number").asText()).isEqualTo("A-002");
        assertThat(callNext("9").error()).isEqualTo("COUNTER_NOT_FOUND");
    }

    @Test
    void theRoomAdmitsUpToItsCapacityAndMoreAsPeopleLeave() {
        admin.changeSettings("roomCapacity", 2);
        JsonNode[] t = {issue(10), issue(11), issue(12), issue(13)};
        assertThat(List.of(state(t[0]), state(t[1]), state(t[2]), state(t[3])))
                .containsExactly("ADMITTED", "ADMITTED", "BOOKED", "BOOKED");
        JsonNode waiting = resident.get("/api/v1/tickets/" + t[3].get("token").asText()).json();
        assertThat(waiting.get("peopleAhead").asInt()).isEqualTo(3);
        // A cancellation outside frees nothing inside; one inside lets the next one in.
        assertThat(resident.delete("/api/v1/tickets/" + t[1].get("token").asText()).json().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(state(t[2])).isEqualTo("ADMITTED");
        assertThat(state(t[3])).isEqualTo("BOOKED");
        // Calling does not free a place (the resident is still inside); finishing does.
        long called = callNext("1").json().get("id").asLong();
        assertThat(state(t[3])).isEqualTo("BOOKED");
        operator.post("/api/v1/tickets/" + called + "/no-show", null);
        assertThat(state(t[3])).isEqualTo("ADMITTED");
        // A larger room takes effect at once.
        JsonNode later = issue(14);
        assertThat(state(later)).isEqualTo("BOOKED");
        assertThat(admin.changeSettings("roomCapacity", 5).status()).isEqualTo(200);
        assertThat(state(later)).isEqualTo("ADMITTED");
    }

    @Test
    void ticketsForALaterSlotWaitOutsideUntilTheSlotStarts() {
        for (int i = 0; i < 5; i++) {
            issue(20 + i); // fill 09:00
        }
        admin.changeSettings("roomCapacity", 10);
        JsonNode later = issue(25);
        assertThat(later.get("slot").get("start").asText()).isEqualTo("09:30");
        assertThat(state(later)).isEqualTo("BOOKED");
        CLOCK.setWib("2026-12-01T09:30");
        // The timer of the node admits it; in the test we do not wait for it: any change triggers it too.
        issue(26);
        assertThat(state(later)).isEqualTo("ADMITTED");
    }

    @Test
    void priorityGroupsGoFirst() {
        issue(30);
        Map<String, Object> elderly = ticketRequest(nik(31));
        elderly.put("priorityGroup", "ELDERLY");
        resident.post(TICKETS, elderly);
        assertThat(callNext("1").json().get("number").asText()).isEqualTo("A-002");
        JsonNode queue = operator.get("/api/v1/offices/oki/queue").json().get("tickets");
        assertThat(queue).hasSize(2);
        assertThat(queue.get(0).get("number").asText()).isEqualTo("A-002");
        assertThat(queue.get(0).get("priorityGroup").asText()).isEqualTo("ELDERLY");
        assertThat(queue.toString()).doesNotContain(nik(30)).doesNotContain(nik(31));
    }

    @Test
    void settingsAreValidatedFieldByFieldAndAudited() {
        Api.Response current = admin.get("/api/v1/offices/oki/settings");
        assertThat(current.json().get("slotMinutes").asInt()).isEqualTo(30);
        Map<String, Object> bad = withRoomCapacity(0);
        bad.put("slotMinutes", "thirty");
        bad.put("counters", List.of());
        Api.Response invalid = admin.put("/api/v1/offices/oki/settings", bad);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).isEqualTo("INVALID_SETTINGS");
        assertThat(invalid.json().get("details").get("fields").fieldNames()).toIterable()
                .contains("roomCapacity", "slotMinutes", "counters");
        assertThat(admin.get("/api/v1/offices/oki/settings").json().get("roomCapacity").asInt()).isEqualTo(10);
        assertThat(admin.changeSettings("roomCapacity", 7).json().get("roomCapacity").asInt()).isEqualTo(7);
        JsonNode audit = admin.get("/api/v1/offices/oki/events?after=0").json().get("events");
        JsonNode change = audit.get(audit.size() - 1);
        assertThat(change.get("type").asText()).isEqualTo("SETTINGS_CHANGED");
        assertThat(change.get("actor").asText()).isEqualTo("admin");
        assertThat(change.get("payload").get("old").get("roomCapacity").asInt()).isEqualTo(10);
        assertThat(change.get("payload").get("new").get("roomCapacity").asInt()).isEqualTo(7);
        assertThat(operator.put("/api/v1/offices/oki/settings", withRoomCapacity(3)).status()).isEqualTo(403);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> withRoomCapacity(int capacity) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        admin.get("/api/v1/offices/oki/settings").json().fields()
                .forEachRemaining(e -> settings.put(e.getKey(), e.getValue()));
        settings.put("roomCapacity", capacity);
        return settings;
    }

    private static List<String> eventTypes() {
        List<String> types = new java.util.ArrayList<>();
        try (var c = db.connect(); var rs = c.createStatement().executeQuery("SELECT type FROM event ORDER BY id")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }
}
