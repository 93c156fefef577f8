package id.antrean.pickup;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * At the door and the counter: the pickup code at the kiosk (health checklist, a B ticket through
 * the same admission), counters that serve recording, pickup or both, the handover after the
 * identity check, and the code's resistance to guessing (unguessable, and rate-limited per client).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PickupAtTheDoorTest {
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00")
            .with("antrean.rate-limit.pickup-miss.per-minute", "5")
            .with("antrean.pickup.overdue.seconds", "3600");

    static final String PICKUPS = "/api/v1/offices/oki/pickups";
    static final Map<String, Boolean> HEALTHY = Map.of("MASK", true, "GLOVES", true, "NO_SYMPTOMS", true);
    Api staff;

    @BeforeEach
    void login() {
        staff = new Api(office.port()).loginAsAdmin();
    }

    JsonNode register(String reference, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("reference", reference);
        m.put("name", "Warga " + reference);
        m.put("phone", "081234567890");
        m.put("nikLast4", "2468");
        Api.Response r = staff.post(PICKUPS, m);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** A kiosk of its own address (X-Forwarded-For is not trusted here, so all share 127.0.0.1). */
    Api.Response arrive(String code, Map<String, Boolean> checklist) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("checklist", checklist);
        return office.resident().post(PICKUPS + "/arrive", body);
    }

    @Test
    @Order(1)
    void theCodeGivesAPickupTicketOnTheAppointmentDayAndTheCounterRecordsTheHandover() {
        JsonNode doc = register("DOOR-1", "KTP_EL");
        String code = doc.get("code").asText();
        // Not yet its day: told when, nothing issued.
        Api.Response early = arrive(code, HEALTHY);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).isEqualTo("PICKUP_NOT_TODAY");
        assertThat(early.json().get("messages").get("id").asText()).contains("Rabu, 2 Desember 2026");

        office.clock().setWib("2026-12-02T08:05");
        staff = new Api(office.port()).loginAsAdmin();
        Api.Response unhealthy = arrive(code, Map.of("MASK", true, "GLOVES", false, "NO_SYMPTOMS", true));
        assertThat(unhealthy.error()).isEqualTo("HEALTH_PROTOCOL");
        // Typed as a resident might: lower case, no dash.
        Api.Response ticket = arrive(code.toLowerCase().replace("-", ""), HEALTHY);
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.json().get("number").asText()).isEqualTo("B-001");
        assertThat(ticket.json().get("service").asText()).isEqualTo("PICKUP");
        // The slot has begun and the room has space: admitted like any ticket.
        assertThat(ticket.json().get("state").asText()).isEqualTo("ADMITTED");
        assertThat(ticket.json().get("statusUrl").asText()).startsWith("/t/");
        // The same code again while the ticket is active: the same ticket, not a second one.
        assertThat(arrive(code, HEALTHY).json().get("number").asText()).isEqualTo("B-001");

        // Loket 1 records only, loket 2 gives documents out.
        Api.Response saved = staff.put("/api/v1/offices/oki/pickup-settings", Map.of("counterServes", Map.of("1", "RECORDING", "2", "PICKUP")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Api.Response recording = office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(1)));
        assertThat(recording.status()).as(recording.body()).isEqualTo(201);
        Api.Response atOne = staff.post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(atOne.status()).as(atOne.body()).isEqualTo(200);
        assertThat(atOne.json().get("number").asText()).startsWith("A-");
        Api.Response atTwo = staff.post("/api/v1/offices/oki/counters/2/call-next", null);
        assertThat(atTwo.json().get("number").asText()).isEqualTo("B-001");
        long ticketId = atTwo.json().get("id").asLong();
        JsonNode forCounter = staff.get("/api/v1/staff-tickets/" + ticketId + "/pickup").json();
        assertThat(forCounter.get("reference").asText()).isEqualTo("DOOR-1");
        assertThat(forCounter.get("nikLast4").asText()).isEqualTo("2468");
        // A representative must be named (letter of authority checked) when none was named from the link.
        Api.Response noName = staff.post("/api/v1/tickets/" + ticketId + "/handover", Map.of("collector", "REPRESENTATIVE"));
        assertThat(noName.status()).isEqualTo(422);
        Api.Response handed = staff.post("/api/v1/tickets/" + ticketId + "/handover", Map.of("collector", "REPRESENTATIVE",
                "representativeName", "Ani", "representativeRelation", "Anak"));
        assertThat(handed.status()).as(handed.body()).isEqualTo(200);
        assertThat(handed.json().get("state").asText()).isEqualTo("COLLECTED");
        assertThat(handed.json().get("collector").asText()).isEqualTo("REPRESENTATIVE");
        assertThat(handed.json().get("representative").get("name").asText()).isEqualTo("Ani");
        assertThat(handed.json().get("collectedBy").asText()).isEqualTo("admin");
        assertThat(TestData.string(office.db(), "SELECT state FROM ticket WHERE id = " + ticketId)).isEqualTo("DONE");
        assertThat(staff.post("/api/v1/tickets/" + ticketId + "/handover", Map.of("collector", "RESIDENT")).status()).isEqualTo(409);
        // Collected: the code no longer gives a ticket, and the list says who took it.
        assertThat(arrive(code, HEALTHY).error()).isEqualTo("PICKUP_NOT_READY");
        JsonNode collected = staff.get(PICKUPS + "?list=collected&q=2468").json().get("documents");
        assertThat(collected).hasSize(1);
        // Handover of a recording ticket is not a thing.
        long recordingId = atOne.json().get("id").asLong();
        assertThat(staff.post("/api/v1/tickets/" + recordingId + "/handover", Map.of("collector", "RESIDENT")).status()).isEqualTo(404);
    }

    @Test
    @Order(2) // last: it spends this client's misses for a minute (the limiter runs on real time)
    void codesAreUnguessableAndWrongOnesAreRateLimited() {
        // Every code distinct, 8 characters of the 31-letter alphabet (31^8 ≈ 8.5 × 10^11).
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String code = register("GUESS-" + i, "KK").get("code").asText();
            assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}");
            codes.add(code);
        }
        assertThat(codes).hasSize(60);
        office.clock().setWib("2026-12-02T08:05");
        // Five misses (the configured limit) are each told "unknown", the same whether the code was
        // malformed or merely wrong ...
        String[] guesses = {"AAAA-AAAA", "2345-6789", "ZZZZZZZZ", "not-a-code", "BBBB-BBBB"};
        for (String guess : guesses) {
            Api.Response r = arrive(guess, HEALTHY);
            assertThat(r.status()).as(guess).isEqualTo(404);
            assertThat(r.error()).isEqualTo("PICKUP_NOT_FOUND");
        }
        // ... then every code from this client is refused a while, a right one too: a guesser learns nothing.
        Api.Response blocked = arrive("CCCC-CCCC", HEALTHY);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.error()).isEqualTo("PICKUP_CODE_LOCKED");
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        String right = codes.iterator().next();
        assertThat(arrive(right, HEALTHY).status()).isEqualTo(429);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isZero();
    }
}
