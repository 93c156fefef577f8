package id.antrean.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import id.antrean.Antrean;
import id.antrean.Main;
import id.antrean.support.GaleraCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three servers started at the same moment on a fresh database of a real Galera cluster, each on
 * its own node: the schema is migrated exactly once and every server becomes healthy, whether a
 * migrate step runs beside servers that only wait, or the servers migrate on their own.
 */
class GaleraSchemaTest {
    static GaleraCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = GaleraCluster.shared();
    }

    @Test
    void theMigrateStepRunsOnceAndWaitingServersStartOnItsSchema() throws Exception {
        String db = cluster.createDatabase("migrate_step");
        List<Antrean> started = new ArrayList<>();
        try {
            List<Map<String, String>> configs = new ArrayList<>();
            for (int i = 0; i < GaleraCluster.SIZE; i++) {
                configs.add(ClusterServers.config(cluster.url(i, db), Map.of("db.migrate", "false",
                        "db.schema-wait-seconds", "90")));
            }
            List<Future<Antrean>> servers = ClusterServers.startAtOnce(configs, Clock.systemUTC());
            Thread.sleep(1_500); // the servers are waiting for the schema now
            assertThat(servers).noneMatch(Future::isDone);
            int status = Main.command(new String[] {"migrate"},
                    ClusterServers.asConfig(ClusterServers.config(cluster.sequentialUrl(db, 0, 1, 2), Map.of())));
            assertThat(status).isZero();
            for (Future<Antrean> f : servers) {
                started.add(f.get(120, TimeUnit.SECONDS));
            }
            assertAllHealthyAndMigratedOnce(started, db);
            // Run again, it has nothing to do and still exits 0.
            assertThat(Main.command(new String[] {"migrate"},
                    ClusterServers.asConfig(ClusterServers.config(cluster.url(2, db), Map.of())))).isZero();
        } finally {
            ClusterServers.closeAll(started);
            cluster.dropDatabase(db);
        }
    }

    @Test
    void threeServersMigratingOnTheirOwnAtOnceMigrateOnce() throws Exception {
        String db = cluster.createDatabase("auto_migrate");
        List<Antrean> started = new ArrayList<>();
        try {
            List<Map<String, String>> configs = new ArrayList<>();
            for (int i = 0; i < GaleraCluster.SIZE; i++) {
                configs.add(ClusterServers.config(cluster.url(i, db), Map.of()));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<Antrean> f : ClusterServers.startAtOnce(configs, Clock.systemUTC())) {
                try {
                    started.add(f.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).isEmpty();
            assertAllHealthyAndMigratedOnce(started, db);
        } finally {
            ClusterServers.closeAll(started);
            cluster.dropDatabase(db);
        }
    }

    @Test
    void aServerThatMustNotMigrateSaysWhatItWaitedFor() {
        String db = cluster.createDatabase("no_schema");
        try {
            Throwable failure = null;
            try {
                ClusterServers.startAtOnce(List.of(ClusterServers.config(cluster.url(1, db),
                        Map.of("db.migrate", "false", "db.schema-wait-seconds", "2"))), Clock.systemUTC())
                        .getFirst().get(60, TimeUnit.SECONDS).close();
            } catch (Exception e) {
                failure = e.getCause();
            }
            assertThat(failure).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema is not at version " + newestMigration())
                    .hasMessageContaining("it is empty")
                    .hasMessageContaining("java -jar antrean-server.jar migrate");
            assertThat(cluster.count(1, db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db + "'"))
                    .as("nothing created").isZero();
        } finally {
            cluster.dropDatabase(db);
        }
    }

    private static void assertAllHealthyAndMigratedOnce(List<Antrean> servers, String db) throws Exception {
        assertThat(servers).hasSize(GaleraCluster.SIZE);
        for (Antrean s : servers) {
            var health = ClusterServers.healthShowing(s, "\"wsrep_cluster_status\":\"Primary\"", Duration.ofSeconds(10));
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"wsrep_cluster_status\":\"Primary\"");
        }
        long migrations = migrationFiles();
        for (int node = 0; node < GaleraCluster.SIZE; node++) {
            assertThat(cluster.count(node, db, "SELECT COUNT(*) FROM flyway_schema_history WHERE type <> 'BASELINE'"))
                    .as("one history row per migration on node " + node).isEqualTo(migrations);
            assertThat(cluster.count(node, db, "SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE success = 1 AND type <> 'BASELINE'"))
                    .isEqualTo(migrations);
            assertThat(cluster.count(node, db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0")).isZero();
            assertThat(cluster.count(node, db, "SELECT COUNT(*) FROM office")).isEqualTo(1);
            assertThat(cluster.count(node, db, "SELECT COUNT(*) FROM staff WHERE username = 'admin'")).isEqualTo(1);
        }
    }

    private static long migrationFiles() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    private static String newestMigration() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
