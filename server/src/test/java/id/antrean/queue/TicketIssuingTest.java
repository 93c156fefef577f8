package id.antrean.queue;

import java.nio.charset.StandardCharsets;
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

/** Issuing tickets over HTTP: the happy path and every error a client can meet. */
@ExtendWith(TestDatabase.class)
class TicketIssuingTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:10"); // a Tuesday
    static TestDatabase.Db db;
    static Antrean node;
    static Api api;
    static String seeded;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK);
        api = new Api(node.port());
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
    void issuesTheFirstTicketOfTheDayInTheCurrentSlot() {
        Api.Response r = api.post(TICKETS, ticketRequest(nik(1)));
        assertThat(r.status()).isEqualTo(201);
        JsonNode t = r.json();
        assertThat(t.get("number").asText()).isEqualTo("A-001");
        assertThat(t.get("service").asText()).isEqualTo("KTP_EL_RECORDING");
        assertThat(t.get("day").asText()).isEqualTo("2026-12-01");
        assertThat(t.get("slot").get("start").asText()).isEqualTo("09:00");
        assertThat(t.get("slot").get("end").asText()).isEqualTo("09:30");
        // The slot has started and the room is empty: admitted at once.
        assertThat(t.get("state").asText()).isEqualTo("ADMITTED");
        assertThat(t.get("position").asInt()).isEqualTo(1);
        assertThat(t.get("token").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(t.get("statusUrl").asText()).isEqualTo("/t/" + t.get("token").asText());
        assertThat(t.get("estimatedCallAt").asText()).startsWith("2026-12-01T09:10").endsWith("+07:00");
        // Stored with the NIK only as a keyed hash and its last four digits.
        assertThat(TestData.string(db, "SELECT nik_last4 FROM ticket")).isEqualTo(nik(1).substring(12));
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE nik_hash = UNHEX(SHA2('" + nik(1) + "', 256))")).isZero();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'TICKET_ISSUED'")).isEqualTo(1);
        assertThat(TestData.string(db, "SELECT payload FROM event WHERE type = 'TICKET_ISSUED'")).doesNotContain(nik(1));

        Api.Response status = api.get("/api/v1/tickets/" + t.get("token").asText());
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("number").asText()).isEqualTo("A-001");
        assertThat(status.body()).doesNotContain(nik(1).substring(12)).doesNotContain("nik");
    }

    @Test
    void numbersRunWithoutGapsAndSlotsFillInOrder() {
        for (int i = 0; i < 7; i++) {
            Api.Response r = api.post(TICKETS, ticketRequest(nik(i)));
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.json().get("number").asText()).isEqualTo(String.format("A-%03d", i + 1));
            assertThat(r.json().get("slot").get("start").asText()).isEqualTo(i < 5 ? "09:00" : "09:30");
        }
    }

    @Test
    void invalidNik() {
        Api.Response r = api.post(TICKETS, ticketRequest("1602011505"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("INVALID_NIK");
        assertThat(r.json().get("details").get("reason").asText()).isEqualTo("LENGTH");
        assertThat(r.json().get("messages").get("id").asText()).contains("16 angka");
        assertThat(r.json().get("messages").get("en").asText()).contains("16 digits");
        assertThat(api.post(TICKETS, ticketRequest("1602013202900001")).json().get("details").get("reason").asText())
                .isEqualTo("BIRTH_DATE");
    }

    @Test
    void nikFromAnotherRegionIsFlaggedByDefaultAndRefusedWhenEnforced() {
        Api.Response warned = api.post(TICKETS, ticketRequest("1671011505900001"));
        assertThat(warned.status()).isEqualTo(201);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket WHERE region_warning")).isEqualTo(1);
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.nikRegionPolicy', 'ENFORCE')");
        Api.Response refused = api.post(TICKETS, ticketRequest("1671011505900002"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("details").get("reason").asText()).isEqualTo("OUTSIDE_REGION");
    }

    @Test
    void healthProtocolRefusalIsCountedWithoutPersonalData() {
        Map<String, Object> body = ticketRequest(nik(2));
        body.put("checklist", Map.of("MASK", true, "GLOVES", false, "NO_SYMPTOMS", true));
        Api.Response r = api.post(TICKETS, body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("HEALTH_PROTOCOL");
        assertThat(r.json().get("details").get("missing").toString()).isEqualTo("[\"GLOVES\"]");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isZero();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'HEALTH_REFUSED'")).isEqualTo(1);
        assertThat(TestData.string(db, "SELECT CONCAT(payload, COALESCE(actor, '')) FROM event WHERE type = 'HEALTH_REFUSED'"))
                .doesNotContain(nik(2)).doesNotContain(nik(2).substring(12));
    }

    @Test
    void urgencyIsRequired() {
        Map<String, Object> body = ticketRequest(nik(3));
        body.put("urgency", null);
        assertThat(api.post(TICKETS, body).error()).isEqualTo("URGENCY_REQUIRED");
        body.put("urgency", Map.of("reason", "OTHER"));
        Api.Response noNote = api.post(TICKETS, body);
        assertThat(noNote.status()).isEqualTo(422);
        assertThat(noNote.json().get("details").get("field").asText()).isEqualTo("urgency.note");
        body.put("urgency", Map.of("reason", "OTHER", "note", "Panggilan kerja besok pagi"));
        assertThat(api.post(TICKETS, body).status()).isEqualTo(201);
    }

    @Test
    void whatsAppServicesGetTheirNumberNotATicket() {
        Map<String, String> expected = Map.of("KK", "+6287894567172", "PINDAH_DATANG", "+6287894567172",
                "KTP_EL_PRINT", "+6287894567172", "AKTA_KELAHIRAN", "+6285927941900", "AKTA_KEMATIAN", "+6285927941900",
                "AKTA_PERKAWINAN", "+6285927941900", "AKTA_PERCERAIAN", "+6285927941900",
                "AKTA_PENGANGKATAN_PENGESAHAN_ANAK", "+6285927941900");
        expected.forEach((service, number) -> {
            Map<String, Object> body = ticketRequest(nik(4));
            body.put("service", service);
            Api.Response r = api.post(TICKETS, body);
            assertThat(r.status()).as(service).isEqualTo(422);
            assertThat(r.error()).isEqualTo("SERVICE_NOT_IN_OFFICE");
            assertThat(r.json().get("details").get("whatsapp").get("number").asText()).isEqualTo(number);
            assertThat(r.json().get("details").get("whatsapp").get("link").asText()).isEqualTo("https://wa.me/" + number.substring(1));
        });
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isZero();
        Api.Response services = api.get("/api/v1/offices/oki/services");
        assertThat(services.json().get("services")).hasSize(9);
        Map<String, Object> unknown = ticketRequest(nik(4));
        unknown.put("service", "PASSPORT");
        assertThat(api.post(TICKETS, unknown).error()).isEqualTo("UNKNOWN_SERVICE");
    }

    @Test
    void officeClosedSaysWhenItOpens() {
        CLOCK.setWib("2026-12-01T16:00");
        Api.Response r = api.post(TICKETS, ticketRequest(nik(5)));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).isEqualTo("OFFICE_CLOSED");
        assertThat(r.json().get("details").get("opensAt").get("day").asText()).isEqualTo("2026-12-02");
        assertThat(r.json().get("details").get("opensAt").get("time").asText()).isEqualTo("08:00");
        Map<String, Object> tomorrow = ticketRequest(nik(5));
        tomorrow.put("day", "2026-12-02");
        Api.Response booked = api.post(TICKETS, tomorrow);
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.json().get("state").asText()).isEqualTo("BOOKED");
        assertThat(booked.json().get("slot").get("start").asText()).isEqualTo("08:00");
        Map<String, Object> saturday = ticketRequest(nik(6));
        saturday.put("day", "2026-12-05");
        assertThat(api.post(TICKETS, saturday).error()).isEqualTo("OFFICE_CLOSED");
        Map<String, Object> tooFar = ticketRequest(nik(6));
        tooFar.put("day", "2026-12-20");
        assertThat(api.post(TICKETS, tooFar).error()).isEqualTo("DAY_OUT_OF_RANGE");
    }

    @Test
    void oneActiveTicketPerNikPerDay() {
        Api.Response first = api.post(TICKETS, ticketRequest(nik(7)));
        Api.Response again = api.post(TICKETS, ticketRequest(nik(7)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("ALREADY_HAS_TICKET");
        // Number and day only (issue 10): the NIK gives no token, no link, no power over the ticket.
        JsonNode details = again.json().get("details");
        assertThat(details.get("number").asText()).isEqualTo("A-001");
        assertThat(details.get("day").asText()).isEqualTo("2026-12-01");
        assertThat(details.has("ticket")).isFalse();
        assertThat(again.body()).doesNotContain(first.json().get("token").asText());
        assertThat(again.json().get("messages").get("id").asText())
                .isEqualTo("NIK ini sudah punya nomor A-001 hari ini. Slip hilang? Minta cetak ulang di loket.");
        // Once it is cancelled the resident may take a new one; the number is not reused.
        assertThat(api.delete("/api/v1/tickets/" + first.json().get("token").asText()).status()).isEqualTo(200);
        Api.Response fresh = api.post(TICKETS, ticketRequest(nik(7)));
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().get("number").asText()).isEqualTo("A-002");
    }

    @Test
    void quotaFullPointsAtTheNextAvailableSlot() {
        TestData.execute(db, "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', 3)");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(TICKETS, ticketRequest(nik(10 + i))).status()).isEqualTo(201);
        }
        Api.Response full = api.post(TICKETS, ticketRequest(nik(13)));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.error()).isEqualTo("QUOTA_FULL");
        JsonNode next = full.json().get("details").get("nextAvailable");
        assertThat(next.get("day").asText()).isEqualTo("2026-12-02");
        assertThat(next.get("slotStart").asText()).isEqualTo("08:00");
        Map<String, Object> offered = ticketRequest(nik(13));
        offered.put("day", next.get("day").asText());
        Api.Response booked = api.post(TICKETS, offered);
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.json().get("slot").get("start").asText()).isEqualTo("08:00");
    }

    @Test
    void everySlotOfTheDayFullIsQuotaFullToo() {
        CLOCK.setWib("2026-12-01T14:35"); // only the 14:30 slot is left, 5 places
        for (int i = 0; i < 5; i++) {
            assertThat(api.post(TICKETS, ticketRequest(nik(20 + i))).json().get("slot").get("start").asText()).isEqualTo("14:30");
        }
        Api.Response full = api.post(TICKETS, ticketRequest(nik(25)));
        assertThat(full.error()).isEqualTo("QUOTA_FULL");
        assertThat(full.json().get("details").get("nextAvailable").get("day").asText()).isEqualTo("2026-12-02");
    }

    @Test
    void malformedRequestsGetClearErrorsAndNeverA500() {
        Api.Response notJson = api.raw("POST", TICKETS, "application/json", "{\"service\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).isEqualTo("MALFORMED_JSON");
        Api.Response wrongType = api.raw("POST", TICKETS, "application/json",
                "{\"service\":\"KTP_EL_RECORDING\",\"checklist\":[1,2]}".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error()).isEqualTo("INVALID_JSON");
        assertThat(wrongType.json().get("details").get("field").asText()).isEqualTo("checklist");
        Api.Response array = api.raw("POST", TICKETS, "application/json", "[]".getBytes(StandardCharsets.UTF_8));
        assertThat(array.status()).isEqualTo(400);
        Api.Response tooBig = api.raw("POST", TICKETS, "application/json",
                ("{\"name\":\"" + "x".repeat(17_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.error()).isEqualTo("BODY_TOO_LARGE");
        Api.Response form = api.raw("POST", TICKETS, "application/x-www-form-urlencoded", "nik=1".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(415);
        Api.Response unknownOffice = api.post("/api/v1/offices/nowhere/tickets", ticketRequest(nik(30)));
        assertThat(unknownOffice.status()).isEqualTo(404);
        assertThat(unknownOffice.error()).isEqualTo("OFFICE_NOT_FOUND");
        Map<String, Object> badDay = ticketRequest(nik(30));
        badDay.put("day", "tomorrow");
        assertThat(api.post(TICKETS, badDay).error()).isEqualTo("INVALID_REQUEST");
        Map<String, Object> badPhone = ticketRequest(nik(30));
        badPhone.put("phone", "12345");
        assertThat(api.post(TICKETS, badPhone).json().get("details").get("field").asText()).isEqualTo("phone");
        assertThat(api.get("/api/v1/tickets/no-such-token").status()).isEqualTo(404);
        Api.Response unknownPath = api.get("/api/v1/no/such/thing");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.error()).isEqualTo("NOT_FOUND");
        assertThat(api.raw("PATCH", TICKETS, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).error()).isEqualTo("NOT_FOUND");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isZero();
    }

    @Test
    void aRetriedRequestWithTheSameKeyGetsTheFirstAnswer() {
        Map<String, String> key = Map.of("Idempotency-Key", "kiosk-1-0001");
        Api.Response first = api.post(TICKETS, ticketRequest(nik(40)), key);
        Api.Response retry = api.post(TICKETS, ticketRequest(nik(40)), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("token").asText()).isEqualTo(first.json().get("token").asText());
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM ticket")).isEqualTo(1);
        Api.Response reused = api.post(TICKETS, ticketRequest(nik(41)), key);
        assertThat(reused.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // A refusal is kept too: the retry is not counted twice.
        Map<String, Object> unhealthy = ticketRequest(nik(42));
        unhealthy.put("checklist", Map.of("MASK", false));
        Map<String, String> key2 = Map.of("Idempotency-Key", "kiosk-1-0002");
        assertThat(api.post(TICKETS, unhealthy, key2).error()).isEqualTo("HEALTH_PROTOCOL");
        assertThat(api.post(TICKETS, unhealthy, key2).error()).isEqualTo("HEALTH_PROTOCOL");
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'HEALTH_REFUSED'")).isEqualTo(1);
    }

    @Test
    void kioskInfoShowsTodaysAvailability() {
        api.post(TICKETS, ticketRequest(nik(50)));
        Api.Response k = api.get("/api/v1/offices/oki/kiosk");
        assertThat(k.status()).isEqualTo(200);
        assertThat(k.json().get("open").asBoolean()).isTrue();
        assertThat(k.json().get("closesAt").asText()).isEqualTo("15:00");
        assertThat(k.json().get("availability").get("quota").get("left").asInt()).isEqualTo(49);
        assertThat(k.json().get("availability").get("nextFreeSlot").get("start").asText()).isEqualTo("09:00");
        assertThat(k.json().get("availability").get("occupancy").get("present").asInt()).isEqualTo(1);
        assertThat(k.json().get("checklist")).hasSize(3);
        assertThat(k.json().get("urgencyReasons")).hasSize(5);
        CLOCK.setWib("2026-12-01T19:00");
        Api.Response closed = api.get("/api/v1/offices/oki/kiosk");
        assertThat(closed.json().get("open").asBoolean()).isFalse();
        assertThat(closed.json().get("opensAt").get("day").asText()).isEqualTo("2026-12-02");
    }
}
