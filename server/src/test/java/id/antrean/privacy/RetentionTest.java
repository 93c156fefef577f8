package id.antrean.privacy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.privacy.PrivacyOffice.issue;
import static id.antrean.privacy.PrivacyOffice.ok;
import static id.antrean.privacy.PrivacyOffice.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention and erasure with a controllable clock: a day of residents (names, WhatsApp numbers,
 * consents, a refusal with a reason, a booking for a later day), then the job at 29 days (nothing
 * erased), at 30 days (the day's tickets erased, the later booking not), and after that booking's
 * day too. What reports need stays identical; the audit trail counts each run; a dump of the
 * database holds none of the values the test used; two nodes never run the same office at once.
 */
class RetentionTest {
    static final WireMockServer PROVIDER = PrivacyOffice.provider();

    @RegisterExtension
    static final OfficeUnderTest office = PrivacyOffice.office(PROVIDER, "2026-12-01T09:00");

    static final String NIK_A = "1602011505900101";
    static final String NIK_B = "1602016207850202";
    static final String NIK_C = "1602014403700303";
    static final String NIK_D = "1602012212880404";
    static final String NAME_A = "Siti Aminah Lestari";
    static final String NAME_B = "Budi Santoso Wibowo";
    static final String NAME_D = "Rahmat Hidayat Pratama";
    static final String PHONE_A = "+6281234500101";
    static final String PHONE_B = "+6281234500202";
    static final String REFUSAL = "Suhu 38,9 derajat dan batuk";

    Api operator;

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void setUp() {
        PrivacyOffice.reset(office);
        operator = operatorOnce();
    }

    static Api op;

    static synchronized Api operatorOnce() {
        if (op == null) {
            op = office.admin().newStaff("loket1", "OPERATOR");
        }
        return op;
    }

    /** The day: A served (with a temperature), B refused with a reason, C cancelled, D booked for Thursday. */
    Map<String, JsonNode> aDayAtTheOffice() {
        Api resident = office.resident();
        JsonNode a = issue(resident, NIK_A, NAME_A, PHONE_A, true, null);
        JsonNode b = issue(resident, NIK_B, NAME_B, PHONE_B, true, null);
        JsonNode c = issue(resident, NIK_C, null, null, false, null);
        JsonNode d = issue(resident, NIK_D, NAME_D, null, false, "2026-12-03");
        office.clock().advance(Duration.ofMinutes(5));
        ok(operator.post("/api/v1/offices/oki/counters/1/call-next", null));
        ok(operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/start",
                Map.of("ppe", Map.of("MASK", true, "GLOVES", true), "temperatureC", 36.6)));
        office.clock().advance(Duration.ofMinutes(10));
        ok(operator.post("/api/v1/tickets/" + a.get("id").asLong() + "/complete", null));
        ok(operator.post("/api/v1/offices/oki/counters/1/call-next", null));
        office.clock().advance(Duration.ofMinutes(2));
        ok(operator.post("/api/v1/tickets/" + b.get("id").asLong() + "/refuse", Map.of("reason", REFUSAL)));
        ok(resident.delete("/api/v1/tickets/" + c.get("token").asText()));
        // Every message sent (the stand-in accepts them), so no state changes under the test's feet. The
        // clock moves on meanwhile: one message per number every so often (the pair pace) goes by it.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            office.clock().advance(Duration.ofSeconds(1));
            return TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE state = 'PENDING'") == 0
                    && TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox") >= 4;
        });
        return Map.of("A", a, "B", b, "C", c, "D", d);
    }

    /** Everything reports and the queue need, per ticket: must never change by erasure. */
    List<String> whatReportsNeed() {
        List<String> all = new ArrayList<>(rows(office, "SELECT id, token, office_id, service, day, ticket_prefix, number, "
                + "slot_start_min, slot_end_min, state, priority_rank, urgency_reason, channel, counter_id, recalls, "
                + "issued_at, admitted_at, called_at, serving_at, finished_at FROM ticket ORDER BY id"));
        all.addAll(rows(office, "SELECT id, ticket_id, kind, state, attempts, delivery, delivery_rank, lost_claims, created_at, "
                + "sent_at FROM notify_outbox ORDER BY id"));
        all.addAll(rows(office, "SELECT id, type, ticket_id, actor, created_at, JSON_REMOVE(payload, '$.reason') AS p "
                + "FROM event WHERE type NOT LIKE 'PERSONAL_DATA%' ORDER BY id"));
        all.addAll(rows(office, "SELECT * FROM day_counter ORDER BY service, day"));
        return all;
    }

    Map<String, String> reports(String from, String to) {
        Api admin = office.admin();
        return Map.of(
                "daily", admin.get("/api/v1/offices/oki/reports/daily?from=" + from + "&to=" + to).body(),
                "dailyCsv", admin.getWith("/api/v1/offices/oki/reports/daily?from=" + from + "&to=" + to,
                        Map.of("Accept", "text/csv")).body(),
                "messages", admin.get("/api/v1/offices/oki/messages/report?from=" + from + "&to=" + to).body());
    }

    Map<String, Long> run() {
        Api.Response r = office.admin().post("/api/v1/offices/oki/privacy/run", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("ran").asBoolean()).isTrue();
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        r.json().get("erased").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    String personal(long ticketId) {
        return TestData.string(office.db(), "SELECT CONCAT_WS('|', HEX(nik_hash), nik_last4, name, phone, urgency_note, "
                + "refuse_reason, temperature_c, priority_group, HEX(active_nik_hash)) FROM ticket WHERE id = " + ticketId);
    }

    @Test
    void erasedOnTimeNotBeforeAndNothingElseTouched() {
        Map<String, JsonNode> t = aDayAtTheOffice();
        long a = t.get("A").get("id").asLong();
        long b = t.get("B").get("id").asLong();
        long d = t.get("D").get("id").asLong();
        assertThat(personal(a)).contains(NAME_A, PHONE_A, "36.6");
        assertThat(personal(b)).contains(NAME_B, REFUSAL);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_consent")).isEqualTo(2);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE recipient IS NOT NULL")).isPositive();

        // 29 days later: kept (only the kiosk's stored answers, older than a day, are gone).
        office.clock().setWib("2026-12-30T09:30");
        List<String> before = whatReportsNeed();
        Map<String, String> reportsBefore = reports("2026-12-01", "2026-12-03");
        String personalA = personal(a);
        Map<String, Long> early = run();
        assertThat(early.get("tickets")).isZero();
        assertThat(early.get("consents")).isZero();
        assertThat(early.get("messages")).isZero();
        assertThat(early.get("refusalReasons")).isZero();
        assertThat(early.get("idempotencyKeys")).isEqualTo(4);
        assertThat(personal(a)).isEqualTo(personalA);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_consent")).isEqualTo(2);

        // 30 days after the day's tickets ended: their data goes; Thursday's booking stays (its day is not over + 30).
        office.clock().setWib("2026-12-31T09:30");
        Map<String, Long> due = run();
        assertThat(due.get("tickets")).isEqualTo(3);
        assertThat(due.get("consents")).isEqualTo(2);
        assertThat(due.get("messages")).isEqualTo(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox"));
        assertThat(due.get("refusalReasons")).isEqualTo(1);
        assertThat(due.get("ticketPhones")).isEqualTo(2);
        for (long id : List.of(a, b, t.get("C").get("id").asLong())) {
            assertThat(personal(id)).as("ticket " + id).isEmpty();
            assertThat(TestData.string(office.db(), "SELECT erased_at FROM ticket WHERE id = " + id)).isNotNull();
        }
        assertThat(personal(d)).contains(NAME_D);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_consent")).isZero();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE recipient IS NOT NULL "
                + "OR params <> JSON_OBJECT() OR provider_id IS NOT NULL")).isZero();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_pace")).isZero();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE payload LIKE '%Suhu%'")).isZero();
        // What reports need is untouched, and the reports read the same.
        assertThat(whatReportsNeed()).isEqualTo(before);
        assertThat(reports("2026-12-01", "2026-12-03")).isEqualTo(reportsBefore);

        // The same run again finds nothing: erasure is idempotent.
        assertThat(run().values()).allMatch(n -> n == 0);

        // The later booking, never closed, ends with its day: erased 30 days after Thursday.
        office.clock().setWib("2027-01-02T23:59");
        assertThat(run().get("tickets")).isZero();
        office.clock().setWib("2027-01-03T00:01");
        assertThat(run().get("tickets")).isEqualTo(1);
        assertThat(personal(d)).isEmpty();
        assertThat(whatReportsNeed()).isEqualTo(before);
        assertThat(reports("2026-12-01", "2026-12-03")).isEqualTo(reportsBefore);

        // The audit trail has each run that erased something: how many, never what.
        JsonNode audit = office.admin().get("/api/v1/audit?type=PERSONAL_DATA_RETENTION_RUN&limit=10").json();
        List<JsonNode> runs = new ArrayList<>();
        audit.get("events").forEach(runs::add);
        assertThat(runs).hasSize(3);
        assertThat(runs.getFirst().get("payload").get("tickets").asLong()).isEqualTo(1);
        assertThat(runs.get(1).get("payload").get("tickets").asLong()).isEqualTo(3);
        assertThat(audit.toString()).doesNotContain(NAME_A, NAME_B, NAME_D, PHONE_A, PHONE_B, REFUSAL,
                NIK_A.substring(12), NIK_B.substring(12));
    }

    @Test
    void aShorterWhatsAppPromiseErasesNumbersEarlier() {
        assertThat(office.admin().put("/api/v1/offices/oki/notifications/settings",
                Map.of("enabled", true, "nearAhead", 3, "keepDays", 7)).status()).isEqualTo(200);
        Map<String, JsonNode> t = aDayAtTheOffice();
        long a = t.get("A").get("id").asLong();
        office.clock().setWib("2026-12-08T09:30");
        Map<String, Long> counts = run();
        assertThat(counts.get("consents")).isEqualTo(2);
        assertThat(counts.get("ticketPhones")).isEqualTo(2);
        assertThat(counts.get("tickets")).isZero();
        assertThat(personal(a)).contains(NAME_A).doesNotContain(PHONE_A);
    }

    @Test
    void aMariadbDumpAfterErasureHoldsNoneOfTheErasedValues() throws Exception {
        Map<String, JsonNode> t = aDayAtTheOffice();
        List<String> hashes = new ArrayList<>(rows(office, "SELECT HEX(nik_hash) AS h FROM ticket").stream()
                .map(s -> s.substring(2)).toList());
        assertThat(hashes).hasSize(4);
        String before = dump();
        // The dump sees what the test stored (so the search below can find it).
        assertThat(before).contains(NAME_A, PHONE_A, hashes.getFirst());
        office.clock().setWib("2027-01-03T00:01");
        run();
        String after = dump();
        assertThat(after).contains("CREATE TABLE `ticket`").contains("A-001");
        List<String> erased = new ArrayList<>(List.of(NIK_A, NIK_B, NIK_C, NIK_D, NAME_A, NAME_B, NAME_D, PHONE_A, PHONE_B,
                PHONE_A.substring(1), PHONE_B.substring(1), REFUSAL));
        erased.addAll(hashes);
        for (String value : erased) {
            assertThat(after).as("the dump after erasure").doesNotContain(value);
        }
        assertThat(t).hasSize(4);
    }

    @Test
    void aCollectedDocumentIsErasedAfterItsTimeAndOneStillWaitingIsKept() throws Exception {
        Api admin = office.admin();
        Api.Response collected = admin.post("/api/v1/offices/oki/pickups", java.util.Map.of("type", "KK", "reference", "WA-RET-1",
                "name", "Sari Pengambil", "phone", "081298765001", "nikLast4", "4321"));
        assertThat(collected.status()).as(collected.body()).isEqualTo(201);
        Api.Response waiting = admin.post("/api/v1/offices/oki/pickups", java.util.Map.of("type", "KK", "reference", "WA-RET-2",
                "name", "Budi Menunggu", "phone", "081298765002", "nikLast4", "8765"));
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(201);
        // Collected on the 2nd (the handover itself is PickupAtTheDoorTest's); the other never comes.
        TestData.execute(office.db(), "UPDATE pickup_document SET state = 'COLLECTED', collector = 'RESIDENT',"
                + " collected_at = '2026-12-02 02:00:00', collected_day = '2026-12-02' WHERE reference = 'WA-RET-1'");
        String fields = "SELECT CONCAT_WS('|', resident_name, whatsapp_phone, nik_last4) FROM pickup_document WHERE reference = ";
        office.clock().setWib("2026-12-31T09:30"); // 29 days after collection
        run();
        assertThat(TestData.string(office.db(), fields + "'WA-RET-1'")).isEqualTo("Sari Pengambil|+6281298765001|4321");
        office.clock().setWib("2027-01-02T09:30"); // 31 days after
        Map<String, Long> counts = run();
        assertThat(counts.get("pickups")).isEqualTo(1);
        assertThat(TestData.string(office.db(), fields + "'WA-RET-1'")).isEmpty();
        assertThat(TestData.string(office.db(), "SELECT erased_at FROM pickup_document WHERE reference = 'WA-RET-1'")).isNotNull();
        assertThat(TestData.string(office.db(), fields + "'WA-RET-2'")).isEqualTo("Budi Menunggu|+6281298765002|8765");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox o JOIN pickup_document d ON d.id = o.pickup_id"
                + " WHERE d.reference = 'WA-RET-1' AND o.recipient IS NOT NULL")).isZero();
        String after = dump();
        assertThat(after).doesNotContain("Sari Pengambil", "6281298765001").contains("Budi Menunggu");
    }

    static String dump() throws Exception {
        return PrivacyOffice.dump(office.db());
    }

    @Test
    void twoNodesNeverRunTheSameOfficeAtOnce() throws Exception {
        aDayAtTheOffice();
        office.clock().setWib("2026-12-31T09:30");
        try (Antrean second = TestServer.start(office.db(), office.clock(), Map.of("antrean.retention.poll.seconds", "0",
                "antrean.node.id", "second-node"))) {
            List<CompletableFuture<Optional<Map<String, Long>>>> runs = new ArrayList<>();
            for (Antrean node : List.of(office.node(), second, office.node(), second)) {
                runs.add(CompletableFuture.supplyAsync(() -> node.retention().runIfDue("oki")));
            }
            List<Map<String, Long>> done = runs.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
            assertThat(done).as("runs that claimed the office").hasSize(1);
            assertThat(done.getFirst().get("tickets")).isEqualTo(3);
            // Within the interval the next check, on either node, does not run again.
            assertThat(second.retention().runIfDue("oki")).isEmpty();
            assertThat(office.node().retention().runIfDue("oki")).isEmpty();
            // An hour later one of them does, and finds nothing left.
            office.clock().advance(Duration.ofMinutes(61));
            assertThat(second.retention().runIfDue("oki")).hasValueSatisfying(c -> assertThat(c.values()).allMatch(n -> n == 0));
        }
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE type = 'PERSONAL_DATA_RETENTION_RUN'"))
                .isEqualTo(1);
    }

    @Test
    void retentionSettingsAreAdminsAndChecked() {
        Api admin = office.admin();
        Api.Response r = admin.get("/api/v1/offices/oki/privacy/settings");
        assertThat(r.json().get("keepDaysAfterTicket").asInt()).isEqualTo(30);
        assertThat(r.json().get("keepDaysAfterPickup").asInt()).isEqualTo(30);
        r = admin.put("/api/v1/offices/oki/privacy/settings", Map.of("keepDaysAfterTicket", 14));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("keepDaysAfterTicket").asInt()).isEqualTo(14);
        assertThat(r.json().get("keepDaysAfterPickup").asInt()).isEqualTo(30);
        r = admin.put("/api/v1/offices/oki/privacy/settings", Map.of("keepDaysAfterTicket", 0));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("details").get("field").asText()).isEqualTo("keepDaysAfterTicket");
        r = admin.put("/api/v1/offices/oki/privacy/settings", Map.of("keepDaysAfterPickup", "many"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/offices/oki/privacy/settings").status()).isEqualTo(403);
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM event WHERE type = 'RETENTION_CHANGED'")).isEqualTo(1);
        // With 14 days the day's tickets go after 14.
        aDayAtTheOffice();
        office.clock().setWib("2026-12-15T09:30");
        assertThat(run().get("tickets")).isEqualTo(3);
    }
}
