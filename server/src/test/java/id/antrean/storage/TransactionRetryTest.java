package id.antrean.storage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A transaction MariaDB aborts as a deadlock victim is run again, and then commits. */
@ExtendWith(TestDatabase.class)
class TransactionRetryTest {

    @Test
    void aDeadlockVictimIsRetriedUntilItCommits(TestDatabase.Db db) throws Exception {
        TestData.execute(db, "CREATE TABLE retry_probe (id INT PRIMARY KEY, n INT NOT NULL)");
        TestData.execute(db, "INSERT INTO retry_probe VALUES (1, 0), (2, 0)");
        try (Database database = TestDatabases.open(db); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            AtomicInteger attempts = new AtomicInteger();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            // Each locks one row, waits for the other to do the same, then wants the other's row.
            Future<?> first = pool.submit(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.dml("UPDATE retry_probe SET n = n + 1 WHERE id = 1");
                bothHoldOne.countDown();
                await(bothHoldOne);
                tx.dml("UPDATE retry_probe SET n = n + 1 WHERE id = 2");
                return null;
            }));
            Future<?> second = pool.submit(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.dml("UPDATE retry_probe SET n = n + 1 WHERE id = 2");
                bothHoldOne.countDown();
                await(bothHoldOne);
                tx.dml("UPDATE retry_probe SET n = n + 1 WHERE id = 1");
                return null;
            }));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            // One of them was the victim and ran again: three runs, both committed exactly once.
            assertThat(attempts.get()).isEqualTo(3);
            assertThat(TestData.count(db, "SELECT SUM(n) FROM retry_probe")).isEqualTo(4);
        }
    }

    /** Issue 10/12: conflicts that outlast the retries are the database being busy (503), not a defect (500). */
    @Test
    void conflictsThatOutlastTheRetriesAreDatabaseUnavailable(TestDatabase.Db db) {
        try (Database database = TestDatabases.open(db)) {
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                throw new IllegalStateException(new java.sql.SQLException("Deadlock found when trying to get lock", "40001", 1213));
            })).isInstanceOfSatisfying(DatabaseUnavailable.class, e -> {
                assertThat(e.reason()).isEqualTo(DatabaseUnavailable.Reason.CONFLICTS);
                assertThat(e.outcomeUnknown()).isFalse();
            });
            assertThat(attempts.get()).isEqualTo(8);
        }
    }

    @Test
    void otherFailuresAreNotRetried(TestDatabase.Db db) {
        try (Database database = TestDatabases.open(db)) {
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.dml("INSERT INTO no_such_table VALUES (1)");
                return null;
            })).isInstanceOf(RuntimeException.class);
            assertThat(attempts.get()).isEqualTo(1);
        }
    }

    /** Both hold their first row before either asks for the other's: the deadlock is certain, not timed. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction never took its first row");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
