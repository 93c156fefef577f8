package id.antrean.queue;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ticket page learns after the end (next step, the refusal's reason in both languages) and
 * the one satisfaction question (IKM): one answer per ticket, by its token, and the daily index.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AfterTheTicketTest {
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00")
            .with("antrean.rate-limit.survey.per-minute", "40")
            .with("antrean.rate-limit.refusal-delay-ms", "0");
    static final MutableClock CLOCK = office.clock();
    static Api admin;
    static Api operator;
    static Api supervisor;
    static Api resident;
    static int round;

    @BeforeAll
    static void start() {
        resident = office.resident();
        admin = office.admin();
        operator = admin.newStaff("operator1", "OPERATOR");
        supervisor = admin.newStaff("super1", "SUPERVISOR");
    }

    private JsonNode issue() {
        Api.Response r = resident.post(TICKETS, ticketRequest(nik(500 + ++round)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Issued, called to counter 1, served and done. */
    private JsonNode done() {
        JsonNode t = issue();
        long id = t.get("id").asLong();
        assertThat(operator.post("/api/v1/offices/oki/counters/1/call-next", null).json().get("id").asLong()).isEqualTo(id);
        assertThat(operator.post("/api/v1/tickets/" + id + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true))).status()).isEqualTo(200);
        assertThat(operator.post("/api/v1/tickets/" + id + "/complete", null).status()).isEqualTo(200);
        return t;
    }

    private static JsonNode page(JsonNode t) {
        Api.Response r = resident.get("/api/v1/tickets/" + t.get("token").asText());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static Api.Response answer(JsonNode t, Object body) {
        return resident.post("/api/v1/tickets/" + t.get("token").asText() + "/survey", body);
    }

    private static Map<String, Object> score(Object score, String comment) {
        Map<String, Object> m = new HashMap<>();
        m.put("score", score);
        if (comment != null) {
            m.put("comment", comment);
        }
        return m;
    }

    @Test
    void aNoShowIsToldHowToBookAgain() {
        JsonNode t = issue();
        operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(operator.post("/api/v1/tickets/" + t.get("id").asLong() + "/no-show", null).status()).isEqualTo(200);
        JsonNode p = page(t);
        assertThat(p.get("state").asText()).isEqualTo("NO_SHOW");
        assertThat(p.at("/nextStep/text/id").asText()).contains("ambil nomor antrean baru di kiosk");
        assertThat(p.at("/nextStep/text/en").asText()).contains("take a new number at the kiosk");
        assertThat(p.get("refusal").isNull()).isTrue();
    }

    @Test
    void aRefusalGivesItsReasonAndWhatToBringInBothLanguages() {
        JsonNode t = issue();
        operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        // The console sends the reason's Indonesian label, as it always has.
        operator.post("/api/v1/tickets/" + t.get("id").asLong() + "/refuse", Map.of("reason", "Tanpa sarung tangan"));
        JsonNode p = page(t);
        assertThat(p.get("refuseReason").asText()).isEqualTo("Tanpa sarung tangan");
        assertThat(p.at("/refusal/code").asText()).isEqualTo("NO_GLOVES");
        assertThat(p.at("/refusal/reason/id").asText()).isEqualTo("Tanpa sarung tangan");
        assertThat(p.at("/refusal/reason/en").asText()).isEqualTo("No gloves");
        assertThat(p.at("/nextStep/text/id").asText()).contains("sarung tangan", "KTP-el atau Kartu Keluarga");
        assertThat(p.at("/nextStep/text/en").asText()).contains("gloves", "family card").doesNotContain("sarung");

        // Staff's own words stay Indonesian; the English line says so instead of copying them.
        JsonNode other = issue();
        operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        operator.post("/api/v1/tickets/" + other.get("id").asLong() + "/refuse", Map.of("reason", "Lainnya: dokumen KK belum dibawa"));
        JsonNode q = page(other);
        assertThat(q.at("/refusal/code").asText()).isEqualTo("OTHER");
        assertThat(q.at("/refusal/reason/id").asText()).isEqualTo("dokumen KK belum dibawa");
        assertThat(q.at("/refusal/reason/en").asText()).doesNotContain("dokumen").contains("Indonesian");
    }

    @Test
    void doneKtpElRecordingPointsToPrintingOverWhatsAppAtTheOfficesNumber() {
        JsonNode t = done();
        JsonNode p = page(t);
        assertThat(p.at("/nextStep/text/id").asText()).contains("WhatsApp ke 0878-9456-7172");
        assertThat(p.at("/nextStep/whatsapp/link").asText()).isEqualTo("https://wa.me/6287894567172");
        // The number is the office's (its KTP-el printing service), not written into the code.
        TestData.execute(office.db(), "UPDATE service SET whatsapp = '+6281234567890' WHERE office_id = 'oki' AND code = 'KTP_EL_PRINT'");
        TestData.execute(office.db(), "UPDATE office SET settings_rev = settings_rev + 1 WHERE id = 'oki'");
        try {
            assertThat(page(t).at("/nextStep/text/en").asText()).contains("WhatsApp to 0812-3456-7890");
        } finally {
            TestData.execute(office.db(), "UPDATE service SET whatsapp = '+6287894567172' WHERE office_id = 'oki' AND code = 'KTP_EL_PRINT'");
            TestData.execute(office.db(), "UPDATE office SET settings_rev = settings_rev + 1 WHERE id = 'oki'");
        }
    }

    @Test
    void oneAnswerPerDoneTicketByItsToken() {
        JsonNode t = done();
        JsonNode waiting = issue();
        String path = "/api/v1/tickets/" + waiting.get("token").asText() + "/survey";
        assertThat(resident.get(path).json().get("open").asBoolean()).isFalse();
        Api.Response early = answer(waiting, score(4, null));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).isEqualTo("SURVEY_NOT_OPEN");

        Api.Response unknown = resident.post("/api/v1/tickets/no-such-token/survey", score(4, null));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("TICKET_NOT_FOUND");
        assertThat(resident.get("/api/v1/tickets/no-such-token/survey").status()).isEqualTo(404);

        assertThat(resident.get("/api/v1/tickets/" + t.get("token").asText() + "/survey").json().get("open").asBoolean()).isTrue();
        for (Object bad : new Object[] {0, 5, -1, 2.5, "3", true}) {
            Api.Response r = answer(t, score(bad, null));
            assertThat(r.status()).as("score " + bad).isEqualTo(422);
            assertThat(r.error()).isEqualTo("INVALID_SURVEY_ANSWER");
            assertThat(r.json().at("/messages/en").asText()).contains("1 to 4");
        }
        Api.Response noScore = answer(t, Map.of("comment", "bagus"));
        assertThat(noScore.status()).isEqualTo(422);
        Api.Response longComment = answer(t, score(3, "x".repeat(501)));
        assertThat(longComment.status()).isEqualTo(422);
        assertThat(longComment.json().at("/details/field").asText()).isEqualTo("comment");
        assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM survey_answer")).isZero();

        Api.Response ok = answer(t, score(3, "  Petugas ramah, antrean cepat.  "));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("score").asInt()).isEqualTo(3);
        assertThat(ok.json().get("open").asBoolean()).isFalse();
        Api.Response again = answer(t, score(1, null));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("SURVEY_ALREADY_ANSWERED");
        JsonNode state = resident.get("/api/v1/tickets/" + t.get("token").asText() + "/survey").json();
        assertThat(state.get("open").asBoolean()).isFalse();
        assertThat(state.get("score").asInt()).as("the first answer stays").isEqualTo(3);
        assertThat(state.has("comment")).as("the comment is never read back on a public page").isFalse();
        assertThat(TestData.string(office.db(), "SELECT comment FROM survey_answer")).isEqualTo("Petugas ramah, antrean cepat.");
    }

    @Test
    void theSupervisorReportShowsTheDailyIndex() {
        int[] scores = {4, 4, 3, 2};
        for (int s : scores) {
            assertThat(answer(done(), score(s, null)).status()).isEqualTo(201);
        }
        Api.Response r = supervisor.get("/api/v1/offices/oki/reports/satisfaction?from=2026-11-30&to=2026-12-01");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode empty = r.json().at("/days/0");
        assertThat(empty.get("day").asText()).isEqualTo("2026-11-30");
        assertThat(empty.get("answers").asInt()).isZero();
        assertThat(empty.get("ikm").isNull()).isTrue();
        JsonNode day = r.json().at("/days/1");
        assertThat(day.get("answers").asInt()).isEqualTo(4);
        assertThat(day.at("/byScore/4").asInt()).isEqualTo(2);
        // Mean 13 / 4 = 3.25; × 25 = 81.25: category B (baik, 76.61–88.30).
        assertThat(day.at("/ikm/mean").asDouble()).isEqualTo(3.25);
        assertThat(day.at("/ikm/converted").asDouble()).isEqualTo(81.25);
        assertThat(day.at("/ikm/category").asText()).isEqualTo("B");
        assertThat(r.json().at("/overall/converted").asDouble()).isEqualTo(81.25);

        assertThat(operator.get("/api/v1/offices/oki/reports/satisfaction").status()).isEqualTo(403);
        assertThat(resident.get("/api/v1/offices/oki/reports/satisfaction").status()).isEqualTo(401);
        assertThat(supervisor.get("/api/v1/offices/oki/reports/satisfaction?from=2026-12-02&to=2026-12-01").status()).isEqualTo(422);
        assertThat(supervisor.get("/api/v1/offices/oki/reports/satisfaction?from=kemarin").status()).isEqualTo(400);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last (unnumbered tests come before): it uses up this address's answers for the minute
    void answersAreRateLimitedPerAddress() {
        Api.Response r;
        int n = 0;
        do {
            r = resident.post("/api/v1/tickets/no-such-token/survey", score(4, null));
        } while (r.status() != 429 && ++n < 100);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.error()).isEqualTo("RATE_LIMITED");
        assertThat(n).as("answers before the limit").isLessThanOrEqualTo(40);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theNoticeLineAndTheVoiceAreOfficeSettings() {
        Api.Response ok = admin.changeSettings("display", Map.of("notice", "Kantor tutup pukul 12.00 hari Jumat.", "voice", "CLIPS"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode s = admin.get("/api/v1/offices/oki/settings").json();
        assertThat(s.at("/display/notice").asText()).isEqualTo("Kantor tutup pukul 12.00 hari Jumat.");
        assertThat(s.at("/display/voice").asText()).isEqualTo("CLIPS");
        Api.Response tooLong = admin.changeSettings("display", Map.of("notice", "x".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("display");
        Api.Response badVoice = admin.changeSettings("display", Map.of("voice", "ROBOT"));
        assertThat(badVoice.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/offices/oki/settings").json().at("/display/voice").asText()).isEqualTo("CLIPS");
    }
}
