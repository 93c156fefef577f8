package id.antrean.privacy;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.privacy.PrivacyOffice.issue;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating ANTREAN_NIK_SECRET as the README says: with the old secret as the previous one, a NIK
 * stored under it still counts for one ticket a day, reprints, a resident's request and tracing;
 * with the new secret alone (the consequence the README warns of) it matches nothing.
 */
class NikSecretRotationTest {
    static final WireMockServer PROVIDER = PrivacyOffice.provider();
    static final String OLD = "the-old-secret-of-the-office-2026";
    static final String NEW = "the-new-secret-of-the-office-2027";

    @RegisterExtension
    static final OfficeUnderTest office = PrivacyOffice.office(PROVIDER, "2026-12-01T09:00").with("antrean.nik.secret", OLD);

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void hashesUnderThePreviousSecretStillMatchUntilErased() {
        PrivacyOffice.reset(office);
        office.admin().newStaff("spv1", "SUPERVISOR");
        office.admin().newStaff("dinkes1", "TRACER");
        String nik = "1602011505900171";
        JsonNode first = issue(office.resident(), nik, "Warga Lama", null, false, null);
        Map<String, String> rotated = Map.of("antrean.nik.secret", NEW, "antrean.nik.previous.secret", OLD,
                "antrean.retention.poll.seconds", "0");
        try (Antrean node = TestServer.start(office.db(), office.clock(), rotated)) {
            Api kiosk = new Api(node.port());
            Api.Response again = kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik));
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("ALREADY_HAS_TICKET");
            Api supervisor = new Api(node.port());
            supervisor.login("spv1", Api.staffPassword("spv1"));
            assertThat(supervisor.post("/api/v1/offices/oki/tickets/reprint",
                    Map.of("number", first.get("number").asText(), "nik", nik)).status()).isEqualTo(200);
            assertThat(supervisor.post("/api/v1/offices/oki/privacy/resident", Map.of("nik", nik)).json().get("tickets")).hasSize(1);
            Api tracer = new Api(node.port());
            tracer.login("dinkes1", Api.staffPassword("dinkes1"));
            assertThat(tracer.post("/api/v1/offices/oki/tracing", Map.of("reason", "KASUS-3", "nik", nik)).status()).isEqualTo(200);
            // A new resident's hash is made with the new secret only.
            JsonNode fresh = issue(kiosk, "1602011505900172", null, null, false, null);
            assertThat(fresh.get("number").asText()).isNotBlank();
        }
        Map<String, String> newAlone = Map.of("antrean.nik.secret", NEW, "antrean.retention.poll.seconds", "0");
        try (Antrean node = TestServer.start(office.db(), office.clock(), newAlone)) {
            Api supervisor = new Api(node.port());
            supervisor.login("spv1", Api.staffPassword("spv1"));
            assertThat(supervisor.post("/api/v1/offices/oki/privacy/resident", Map.of("nik", nik)).json().get("tickets")).isEmpty();
            Api.Response second = new Api(node.port()).post("/api/v1/offices/oki/tickets", ticketRequest(nik));
            assertThat(second.status()).as("without the previous secret the old hash is not recognised").isEqualTo(201);
        }
    }
}
