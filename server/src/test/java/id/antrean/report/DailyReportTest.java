package id.antrean.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

/** The daily report over HTTP, after a scripted day: counts, wait and service times, CSV, roles, ranges. */
@ExtendWith(TestDatabase.class)
class DailyReportTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final String REPORT = "/api/v1/offices/oki/reports/daily";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static Antrean node;
    static Api admin;
    static Api operator;
    static Api supervisor;
    static Api resident;

    @BeforeAll
    static void start(TestDatabase.Db db) {
        node = TestServer.start(db, CLOCK);
        resident = new Api(node.port());
        admin = new Api(node.port()).loginAsAdmin();
        operator = admin.newStaff("operator1", "OPERATOR");
        supervisor = admin.newStaff("super1", "SUPERVISOR");
        scriptTheDay();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /**
     * 09:00 four tickets (A-001…A-004), one resident refused at the door, one booking for tomorrow.
     * A-001 called 09:05, served 09:07–09:17 (done); A-002 called 09:20, no-show; A-003 called 09:30,
     * served 09:31, refused 09:35; A-004 cancelled. Waits 5, 20, 30 min; service 10 and 4 min.
     */
    static void scriptTheDay() {
        List<JsonNode> t = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Api.Response r = resident.post(TICKETS, ticketRequest(nik(i)));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            t.add(r.json());
        }
        Map<String, Object> noMask = ticketRequest(nik(9));
        noMask.put("checklist", Map.of("MASK", false, "GLOVES", true, "NO_SYMPTOMS", true));
        assertThat(resident.post(TICKETS, noMask).error()).isEqualTo("HEALTH_PROTOCOL");
        Map<String, Object> tomorrow = ticketRequest(nik(8));
        tomorrow.put("day", "2026-12-02");
        assertThat(resident.post(TICKETS, tomorrow).status()).isEqualTo(201);
        assertThat(resident.delete("/api/v1/tickets/" + t.get(3).get("token").asText()).status()).isEqualTo(200);

        at("09:05");
        long a1 = call();
        at("09:07");
        ok(operator.post("/api/v1/tickets/" + a1 + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true))));
        at("09:17");
        ok(operator.post("/api/v1/tickets/" + a1 + "/complete", null));
        at("09:20");
        long a2 = call();
        at("09:21");
        ok(operator.post("/api/v1/tickets/" + a2 + "/no-show", null));
        at("09:30");
        long a3 = call();
        at("09:31");
        ok(operator.post("/api/v1/tickets/" + a3 + "/recall", null));
        ok(operator.post("/api/v1/tickets/" + a3 + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true))));
        at("09:35");
        ok(operator.post("/api/v1/tickets/" + a3 + "/refuse", Map.of("reason", "Bergejala")));
        at("10:00");
    }

    static void at(String hhmm) {
        CLOCK.setWib("2026-12-01T" + hhmm);
    }

    static long call() {
        Api.Response r = operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asLong();
    }

    static void ok(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void jsonGivesTheDaysCountsAndTimes() {
        Api.Response r = supervisor.get(REPORT + "?from=2026-12-01&to=2026-12-02");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode day = r.json().get("days").get(0);
        assertThat(day.get("day").asText()).isEqualTo("2026-12-01");
        assertThat(day.get("issued").asInt()).isEqualTo(4);
        assertThat(day.get("served").asInt()).isEqualTo(1);
        assertThat(day.get("noShow").asInt()).isEqualTo(1);
        assertThat(day.get("refusedAtDoor").asInt()).isEqualTo(1);
        assertThat(day.get("refusedAtCounter").asInt()).isEqualTo(1);
        assertThat(day.get("cancelled").asInt()).isEqualTo(1);
        // The recall at 09:31 does not move the wait: it is measured to the first call.
        assertThat(day.get("waitMinutes").get("median").asDouble()).isEqualTo(20.0);
        assertThat(day.get("waitMinutes").get("p90").asDouble()).isEqualTo(30.0);
        assertThat(day.get("serviceMinutes").get("median").asDouble()).isEqualTo(4.0);
        assertThat(day.get("serviceMinutes").get("p90").asDouble()).isEqualTo(10.0);
        assertThat(day.get("ticketsPerHour")).hasSize(24);
        assertThat(day.get("ticketsPerHour").get(9).asInt()).isEqualTo(4);
        JsonNode next = r.json().get("days").get(1);
        assertThat(next.get("issued").asInt()).isEqualTo(1);
        assertThat(next.get("waitMinutes").get("median").isNull()).isTrue();
        // Booked the day before: counted at its slot's hour, 08:00, not at 09:00 of another day.
        assertThat(next.get("ticketsPerHour").get(8).asInt()).isEqualTo(1);
        assertThat(supervisor.get(REPORT).json().get("from").asText()).isEqualTo("2026-12-01");
    }

    @Test
    void csvWhenAcceptAsksForItMatchesTheDaysTickets() {
        Api.Response r = supervisor.raw("GET", REPORT + "?from=2026-11-30&to=2026-12-01", null, new byte[0]);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        Api.Response csv = supervisor.getWith(REPORT + "?from=2026-11-30&to=2026-12-01", Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("antrean-oki-2026-11-30_2026-12-01.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("day,issued,served,noShow,refusedAtDoor,refusedAtCounter,cancelled,"
                + "waitMedianMin,waitP90Min,serviceMedianMin,serviceP90Min,h00,").endsWith(",h23");
        List<String> hours = new ArrayList<>(Collections.nCopies(24, "0"));
        assertThat(lines[1]).isEqualTo("2026-11-30,0,0,0,0,0,0,,,," + "," + String.join(",", hours));
        hours.set(9, "4");
        assertThat(lines[2]).isEqualTo("2026-12-01,4,1,1,1,1,1,20.0,30.0,4.0,10.0," + String.join(",", hours));
        // The counts agree with the queue the counters see.
        JsonNode queue = operator.get("/api/v1/offices/oki/queue").json().get("tickets");
        assertThat(queue).hasSize(4);
    }

    @Test
    void onlySupervisorsAndAdminsMayReadIt() {
        assertThat(new Api(node.port()).get(REPORT).status()).isEqualTo(401);
        Api.Response refused = operator.get(REPORT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("FORBIDDEN");
        assertThat(operator.getWith(REPORT, Map.of("Accept", "text/csv")).status()).isEqualTo(403);
        assertThat(supervisor.get(REPORT).status()).isEqualTo(200);
        assertThat(admin.get(REPORT).status()).isEqualTo(200);
    }

    @Test
    void badRangesAreRefusedInWords() {
        Api.Response notADate = supervisor.get(REPORT + "?from=2026-13-01");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.error()).isEqualTo("INVALID_PARAMETER");
        assertThat(notADate.json().get("details").get("parameter").asText()).isEqualTo("from");
        assertThat(notADate.json().get("messages").get("id").asText()).contains("YYYY-MM-DD");
        assertThat(supervisor.get(REPORT + "?to=yesterday").status()).isEqualTo(400);
        Api.Response backwards = supervisor.get(REPORT + "?from=2026-12-02&to=2026-12-01");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.error()).isEqualTo("INVALID_RANGE");
        Api.Response tooLong = supervisor.get(REPORT + "?from=2026-08-31&to=2026-12-01");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.error()).isEqualTo("INVALID_RANGE");
        assertThat(tooLong.json().get("details").get("maxDays").asInt()).isEqualTo(92);
        Api.Response longest = supervisor.get(REPORT + "?from=2026-09-01&to=2026-12-01");
        assertThat(longest.status()).as(longest.body()).isEqualTo(200);
        assertThat(longest.json().get("days")).hasSize(92);
        assertThat(supervisor.get("/api/v1/offices/nowhere/reports/daily").status()).isEqualTo(404);
    }
}
