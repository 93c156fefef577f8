package id.antrean.report;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: served and mean service time per counter and per staff member, refusals by reason; JSON and CSV. */
class BreakdownReportTest {
    static final String OFFICE = "/api/v1/offices/oki";
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00");
    static Api ani;
    static Api budi;
    static Api supervisor;

    @BeforeAll
    static void start() {
        ani = office.admin().newStaff("ani", "OPERATOR");
        budi = office.admin().newStaff("budi", "OPERATOR");
        supervisor = office.admin().newStaff("kepala", "SUPERVISOR");
    }

    private long callNext(Api who, String counter) {
        Api.Response r = who.post(OFFICE + "/counters/" + counter + "/call-next", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asLong();
    }

    private void serve(Api who, long id, String startWib, String doneWib) {
        office.clock().setWib(startWib);
        assertThat(who.post("/api/v1/tickets/" + id + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true))).status())
                .isEqualTo(200);
        office.clock().setWib(doneWib);
        assertThat(who.post("/api/v1/tickets/" + id + "/complete", null).status()).isEqualTo(200);
    }

    @Test
    void perCounterPerStaffMemberAndRefusalsByReason() {
        for (int i = 0; i < 6; i++) {
            assertThat(office.resident().post(OFFICE + "/tickets", ticketRequest(nik(i))).status()).isEqualTo(201);
        }
        // Refused at the door twice: no gloves (kiosk checklist).
        for (int i = 0; i < 2; i++) {
            Map<String, Object> req = ticketRequest(nik(50 + i));
            req.put("checklist", Map.of("MASK", true, "GLOVES", false, "NO_SYMPTOMS", true));
            assertThat(office.resident().post(OFFICE + "/tickets", req).error()).isEqualTo("HEALTH_PROTOCOL");
        }
        // Ani at Loket 1 serves two (10 and 20 minutes); Budi at Loket 2 serves one (6 minutes).
        serve(ani, callNext(ani, "1"), "2026-12-01T09:00", "2026-12-01T09:10");
        serve(budi, callNext(budi, "2"), "2026-12-01T09:10", "2026-12-01T09:16");
        serve(ani, callNext(ani, "1"), "2026-12-01T09:20", "2026-12-01T09:40");
        // Refusals at the counter: no gloves, other (with a typed note that must not reach the report), a no-show.
        ani.post("/api/v1/tickets/" + callNext(ani, "1") + "/refuse", Map.of("reason", "Tanpa sarung tangan"));
        budi.post("/api/v1/tickets/" + callNext(budi, "2") + "/refuse", Map.of("reason", "Lainnya: Bapak Sutrisno marah"));
        budi.post("/api/v1/tickets/" + callNext(budi, "2") + "/no-show", null);

        Api.Response r = supervisor.get(OFFICE + "/reports/breakdown?from=2026-12-01&to=2026-12-01");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("counters")).hasSize(2);
        JsonNode loket1 = b.get("counters").get(0);
        assertThat(loket1.get("name").asText()).isEqualTo("Loket 1");
        assertThat(loket1.get("served").asInt()).isEqualTo(2);
        assertThat(loket1.get("refused").asInt()).isEqualTo(1);
        assertThat(loket1.get("meanServiceMinutes").asDouble()).isEqualTo(15.0);
        JsonNode loket2 = b.get("counters").get(1);
        assertThat(loket2.get("served").asInt()).isEqualTo(1);
        assertThat(loket2.get("noShow").asInt()).isEqualTo(1);
        assertThat(loket2.get("meanServiceMinutes").asDouble()).isEqualTo(6.0);
        Map<String, JsonNode> staff = new HashMap<>();
        b.get("staff").forEach(s -> staff.put(s.get("key").asText(), s));
        assertThat(staff.get("ani").get("served").asInt()).isEqualTo(2);
        assertThat(staff.get("ani").get("meanServiceMinutes").asDouble()).isEqualTo(15.0);
        assertThat(staff.get("budi").get("served").asInt()).isEqualTo(1);
        assertThat(staff.get("budi").get("refused").asInt()).isEqualTo(1);
        assertThat(staff.get("budi").get("noShow").asInt()).isEqualTo(1);
        Map<String, Integer> refusals = new HashMap<>();
        b.get("refusals").forEach(x -> refusals.put(x.get("place").asText() + "/" + x.get("reason").asText(), x.get("count").asInt()));
        assertThat(refusals).containsEntry("DOOR/GLOVES", 2).containsEntry("COUNTER/NO_GLOVES", 1).containsEntry("COUNTER/OTHER", 1);
        assertThat(r.body()).doesNotContain("Sutrisno");

        Api.Response csv = supervisor.getWith(OFFICE + "/reports/breakdown?from=2026-12-01&to=2026-12-01", Map.of("Accept", "text/csv"));
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).contains(
                "section,key,label,served,noShow,refused,meanServiceMin,count",
                "counter,1,Loket 1,2,0,1,15.0,",
                "counter,2,Loket 2,1,1,1,6.0,",
                "staff,ani,ani,2,0,1,15.0,",
                "refusal-door,GLOVES,Tanpa sarung tangan,,,,,2",
                "refusal-counter,OTHER,Lainnya,,,,,1");
        assertThat(csv.body()).doesNotContain("Sutrisno");
        // A range with nothing in it: empty lists, not an error; a reversed one: 422.
        JsonNode empty = supervisor.get(OFFICE + "/reports/breakdown?from=2026-11-01&to=2026-11-02").json();
        assertThat(empty.get("counters")).isEmpty();
        assertThat(supervisor.get(OFFICE + "/reports/breakdown?from=2026-12-02&to=2026-12-01").status()).isEqualTo(422);
        assertThat(ani.get(OFFICE + "/reports/breakdown").status()).isEqualTo(403);
    }
}
