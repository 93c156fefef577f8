package id.antrean.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import id.antrean.storage.Database;
import id.antrean.storage.EventStore;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed passes every visible event on at the next poll whatever holes lie below it (Galera's
 * id steps, rolled-back inserts), picks up an event that commits late into a hole, passes nothing
 * on twice, and moves its cursor over holes once their poll's deadline has gone by.
 */
@ExtendWith(TestDatabase.class)
class EventFeedTest {

    @Test
    void holesCostNoDeliveryTimeAndLateCommitsAreNotMissed(TestDatabase.Db db) throws Exception {
        try (Database database = TestDatabases.open(db)) {
            EventStore events = new EventStore(database);
            AtomicLong nanos = new AtomicLong();
            EventFeed feed = new EventFeed(events, Duration.ofHours(1), Duration.ofMillis(300), nanos::get);
            List<Long> seen = new ArrayList<>();
            feed.subscribe(batch -> batch.forEach(e -> seen.add(e.id())));
            feed.start(); // the poll thread sleeps an hour: the test polls by hand
            long base = feed.cursor();

            // Galera's default step of 3 on one writing node: every event has a hole below it.
            insert(db, base + 3);
            insert(db, base + 6);
            insert(db, base + 9);
            feed.pollOnce();
            assertThat(seen).containsExactly(base + 3, base + 6, base + 9);
            assertThat(feed.cursor()).isEqualTo(base);
            assertThat(feed.lag().ids()).isEqualTo(9);
            assertThat(feed.lag().watchedHoles()).isEqualTo(6);

            // Another node's insert commits late into a hole: passed on once, nothing else again.
            insert(db, base + 4);
            feed.pollOnce();
            feed.pollOnce();
            assertThat(seen).containsExactly(base + 3, base + 6, base + 9, base + 4);

            // All holes of that poll expire together, after one deadline.
            insert(db, base + 12);
            feed.pollOnce();
            nanos.addAndGet(150_000_000);
            insert(db, base + 15);
            feed.pollOnce();
            assertThat(feed.cursor()).isEqualTo(base);
            nanos.addAndGet(200_000_000);
            feed.pollOnce();
            assertThat(feed.cursor()).isEqualTo(base + 12); // holes of the earlier polls are given up on
            nanos.addAndGet(200_000_000);
            feed.pollOnce();
            assertThat(feed.cursor()).isEqualTo(base + 15);
            assertThat(feed.lag().ids()).isZero();

            // Dense ids move the cursor at once.
            insert(db, base + 16);
            insert(db, base + 17);
            feed.pollOnce();
            assertThat(feed.cursor()).isEqualTo(base + 17);
            assertThat(seen).containsExactly(base + 3, base + 6, base + 9, base + 4, base + 12, base + 15,
                    base + 16, base + 17);
            feed.close();
        }
    }

    @Test
    void aLongRunOfSteppedIdsIsPassedOnWithoutWaiting(TestDatabase.Db db) throws Exception {
        try (Database database = TestDatabases.open(db)) {
            EventStore events = new EventStore(database);
            // A gap wait far longer than the test: any waiting on holes would show.
            EventFeed feed = new EventFeed(events, Duration.ofHours(1), Duration.ofMinutes(5));
            List<Long> seen = new ArrayList<>();
            feed.subscribe(batch -> batch.forEach(e -> seen.add(e.id())));
            feed.start();
            long base = feed.cursor();
            for (int i = 1; i <= 50; i++) {
                insert(db, base + 3L * i);
                feed.pollOnce();
                assertThat(seen).hasSize(i).last().isEqualTo(base + 3L * i);
            }
            feed.close();
        }
    }

    private static void insert(TestDatabase.Db db, long id) {
        TestData.execute(db, "INSERT INTO event (id, office_id, type, payload, created_at) VALUES ("
                + id + ", 'oki', 'TICKET_ADMITTED', '{\"number\":\"A-001\"}', NOW(3))");
    }
}
