package id.antrean.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.RunningClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WhatsApp notifications end to end: a real server on a real MariaDB, WireMock standing in for the
 * WhatsApp Business Cloud API with its documented request and response shapes.
 */
@ExtendWith(TestDatabase.class)
class WhatsAppNotificationsTest {
    static final String PATH = "/v23.0/1234567890/messages";
    static final String SECRET = "test-app-secret";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final RunningClock CLOCK = RunningClock.atWib("2026-12-01T09:00");
    static final AtomicInteger PHONES = new AtomicInteger(1000);
    static WireMockServer provider;
    static TestDatabase.Db db;
    static Antrean node;
    static Api admin;
    static Api operator;
    static Api resident;
    static String seeded;

    static Map<String, String> config(String baseUrl) {
        Map<String, String> c = new HashMap<>();
        c.put("antrean.whatsapp.base.url", baseUrl);
        c.put("antrean.whatsapp.phone.number.id", "1234567890");
        c.put("antrean.whatsapp.access.token", "test-access-token");
        c.put("antrean.whatsapp.app.secret", SECRET);
        c.put("antrean.whatsapp.verify.token", "verify-me");
        c.put("antrean.whatsapp.dispatch.poll.ms", "50");
        c.put("antrean.whatsapp.dispatch.pair.pace.ms", "100");
        c.put("antrean.whatsapp.dispatch.retry.base.ms", "200");
        c.put("antrean.whatsapp.dispatch.retry.cap.ms", "800");
        c.put("antrean.whatsapp.dispatch.retry.attempts", "40");
        c.put("antrean.whatsapp.dispatch.lease.ms", "3000");
        c.put("antrean.whatsapp.dispatch.config.pause.ms", "500");
        c.put("antrean.public.url", "https://antrean.example.id");
        return c;
    }

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        CLOCK.setWib("2026-12-01T09:00");
        node = TestServer.start(db, CLOCK, config(provider.baseUrl()));
        resident = new Api(node.port());
        admin = new Api(node.port()).loginAsAdmin();
        operator = admin.newStaff("operator1", "SUPERVISOR");
        seeded = TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        node.close();
        provider.stop();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T09:00");
        providerAnswers();
        provider.resetRequests();
        assertThat(admin.put("/api/v1/offices/oki/notifications/settings", Map.of("enabled", true, "nearAhead", 3)).status())
                .isEqualTo(200);
    }

    /** The Cloud API's success answer; the message id is derived from our reference, so a duplicate is visible. */
    static void providerAnswers() {
        provider.resetMappings();
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"{{jsonPath request.body '$.to'}}","wa_id":"{{jsonPath request.body '$.to'}}"}],
                "messages":[{"id":"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}"}]}""")
                .withTransformers("response-template")));
    }

    static String phone() {
        return "+62812" + String.format("%07d", PHONES.incrementAndGet());
    }

    static JsonNode issue(int i, String phone, boolean consent) {
        Map<String, Object> body = ticketRequest(nik(i));
        body.put("phone", phone);
        if (consent) {
            body.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "id"));
        }
        Api.Response r = resident.post("/api/v1/offices/oki/tickets", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** What the provider received for one number, in order: template name and body parameters. */
    static List<Sent> sentTo(String phone) {
        String to = phone.substring(1);
        return accepted().stream().filter(s -> s.to().equals(to)).toList();
    }

    /** Every request the provider accepted (answered 200), in the order it received them. */
    static List<Sent> accepted() {
        return provider.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(PATH) && e.getResponse().getStatus() == 200)
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest)
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(WhatsAppNotificationsTest::sent).toList();
    }

    record Sent(String to, String template, String language, List<String> params, String reference, String auth) {
    }

    static Sent sent(LoggedRequest r) {
        try {
            JsonNode b = MAPPER.readTree(r.getBodyAsString());
            assertThat(b.get("messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(b.get("type").asText()).isEqualTo("template");
            JsonNode t = b.get("template");
            List<String> params = new java.util.ArrayList<>();
            t.get("components").get(0).get("parameters").forEach(p -> params.add(p.get("text").asText()));
            return new Sent(b.get("to").asText(), t.get("name").asText(), t.get("language").get("code").asText(), params,
                    b.get("biz_opaque_callback_data").asText(), r.getHeader("Authorization"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> templates(String phone) {
        return sentTo(phone).stream().map(Sent::template).toList();
    }

    static void awaitTemplates(String phone, String... expected) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(templates(phone)).containsExactly(expected));
    }

    static Api.Response callNext() {
        return operator.post("/api/v1/offices/oki/counters/2/call-next", null);
    }

    @Test
    void eachEventSendsExactlyItsTemplateWithItsParameters() {
        String p = phone();
        JsonNode t = issue(1, p, true);
        long id = t.get("id").asLong();
        awaitTemplates(p, "antrean_issued", "antrean_admitted");
        List<Sent> first = sentTo(p);
        assertThat(first.get(0).params()).containsExactly("A-001", "Selasa, 1 Desember 2026", t.at("/slot/start").asText(),
                "https://antrean.example.id/t/" + t.get("token").asText());
        assertThat(first.get(0).language()).isEqualTo("id");
        assertThat(first.get(0).auth()).isEqualTo("Bearer test-access-token");
        assertThat(first.get(1).params()).containsExactly("A-001");

        assertThat(callNext().status()).isEqualTo(200);
        awaitTemplates(p, "antrean_issued", "antrean_admitted", "antrean_called");
        assertThat(sentTo(p).get(2).params()).containsExactly("A-001", "Loket 2");
        assertThat(operator.post("/api/v1/tickets/" + id + "/recall", null).status()).isEqualTo(200);
        awaitTemplates(p, "antrean_issued", "antrean_admitted", "antrean_called", "antrean_called");
        assertThat(operator.post("/api/v1/tickets/" + id + "/no-show", null).status()).isEqualTo(200);
        awaitTemplates(p, "antrean_issued", "antrean_admitted", "antrean_called", "antrean_called", "antrean_no_show");

        String q = phone();
        JsonNode refused = issue(2, q, true);
        awaitTemplates(q, "antrean_issued", "antrean_admitted");
        assertThat(callNext().status()).isEqualTo(200);
        // (Refused before "called" went out, "called" would be dropped as overtaken.)
        awaitTemplates(q, "antrean_issued", "antrean_admitted", "antrean_called");
        assertThat(operator.post("/api/v1/tickets/" + refused.get("id").asLong() + "/refuse",
                Map.of("reason", "Tidak memakai sarung tangan")).status()).isEqualTo(200);
        awaitTemplates(q, "antrean_issued", "antrean_admitted", "antrean_called", "antrean_refused");
        assertThat(sentTo(q).get(3).params()).containsExactly("A-002", "Tidak memakai sarung tangan");
        // Nothing else went out, to anybody.
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo(PATH)))).hasSize(9);
    }

    @Test
    void turnNearGoesOnceToEachTicketWithAtMostNAhead() {
        // A slot holds 5: A-006 has the next slot and waits outside until it starts.
        String[] phones = new String[6];
        for (int i = 0; i < 6; i++) {
            phones[i] = phone();
            issue(10 + i, phones[i], true);
        }
        for (int i = 0; i < 5; i++) {
            awaitTemplates(phones[i], "antrean_issued", "antrean_admitted");
        }
        awaitTemplates(phones[5], "antrean_issued");
        assertThat(callNext().status()).isEqualTo(200); // A-001 called; A-002..A-005 have 0..3 ahead, A-006 has 4
        awaitTemplates(phones[0], "antrean_issued", "antrean_admitted", "antrean_called");
        for (int i = 1; i <= 4; i++) {
            awaitTemplates(phones[i], "antrean_issued", "antrean_admitted", "antrean_turn_near");
            assertThat(sentTo(phones[i]).get(2).params()).containsExactly("A-00" + (i + 1), Integer.toString(i - 1));
        }
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(templates(phones[5])).containsExactly("antrean_issued"));
        // The next call: A-006 (still outside) comes within 3; the others already had theirs (once per ticket).
        TestData.execute(db, "UPDATE ticket SET state = 'DONE', active_counter = NULL WHERE number = 1");
        assertThat(callNext().status()).isEqualTo(200);
        awaitTemplates(phones[5], "antrean_issued", "antrean_turn_near");
        assertThat(sentTo(phones[5]).get(1).params()).containsExactly("A-006", "3");
        awaitTemplates(phones[1], "antrean_issued", "antrean_admitted", "antrean_turn_near", "antrean_called");
        assertThat(templates(phones[2])).containsExactly("antrean_issued", "antrean_admitted", "antrean_turn_near");
    }

    @Test
    void laterDayTicketsAreRemindedTheEveningBeforeAndAnHourBefore() {
        String p = phone();
        Map<String, Object> body = ticketRequest(nik(30));
        body.put("phone", p);
        body.put("day", "2026-12-02");
        body.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "en"));
        Api.Response r = resident.post("/api/v1/offices/oki/tickets", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String start = r.json().at("/slot/start").asText();
        awaitTemplates(p, "antrean_issued");
        assertThat(sentTo(p).get(0).language()).isEqualTo("en");
        assertThat(sentTo(p).get(0).params().get(1)).isEqualTo("Wednesday, 2 December 2026");
        CLOCK.setWib("2026-12-01T17:59:58");
        awaitTemplates(p, "antrean_issued", "antrean_reminder_evening");
        assertThat(sentTo(p).get(1).params()).containsExactly("A-001", "Wednesday, 2 December 2026", start);
        CLOCK.setWib("2026-12-02T07:59:58");
        awaitTemplates(p, "antrean_issued", "antrean_reminder_evening", "antrean_reminder_hour");
    }

    @Test
    void withoutConsentOrWithNotificationsOffNothingIsSent() {
        String noConsent = phone();
        issue(40, noConsent, false);
        assertThat(admin.put("/api/v1/offices/oki/notifications/settings", Map.of("enabled", false)).status()).isEqualTo(200);
        String off = phone();
        issue(41, off, true);
        String sentinel = phone();
        assertThat(admin.put("/api/v1/offices/oki/notifications/settings", Map.of("enabled", true)).status()).isEqualTo(200);
        issue(42, sentinel, true);
        awaitTemplates(sentinel, "antrean_issued", "antrean_admitted");
        assertThat(sentTo(noConsent)).isEmpty();
        assertThat(sentTo(off)).isEmpty();
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_consent")).isEqualTo(1);
    }

    @Test
    void cancelledByStaffIsToldAndACancelOfTheirOwnIsNot() {
        String p = phone();
        JsonNode t = issue(60, p, true);
        awaitTemplates(p, "antrean_issued", "antrean_admitted");
        assertThat(operator.post("/api/v1/tickets/" + t.get("id").asLong() + "/cancel",
                Map.of("reason", "Layanan perekaman dihentikan hari ini")).status()).isEqualTo(200);
        awaitTemplates(p, "antrean_issued", "antrean_admitted", "antrean_cancelled");
        List<String> params = sentTo(p).get(2).params();
        assertThat(params.get(0)).isEqualTo(t.get("number").asText());
        assertThat(params.get(1)).as("the office's WhatsApp number, the next step").isNotBlank();

        String q = phone();
        JsonNode own = issue(61, q, true);
        awaitTemplates(q, "antrean_issued");
        assertThat(resident.delete("/api/v1/tickets/" + own.get("token").asText()).status()).isEqualTo(200);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(templates(q)).doesNotContain("antrean_cancelled"));
    }

    @Test
    void stopFromTheTicketPageOrByReplyMeansNothingAfter() {
        String p = phone();
        JsonNode t = issue(50, p, true);
        awaitTemplates(p, "antrean_issued", "antrean_admitted");
        Api.Response stop = resident.post("/api/v1/tickets/" + t.get("token").asText() + "/messages/stop", null);
        assertThat(stop.status()).isEqualTo(200);
        assertThat(resident.get("/api/v1/tickets/" + t.get("token").asText() + "/messages").json().get("messages").asText())
                .isEqualTo("STOPPED");

        String q = phone();
        issue(51, q, true);
        awaitTemplates(q, "antrean_issued", "antrean_admitted");
        Api.Response reply = webhook(inbound(q.substring(1), "Berhenti"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("stopped").asInt()).isEqualTo(1);

        assertThat(callNext().status()).isEqualTo(200);
        assertThat(callNext().status()).isIn(200, 409);
        TestData.execute(db, "UPDATE ticket SET state = 'DONE', active_counter = NULL WHERE number = 1");
        assertThat(callNext().status()).isEqualTo(200);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(templates(p)).containsExactly("antrean_issued", "antrean_admitted");
            assertThat(templates(q)).containsExactly("antrean_issued", "antrean_admitted");
        });
    }

    @Test
    void webhookTrustsOnlyTheSignatureOverTheExactBody() throws Exception {
        String p = phone();
        issue(60, p, true);
        awaitTemplates(p, "antrean_issued", "antrean_admitted");
        String wamid = "wamid." + sentTo(p).get(0).reference();
        String body = statuses(wamid, "delivered");
        assertThat(raw(body, null).status()).isEqualTo(401);
        assertThat(raw(body, "sha256=" + "0".repeat(64)).status()).isEqualTo(401);
        byte[] changed = body.getBytes(StandardCharsets.UTF_8);
        String goodSignature = signature(changed);
        changed[changed.length - 3] ^= 1;
        assertThat(raw(new String(changed, StandardCharsets.UTF_8), goodSignature).status()).isEqualTo(401);
        assertThat(delivery(wamid)).isNull();
        assertThat(raw(body, signature(body.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(200);
        assertThat(delivery(wamid)).isEqualTo("DELIVERED");

        assertThat(resident.get("/api/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345").body())
                .isEqualTo("12345");
        assertThat(resident.get("/api/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=12345").status())
                .isEqualTo(403);
    }

    @Test
    void statusesOutOfOrderAndTwiceKeepTheFurthest() {
        String p = phone();
        issue(70, p, true);
        awaitTemplates(p, "antrean_issued", "antrean_admitted");
        String wamid = "wamid." + sentTo(p).get(0).reference();
        for (String s : List.of("read", "delivered", "sent", "delivered", "read")) {
            assertThat(webhook(statuses(wamid, s)).status()).isEqualTo(200);
        }
        assertThat(delivery(wamid)).isEqualTo("READ");
        Api.Response report = operator.get("/api/v1/offices/oki/messages/report?from=2026-12-01&to=2026-12-01");
        JsonNode day = report.json().get("days").get(0);
        assertThat(day.get("sent").asInt()).isEqualTo(2);
        assertThat(day.get("delivered").asInt()).isEqualTo(1);
        assertThat(day.get("read").asInt()).isEqualTo(1);
        assertThat(day.get("failed").asInt()).isZero();
    }

    @Test
    void providerDownThenBackSendsEverythingInOrder() {
        provider.resetMappings();
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        String[] phones = new String[8];
        for (int i = 0; i < phones.length; i++) {
            phones[i] = phone();
            issue(80 + i, phones[i], true);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> provider.findAll(postRequestedFor(urlPathEqualTo(PATH))).size() >= 8);
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(accepted()).isEmpty();
        providerAnswers();
        // Five fit in the room (admitted); the other three wait outside.
        for (int i = 0; i < phones.length; i++) {
            if (i < 5) {
                awaitTemplates(phones[i], "antrean_issued", "antrean_admitted");
            } else {
                awaitTemplates(phones[i], "antrean_issued");
            }
        }
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state <> 'SENT'")).isZero();
        assertThat(TestData.count(db, "SELECT MAX(attempts) FROM notify_outbox")).isGreaterThan(1);
    }

    @Test
    void aMessageOvertakenWhileTheProviderWasDownIsDroppedNotSentLate() {
        String[] phones = new String[2];
        for (int i = 0; i < 2; i++) {
            phones[i] = phone();
            issue(110 + i, phones[i], true);
        }
        awaitTemplates(phones[1], "antrean_issued", "antrean_admitted");
        provider.resetMappings();
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(callNext().status()).isEqualTo(200); // A-001 called: A-002 gets "turn near", queued
        await().atMost(Duration.ofSeconds(5)).until(() ->
                TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'TURN_NEAR' AND attempts > 0") == 1);
        TestData.execute(db, "UPDATE ticket SET state = 'DONE', active_counter = NULL WHERE number = 1");
        assertThat(callNext().status()).isEqualTo(200); // A-002 called before "turn near" could go out
        providerAnswers();
        try {
            awaitTemplates(phones[1], "antrean_issued", "antrean_admitted", "antrean_called");
        } catch (AssertionError | RuntimeException e) {
            System.out.println("OUTBOX " + TestData.string(db, "SELECT GROUP_CONCAT(CONCAT_WS(' ', id, ticket_id, kind, state, attempts, "
                    + "created_at, sent_at, last_error) SEPARATOR ' | ') FROM notify_outbox"));
            throw e;
        }
        assertThat(TestData.string(db, "SELECT CONCAT(state, ': ', last_error) FROM notify_outbox WHERE kind = 'TURN_NEAR'"))
                .isEqualTo("DROPPED: ticket is now CALLED");
    }

    @Test
    void throughputLimitAnswersMakeItSlowerNotLose() {
        provider.resetMappings();
        provider.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .inScenario("busy").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
                        "error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},
                        "fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}"""))
                .willSetStateTo("busy-2"));
        provider.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario("busy").whenScenarioStateIs("busy-2")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"code\":130429}}"))
                .willSetStateTo("fine"));
        provider.stubFor(post(urlPathEqualTo(PATH)).atPriority(5).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                .withTransformers("response-template")));
        String p = phone();
        issue(90, p, true);
        awaitTemplates(p, "antrean_issued", "antrean_admitted");
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo(PATH)))).hasSize(4);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'SENT'")).isEqualTo(2);
        assertThat(TestData.count(db, "SELECT attempts FROM notify_outbox WHERE kind = 'ISSUED'")).isEqualTo(3);
    }

    @Test
    void undeliverableIsFinalShownToSupervisorsAndCanBeRetried() {
        provider.resetMappings();
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
                        "error_data":{"messaging_product":"whatsapp","details":"Unable to deliver message."}}}""")));
        String p = phone();
        issue(100, p, true);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'FAILED'") == 2);
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo(PATH)))).hasSize(2); // once each, no retry of a final answer
        JsonNode page = operator.get("/api/v1/offices/oki/messages?day=2026-12-01").json();
        JsonNode problem = page.get("problems").get(0);
        assertThat(problem.get("reason").asText()).contains("131026");
        assertThat(problem.get("phone").asText()).isEqualTo("••••" + p.substring(p.length() - 4));
        assertThat(page.toString()).doesNotContain(p.substring(1, p.length() - 4));
        providerAnswers();
        long id = problem.get("id").asLong();
        assertThat(operator.post("/api/v1/offices/oki/messages/" + id + "/retry", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'SENT'") == 1);
    }

    @Test
    void twoNodesDispatchingOneOutboxLoseNothing() {
        Antrean second = TestServer.start(db, CLOCK, config(provider.baseUrl()));
        long firstBefore = node.dispatcher().sentCount();
        try {
            int n = 40;
            for (int i = 0; i < n; i++) {
                issue(200 + i, phone(), true);
            }
            long rows = TestData.count(db, "SELECT COUNT(*) FROM notify_outbox");
            assertThat(rows).isGreaterThan(n);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'SENT'") == rows);
            List<Sent> all = accepted();
            long distinct = all.stream().map(Sent::reference).distinct().count();
            assertThat(distinct).isEqualTo(rows);
            long duplicates = all.size() - distinct;
            long byFirst = node.dispatcher().sentCount() - firstBefore;
            System.out.println("Two nodes: " + all.size() + " requests for " + distinct + " messages, duplicates " + duplicates
                    + "; node 1 sent " + byFirst + ", node 2 sent " + second.dispatcher().sentCount());
            assertThat(byFirst + second.dispatcher().sentCount()).isEqualTo(all.size());
            assertThat(byFirst).isPositive();
            assertThat(second.dispatcher().sentCount()).isPositive();
            assertThat(duplicates).isLessThanOrEqualTo(TestData.count(db, "SELECT COALESCE(SUM(lost_claims), 0) FROM notify_outbox"));
        } finally {
            second.close();
        }
    }

    // --- webhook helpers

    static String statuses(String wamid, String status) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"628000\",\"phone_number_id\":\"1234567890\"},"
                + "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"1764554400\","
                + "\"recipient_id\":\"628000\"}]}}]}]}";
    }

    static String inbound(String from, String text) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"628000\",\"phone_number_id\":\"1234567890\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Warga\"},\"wa_id\":\"" + from + "\"}],"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid.in1\",\"timestamp\":\"1764554400\",\"type\":\"text\","
                + "\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
    }

    static Api.Response webhook(String body) {
        try {
            return raw(body, signature(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Api.Response raw(String body, String signature) {
        Map<String, String> headers = signature == null ? Map.of() : Map.of("X-Hub-Signature-256", signature);
        return resident.post("/api/v1/whatsapp/webhook", body, headers);
    }

    static String signature(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    static String delivery(String wamid) {
        return TestData.string(db, "SELECT delivery FROM notify_outbox WHERE provider_id = '" + wamid + "'");
    }
}
