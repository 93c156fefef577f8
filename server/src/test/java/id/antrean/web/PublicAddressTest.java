package id.antrean.web;

import java.util.Map;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.LogCapture;
import id.antrean.support.MutableClock;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the ticket's QR code must open on a resident's phone. A server without
 * ANTREAN_PUBLIC_URL, or with a loopback one, says so at start and in the kiosk API's
 * publicUrlWarning (which the admin pages show); a public address gives neither.
 */
@ExtendWith(TestDatabase.class)
class PublicAddressTest {

    @Test
    void loopbackAddressesAreKnown() {
        for (String url : new String[] {"http://localhost:8080", "http://127.0.0.1:8080/", "http://[::1]:8080", "http://0.0.0.0",
                "http://kiosk.localhost"}) {
            assertThat(PublicAddress.isLoopback(url)).as(url).isTrue();
            assertThat(PublicAddress.problem(url)).as(url).isPresent();
        }
        for (String url : new String[] {"https://antrean.okikab.go.id", "http://192.168.1.10:8080", "http://10.0.0.5"}) {
            assertThat(PublicAddress.isLoopback(url)).as(url).isFalse();
            assertThat(PublicAddress.problem(url)).as(url).isEmpty();
        }
        assertThat(PublicAddress.problem(null)).get().asString().contains("ANTREAN_PUBLIC_URL").contains("unset");
    }

    @Test
    void aServerWithoutPublicAddressWarnsAtStartAndInTheKioskApi(TestDatabase.Db db) {
        Antrean node;
        try (LogCapture logs = new LogCapture()) {
            node = TestServer.start(db, MutableClock.atWib("2026-12-01T09:10"), Map.of());
            assertThat(logs.text()).contains("ANTREAN_PUBLIC_URL (antrean.public.url) is unset")
                    .contains("loopback");
        }
        try {
            var warning = new Api(node.port()).get("/api/v1/offices/oki/kiosk").json().get("publicUrlWarning");
            assertThat(warning.asText()).isEqualTo("UNSET");
        } finally {
            node.close();
        }
        try (LogCapture logs = new LogCapture()) {
            Antrean other = TestServer.start(db, MutableClock.atWib("2026-12-01T09:10"), Map.of("antrean.public.url", "https://antrean.okikab.go.id"));
            try {
                assertThat(logs.text()).doesNotContain("ANTREAN_PUBLIC_URL");
                assertThat(new Api(other.port()).get("/api/v1/offices/oki/kiosk").json().get("publicUrlWarning").isNull()).isTrue();
            } finally {
                other.close();
            }
        }
    }
}
