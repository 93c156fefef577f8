package id.antrean.notify;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import id.antrean.support.Api;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node killed with SIGKILL in the middle of dispatch, then another started: every message is
 * sent at least once, and the test reports how many went twice (claims the dead node never closed).
 */
@ExtendWith(TestDatabase.class)
class DispatchKilledTest {
    static final String PATH = "/v23.0/1234567890/messages";
    static WireMockServer provider;
    static TestDatabase.Db db;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        // Slow answers keep many sends in flight when the node dies.
        provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
                .withTransformers("response-template").withFixedDelay(400)));
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    record Node(Process process, int port) {
    }

    static Node launch(String startWib) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Djava.util.logging.config.file=/dev/null", "-cp",
                System.getProperty("java.class.path"), DispatchNode.class.getName(),
                db.url(), db.user(), db.password(), provider.baseUrl(), startWib)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            seen.append(line).append('\n');
            if (line.startsWith("PORT ")) {
                int port = Integer.parseInt(line.substring(5).strip());
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (java.io.IOException e) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Node(p, port);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("node did not start:\n" + seen);
    }

    @Test
    void killedMidDispatchThenRestartedEveryMessageGoesAtLeastOnce() throws Exception {
        Node first = launch("2026-12-01T09:00");
        Node second = null;
        try {
            Api admin = new Api(first.port()).loginAsAdmin();
            assertThat(admin.put("/api/v1/offices/oki/notifications/settings", Map.of("enabled", true)).status()).isEqualTo(200);
            int n = 40;
            for (int i = 0; i < n; i++) {
                Map<String, Object> body = ticketRequest(nik(300 + i));
                body.put("phone", "+62813" + String.format("%07d", 5000 + i));
                body.put("whatsappConsent", Map.of("version", "wa-consent-2026-12", "language", "id"));
                assertThat(admin.post("/api/v1/offices/oki/tickets", body).status()).isEqualTo(201);
            }
            long rows = TestData.count(db, "SELECT COUNT(*) FROM notify_outbox");
            assertThat(rows).isGreaterThanOrEqualTo(n);
            await().atMost(Duration.ofSeconds(20)).until(() -> provider.getAllServeEvents().size() >= 10);
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, claims left open
            first.process().waitFor(10, TimeUnit.SECONDS);
            long sentBefore = TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'SENT'");
            assertThat(sentBefore).as("killed mid-dispatch").isLessThan(rows);

            second = launch("2026-12-01T09:05");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    TestData.count(db, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'SENT'") == rows);
            Thread.sleep(500); // any request still on its way to the stand-in
            List<String> refs = provider.getAllServeEvents().stream().map(ServeEvent::getRequest)
                    .map(r -> r.getBodyAsString().replaceAll(".*\"biz_opaque_callback_data\":\"([^\"]+)\".*", "$1")).toList();
            long distinct = refs.stream().distinct().count();
            long twice = refs.size() - distinct;
            long lostClaims = TestData.count(db, "SELECT COALESCE(SUM(lost_claims), 0) FROM notify_outbox");
            System.out.println("kill -9 mid-dispatch: " + rows + " messages, " + refs.size() + " provider requests, sent before the kill "
                    + sentBefore + ", sent twice " + twice + ", claims left open by the dead node " + lostClaims);
            assertThat(distinct).as("every message sent at least once").isEqualTo(rows);
            assertThat(twice).as("duplicates only where a claim was lost").isLessThanOrEqualTo(lostClaims);
        } finally {
            first.process().destroyForcibly();
            if (second != null) {
                second.process().destroy();
                if (!second.process().waitFor(15, TimeUnit.SECONDS)) {
                    second.process().destroyForcibly();
                }
            }
        }
    }
}
