package id.antrean.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import id.antrean.storage.Database;
import id.antrean.storage.EventStore;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed hands events on in id order, waits behind a missing id, and gives up on it in time. */
@ExtendWith(TestDatabase.class)
class EventFeedTest {

    @Test
    void eventsComeInIdOrderAndAGapIsWaitedForOnlyBriefly(TestDatabase.Db db) throws Exception {
        try (Database database = TestDatabases.open(db)) {
            EventStore events = new EventStore(database);
            EventFeed feed = new EventFeed(events, Duration.ofHours(1), Duration.ofMillis(300));
            List<Long> seen = new ArrayList<>();
            feed.subscribe(batch -> batch.forEach(e -> seen.add(e.id())));
            feed.start(); // the poll thread sleeps an hour: the test polls by hand
            long base = feed.cursor();

            insert(db, base + 2);
            feed.pollOnce();
            assertThat(seen).isEmpty(); // base + 1 may still be committing

            insert(db, base + 1);
            feed.pollOnce();
            assertThat(seen).containsExactly(base + 1, base + 2);

            insert(db, base + 5); // base + 3 and base + 4 never come (rolled back, another node's range)
            feed.pollOnce();
            assertThat(seen).hasSize(2);
            // Once the gap has been open longer than the gap time (300 ms), a poll skips it.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                feed.pollOnce();
                return seen.size() == 3;
            });
            assertThat(seen).containsExactly(base + 1, base + 2, base + 5);
            assertThat(feed.cursor()).isEqualTo(base + 5);
            feed.close();
        }
    }

    private static void insert(TestDatabase.Db db, long id) {
        TestData.execute(db, "INSERT INTO event (id, office_id, type, payload, created_at) VALUES ("
                + id + ", 'oki', 'TICKET_ADMITTED', '{\"number\":\"A-001\"}', NOW(3))");
    }
}
