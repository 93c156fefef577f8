package id.antrean.storage;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A transaction that times out waiting for a row lock (1205) is run again and then commits. */
@ExtendWith(TestDatabase.class)
class LockWaitRetryTest {

    @Test
    void aLockWaitTimeoutIsRetriedUntilItCommits(TestDatabase.Db db) throws Exception {
        // Every session of this pool gives up a lock wait after 1 s, so the test need not wait 50.
        String url = db.url() + "?sessionVariables=innodb_lock_wait_timeout=1";
        try (Database database = Database.open(Config.just(ConfigSources.create(Map.of(
                "connection.url", url, "connection.username", db.user(), "connection.password", db.password()))));
             Connection holder = db.connect(); Statement st = holder.createStatement()) {
            TestData.execute(db, "CREATE TABLE lock_probe (id INT PRIMARY KEY, n INT NOT NULL)");
            TestData.execute(db, "INSERT INTO lock_probe VALUES (1, 0)");
            holder.setAutoCommit(false);
            st.execute("SELECT * FROM lock_probe WHERE id = 1 FOR UPDATE");
            AtomicInteger attempts = new AtomicInteger();
            CompletableFuture<Object> update = CompletableFuture.supplyAsync(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.dml("UPDATE lock_probe SET n = n + 1 WHERE id = 1");
                return null;
            }));
            // The first attempt timed out (1205) and a second one is waiting: only then let go.
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts.get() >= 2);
            assertThat(update).isNotDone();
            holder.commit();
            update.get(30, TimeUnit.SECONDS);
            assertThat(TestData.count(db, "SELECT n FROM lock_probe WHERE id = 1")).isEqualTo(1);
            assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
        }
    }
}
