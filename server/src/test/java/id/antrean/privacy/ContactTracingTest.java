package id.antrean.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.privacy.PrivacyOffice.issue;
import static id.antrean.privacy.PrivacyOffice.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact tracing over HTTP: a morning with a resident who later tested positive (A), two who
 * shared the waiting room with them (B consented to WhatsApp, C withdrew it), one without a
 * number (D), and one who came after A had left (E). The export by ticket and by NIK names B, C
 * and D with their minutes and only B's number; it needs a tracing account and a reason, is
 * audited, comes as CSV too, and after erasure says what it can no longer tell.
 */
class ContactTracingTest {
    static final WireMockServer PROVIDER = PrivacyOffice.provider();

    @RegisterExtension
    static final OfficeUnderTest office = PrivacyOffice.office(PROVIDER, "2026-12-01T09:00");

    static final String NIK_A = "1602011505900111";
    static final String PHONE_B = "+6281234511102";
    static final String PHONE_C = "+6281234511103";
    static final String TRACING = "/api/v1/offices/oki/tracing";
    static Api tracer;
    static Api operator;

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void setUp() {
        PrivacyOffice.reset(office);
        synchronized (ContactTracingTest.class) {
            if (tracer == null) {
                tracer = office.admin().newStaff("dinkes1", "TRACER");
                operator = office.admin().newStaff("loket1", "OPERATOR");
            }
        }
    }

    /** 09:00 A, B, C, D let in (C then stops messages); 09:05 A called to counter 2, served 09:10–09:25; 09:30 E; 09:31 B called. */
    Map<String, JsonNode> aMorning() {
        Api resident = office.resident();
        Map<String, JsonNode> t = new LinkedHashMap<>();
        t.put("A", issue(resident, NIK_A, "Andi Positif", "+6281234511101", true, null));
        t.put("B", issue(resident, "1602011505900112", "Bunga", PHONE_B, true, null));
        t.put("C", issue(resident, "1602011505900113", "Citra", PHONE_C, true, null));
        t.put("D", issue(resident, "1602011505900114", null, null, false, null));
        ok(resident.delete("/api/v1/tickets/" + t.get("C").get("token").asText() + "/messages"));
        office.clock().setWib("2026-12-01T09:05");
        JsonNode first = operator.post("/api/v1/offices/oki/counters/2/call-next", null).json();
        assertThat(first.get("number").asText()).isEqualTo("A-001");
        office.clock().setWib("2026-12-01T09:10");
        ok(operator.post("/api/v1/tickets/" + first.get("id").asLong() + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true))));
        office.clock().setWib("2026-12-01T09:25");
        ok(operator.post("/api/v1/tickets/" + first.get("id").asLong() + "/complete", null));
        office.clock().setWib("2026-12-01T09:30");
        t.put("E", issue(resident, "1602011505900115", "Eko", "+6281234511105", true, null));
        office.clock().setWib("2026-12-01T09:31");
        ok(operator.post("/api/v1/offices/oki/counters/2/call-next", null));
        office.clock().setWib("2026-12-01T09:40");
        return t;
    }

    Api.Response trace(Api who, Map<String, Object> body) {
        return who.post(TRACING, body);
    }

    static Map<String, JsonNode> byNumber(JsonNode export) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        export.get("contacts").forEach(c -> m.put(c.get("number").asText(), c));
        return m;
    }

    @Test
    void namesWhoSharedTheRoomWithMinutesAndOnlyConsentedNumbers() {
        aMorning();
        Api.Response r = trace(tracer, Map.of("reason", "DINKES-OKI/2026/117", "number", "A-001", "day", "2026-12-01"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.get("index").get(0).get("number").asText()).isEqualTo("A-001");
        assertThat(e.get("index").get(0).get("counterId").asText()).isEqualTo("2");
        assertThat(e.get("index").get(0).get("staff").toString()).contains("loket1");
        Map<String, JsonNode> contacts = byNumber(e);
        // A was in the room 09:00–09:05 (called at 09:05): everyone let in at 09:00 shared those 5 minutes.
        assertThat(contacts).containsOnlyKeys("A-002", "A-003", "A-004");
        assertThat(contacts.get("A-002").get("waitingRoomMinutes").asLong()).isEqualTo(5);
        assertThat(contacts.get("A-002").get("reach").asText()).isEqualTo("CONSENTED");
        assertThat(contacts.get("A-002").get("whatsapp").asText()).isEqualTo(PHONE_B);
        assertThat(contacts.get("A-003").get("reach").asText()).isEqualTo("WITHDRAWN");
        assertThat(contacts.get("A-003").get("whatsapp").isNull()).isTrue();
        assertThat(contacts.get("A-004").get("reach").asText()).isEqualTo("NO_CONSENT");
        assertThat(contacts.get("A-004").get("whatsapp").isNull()).isTrue();
        assertThat(e.get("people").asInt()).isEqualTo(3);
        assertThat(r.body()).doesNotContain(PHONE_C, "Bunga", "Citra", "Andi");

        // The same by NIK (hashed as at the kiosk).
        JsonNode byNik = trace(tracer, Map.of("reason", "DINKES-OKI/2026/117", "nik", NIK_A)).json();
        assertThat(byNumber(byNik).keySet()).isEqualTo(contacts.keySet());
        assertThat(byNik.get("by").asText()).isEqualTo("NIK");

        // Every export is audited: who, when, why, how many people; never the NIK or the numbers.
        JsonNode audit = office.admin().get("/api/v1/audit?type=CONTACT_TRACING_EXPORTED&limit=10").json().get("events");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("dinkes1");
        assertThat(audit.get(0).get("payload").get("reason").asText()).isEqualTo("DINKES-OKI/2026/117");
        assertThat(audit.get(0).get("payload").get("people").asInt()).isEqualTo(3);
        assertThat(audit.get(1).get("payload").get("number").asText()).isEqualTo("A-001");
        assertThat(audit.toString()).doesNotContain(NIK_A, PHONE_B);
    }

    @Test
    void csvForTheHealthOffice() {
        aMorning();
        Api.Response r = tracer.post(TRACING, Map.of("reason", "KASUS-12", "number", "a-001", "day", "2026-12-01"),
                Map.of("Accept", "text/csv"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("KASUS-12"));
        int header = lines.indexOf("number,day,service,state,waitingRoomMinutes,sameCounterMinutes,from,to,counter,reach,whatsapp");
        assertThat(header).isPositive();
        List<String> rows = lines.subList(header + 1, lines.size());
        assertThat(rows).hasSize(3);
        assertThat(rows).anyMatch(l -> l.startsWith("\"A-002\",2026-12-01,") && l.contains(",5,0,") && l.endsWith("\"" + PHONE_B + "\""));
        assertThat(rows).anyMatch(l -> l.startsWith("\"A-003\"") && l.endsWith(",WITHDRAWN,"));
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE type = 'CONTACT_TRACING_EXPORTED' "
                + "AND JSON_VALUE(payload, '$.format') = 'CSV'")).isEqualTo(1);
    }

    @Test
    void onlyATracerWithAReasonForOneTicketOrNik() {
        aMorning();
        Map<String, Object> ok = Map.of("reason", "KASUS-1", "number", "A-001", "day", "2026-12-01");
        assertThat(trace(office.admin(), ok).status()).isEqualTo(403);
        assertThat(trace(operator, ok).status()).isEqualTo(403);
        assertThat(trace(office.resident(), ok).status()).isEqualTo(401);
        Api.Response noReason = trace(tracer, Map.of("number", "A-001", "day", "2026-12-01"));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("details").get("field").asText()).isEqualTo("reason");
        assertThat(trace(tracer, Map.of("reason", "KASUS-1")).status()).isEqualTo(422);
        assertThat(trace(tracer, Map.of("reason", "KASUS-1", "number", "A-001", "nik", NIK_A)).status()).isEqualTo(422);
        assertThat(trace(tracer, Map.of("reason", "KASUS-1", "nik", "123")).json().get("error").asText()).isEqualTo("INVALID_NIK");
        assertThat(trace(tracer, Map.of("reason", "KASUS-1", "number", "A-099", "day", "2026-12-01")).status()).isEqualTo(404);
        assertThat(trace(tracer, Map.of("reason", "KASUS-1", "number", "A-001", "day", "1 Des")).status()).isEqualTo(400);
        // Refused requests are not exports: nothing audited.
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE type = 'CONTACT_TRACING_EXPORTED'")).isZero();
        // A tracer works no counter and sees no reports.
        assertThat(tracer.post("/api/v1/offices/oki/counters/1/call-next", null).status()).isEqualTo(403);
        assertThat(tracer.get("/api/v1/offices/oki/reports/daily").status()).isEqualTo(403);
    }

    @Test
    void afterErasureTracingSaysWhatItCanNoLongerTell() {
        aMorning();
        office.clock().setWib("2027-01-01T09:00");
        assertThat(office.admin().post("/api/v1/offices/oki/privacy/run", null).json().get("erased").get("tickets").asInt())
                .isEqualTo(5);
        Api.Response byNik = trace(tracer, Map.of("reason", "KASUS-9", "nik", NIK_A));
        assertThat(byNik.status()).isEqualTo(404);
        assertThat(byNik.json().get("messages").get("id").asText()).contains("sudah dihapus", "30 hari");
        assertThat(byNik.json().get("details").get("keepDays").asInt()).isEqualTo(30);
        Api.Response r = trace(tracer, Map.of("reason", "KASUS-9", "number", "A-001", "day", "2026-12-01"));
        assertThat(r.status()).isEqualTo(200);
        Map<String, JsonNode> contacts = byNumber(r.json());
        // Times and numbers remain (the minutes are the same); no number can be given any more.
        assertThat(contacts).containsOnlyKeys("A-002", "A-003", "A-004");
        assertThat(contacts.get("A-002").get("waitingRoomMinutes").asLong()).isEqualTo(5);
        List<String> reach = new ArrayList<>();
        contacts.values().forEach(c -> reach.add(c.get("reach").asText() + ":" + c.get("whatsapp").isNull()));
        assertThat(reach).containsOnly("ERASED:true");
        assertThat(r.json().get("index").get(0).get("personalDataErased").asBoolean()).isTrue();
        assertThat(r.json().get("limits").toString()).contains("3 orang: data pribadi sudah dihapus", "personal data has been erased");
        assertThat(r.body()).doesNotContain(PHONE_B);
    }

    @Test
    void aResidentWhoNeverCameInHasNoContacts() {
        aMorning();
        office.clock().setWib("2026-12-01T09:45");
        JsonNode late = issue(office.resident(), "1602011505900116", null, null, false, "2026-12-02");
        assertThat(late.get("number").asText()).isNotBlank();
        JsonNode e = trace(tracer, Map.of("reason", "KASUS-2", "number", late.get("number").asText(), "day", "2026-12-02")).json();
        assertThat(e.get("contacts")).isEmpty();
        assertThat(e.get("limits").toString()).contains("tidak pernah masuk ruang tunggu");
        assertThat(Duration.ofMinutes(e.get("keepDays").asLong()).toMinutes()).isEqualTo(30);
    }
}
