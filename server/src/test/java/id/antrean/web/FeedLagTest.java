package id.antrean.web;

import java.time.Clock;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The display feed's lag is published: in the health details and as metrics. */
@ExtendWith(TestDatabase.class)
class FeedLagTest {
    @Test
    void healthAndMetricsShowTheFeedsLag(TestDatabase.Db db) throws Exception {
        try (Antrean node = TestServer.start(db, Clock.systemUTC())) {
            Api api = new Api(node.port());
            Api.Response health = api.get("/observe/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"name\":\"feed\"").contains("\"lagIds\":").contains("\"lagSeconds\":")
                    .contains("\"newestId\":").contains("\"cursor\":");
            Api.Response metrics = api.getWith("/observe/metrics", java.util.Map.of("Accept", "text/plain"));
            assertThat(metrics.body()).contains("antrean_feed_lag_ids").contains("antrean_feed_lag_seconds");
        }
    }
}
