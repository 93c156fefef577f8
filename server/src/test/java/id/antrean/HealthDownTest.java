package id.antrean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;

import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Health must report the database as it is, not as it was at start. */
@ExtendWith(TestDatabase.class)
class HealthDownTest {
    @Test
    void healthGoesDownWhenTheDatabaseIsGone(TestDatabase.Db db) throws Exception {
        try (Antrean node = TestServer.start(db, Clock.systemUTC())) {
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + node.port() + "/observe/health");
            assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            // Take the schema away: the health query fails as it would with the server gone.
            try (Connection c = node.database().jdbcConnection(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE `" + db.name() + "`");
            }
            // A reading is reused for half a second (a hung database must not pile up checks): DOWN within 1 s.
            long gone = System.nanoTime();
            HttpResponse<String> down = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            while (down.statusCode() == 200 && System.nanoTime() - gone < 1_000_000_000L) {
                Thread.sleep(50);
                down = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"");
        }
    }
}
