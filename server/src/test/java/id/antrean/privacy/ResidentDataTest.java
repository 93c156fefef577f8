package id.antrean.privacy;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * A resident's own data: the ticket page's "Data saya" (masked) and "Hapus nomor WhatsApp saya"
 * (consent withdrawn, the number gone from ticket, consent and messages at once, no message sent
 * after); a supervisor answering a request at the counter by NIK (shown in full, erased, audited).
 */
class ResidentDataTest {
    static final WireMockServer PROVIDER = PrivacyOffice.provider();

    @RegisterExtension
    static final OfficeUnderTest office = PrivacyOffice.office(PROVIDER, "2026-12-01T09:00");

    static final String NIK = "1602011505900121";
    static final String NAME = "Dewi Kartika Sari";
    static final String PHONE = "+6281234512101";
    static Api supervisor;
    static Api operator;

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void setUp() {
        PrivacyOffice.reset(office);
        synchronized (ResidentDataTest.class) {
            if (supervisor == null) {
                supervisor = office.admin().newStaff("spv1", "SUPERVISOR");
                operator = office.admin().newStaff("loket1", "OPERATOR");
            }
        }
    }

    @Test
    void myDataIsMaskedAndTheWhatsAppNumberCanBeDeletedNow() {
        JsonNode t = issue(office.resident(), NIK, NAME, PHONE, true, null);
        String token = t.get("token").asText();
        long id = t.get("id").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE ticket_id = " + id + " AND state = 'SENT'") >= 1);
        Api.Response mine = office.resident().get("/api/v1/tickets/" + token + "/my-data");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        JsonNode d = mine.json();
        assertThat(d.get("nik").asText()).isEqualTo("••••••••••••" + NIK.substring(12));
        assertThat(d.get("name").asText()).isEqualTo("D••• K••• S•••");
        assertThat(d.get("phone").asText()).isEqualTo("••••" + PHONE.substring(PHONE.length() - 4));
        assertThat(d.get("whatsapp").get("state").asText()).isEqualTo("ON");
        assertThat(d.get("keepDays").asInt()).isEqualTo(30);
        assertThat(d.get("eraseBy").asText()).isEqualTo("2027-01-01");
        assertThat(mine.body()).doesNotContain(NAME, PHONE, NIK, "Dewi");

        Api.Response deleted = office.resident().delete("/api/v1/tickets/" + token + "/my-data/whatsapp");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("phone").isNull()).isTrue();
        assertThat(deleted.json().get("whatsapp").get("state").asText()).isEqualTo("STOPPED");
        assertThat(deleted.json().get("whatsapp").get("phone").isNull()).isTrue();
        assertThat(deleted.json().get("messagesWithNumber").asInt()).isZero();
        // Gone from every table now, not at the end of the retention period.
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket WHERE phone IS NOT NULL")).isZero();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_consent WHERE phone IS NOT NULL")).isZero();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE recipient IS NOT NULL")).isZero();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE state = 'PENDING'")).isZero();
        // The rest of the ticket is untouched, and it still works.
        assertThat(TestData.string(office.db(), "SELECT name FROM ticket WHERE id = " + id)).isEqualTo(NAME);
        int sentBefore = PROVIDER.getAllServeEvents().size();
        JsonNode called = operator.post("/api/v1/offices/oki/counters/1/call-next", null).json();
        assertThat(called.get("id").asLong()).isEqualTo(id);
        assertThat(office.resident().get("/api/v1/tickets/" + token + "/messages").json().get("messages").asText()).isEqualTo("STOPPED");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_outbox WHERE ticket_id = " + id
                + " AND kind = 'CALLED'")).isZero();
        assertThat(PROVIDER.getAllServeEvents().size()).isEqualTo(sentBefore);
        // Deleting again is harmless; an unknown token is 404.
        assertThat(office.resident().delete("/api/v1/tickets/" + token + "/my-data/whatsapp").status()).isEqualTo(200);
        assertThat(office.resident().get("/api/v1/tickets/no-such-token/my-data").status()).isEqualTo(404);
        assertThat(office.resident().delete("/api/v1/tickets/no-such-token/my-data/whatsapp").status()).isEqualTo(404);
    }

    @Test
    void afterErasureMyDataSaysSo() {
        JsonNode t = issue(office.resident(), NIK, NAME, null, false, null);
        ok(office.resident().delete("/api/v1/tickets/" + t.get("token").asText()));
        office.clock().setWib("2027-01-01T09:00");
        ok(office.admin().post("/api/v1/offices/oki/privacy/run", null));
        JsonNode d = office.resident().get("/api/v1/tickets/" + t.get("token").asText() + "/my-data").json();
        assertThat(d.get("erasedAt").asText()).startsWith("2027-01-01T09:00");
        assertThat(d.get("nik").isNull()).isTrue();
        assertThat(d.get("name").isNull()).isTrue();
        assertThat(d.get("eraseBy").isNull()).isTrue();
        assertThat(d.get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aSupervisorShowsAndErasesAResidentsDataByNik() {
        JsonNode first = issue(office.resident(), NIK, NAME, PHONE, true, null);
        ok(office.resident().delete("/api/v1/tickets/" + first.get("token").asText()));
        JsonNode second = issue(office.resident(), NIK, NAME, PHONE, false, null);
        JsonNode other = issue(office.resident(), "1602011505900122", "Orang Lain", "+6281234512102", false, null);

        Api.Response shown = supervisor.post("/api/v1/offices/oki/privacy/resident", Map.of("nik", NIK));
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().get("tickets")).hasSize(2);
        assertThat(shown.json().get("tickets").get(0).get("name").asText()).isEqualTo(NAME);
        assertThat(shown.json().get("tickets").get(0).get("phone").asText()).isEqualTo(PHONE);
        assertThat(shown.body()).doesNotContain("Orang Lain");

        // The ticket still in the queue keeps its data (the counter needs it); the cancelled one is erased.
        Api.Response erased = supervisor.post("/api/v1/offices/oki/privacy/resident/erase", Map.of("nik", NIK));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("erasedTickets").asInt()).isEqualTo(1);
        assertThat(erased.json().get("stillActive").asInt()).isEqualTo(1);
        assertThat(TestData.string(office.db(), "SELECT CONCAT_WS('|', name, phone, nik_last4) FROM ticket WHERE id = "
                + first.get("id").asLong())).isEmpty();
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM notify_consent WHERE ticket_id = "
                + first.get("id").asLong())).isZero();
        assertThat(TestData.string(office.db(), "SELECT name FROM ticket WHERE id = " + second.get("id").asLong())).isEqualTo(NAME);
        assertThat(TestData.string(office.db(), "SELECT name FROM ticket WHERE id = " + other.get("id").asLong())).isEqualTo("Orang Lain");
        // Once it has ended, the second goes too.
        ok(office.resident().delete("/api/v1/tickets/" + second.get("token").asText()));
        assertThat(supervisor.post("/api/v1/offices/oki/privacy/resident/erase", Map.of("nik", NIK)).json()
                .get("erasedTickets").asInt()).isEqualTo(1);
        assertThat(supervisor.post("/api/v1/offices/oki/privacy/resident", Map.of("nik", NIK)).json().get("tickets")).isEmpty();

        // Audited: who and how many, never the NIK or the data.
        JsonNode audit = office.admin().get("/api/v1/audit?actor=spv1&limit=10").json().get("events");
        assertThat(audit).hasSize(4);
        assertThat(audit.toString()).contains("PERSONAL_DATA_SHOWN", "PERSONAL_DATA_ERASED").doesNotContain(NIK, NAME, PHONE);

        // Only supervisors and up, with a real NIK.
        assertThat(operator.post("/api/v1/offices/oki/privacy/resident", Map.of("nik", NIK)).status()).isEqualTo(403);
        assertThat(office.resident().post("/api/v1/offices/oki/privacy/resident", Map.of("nik", NIK)).status()).isEqualTo(401);
        assertThat(supervisor.post("/api/v1/offices/oki/privacy/resident", Map.of("nik", "12")).status()).isEqualTo(422);
    }
}
