package id.antrean.queue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slot capacity and the daily quota across settings changes made while kiosks issue: persons
 * already booked count against the slots of a new slot length or new opening hours, so no minute
 * of the day ever has more persons booked than a slot holds. Two nodes, one database.
 */
@ExtendWith(TestDatabase.class)
class SettingsChangeCapacityTest {
    static final String SETTINGS = "/api/v1/offices/oki/settings";
    static final String TICKETS = "/api/v1/offices/oki/tickets";
    static final int SLOT_CAPACITY = 15;
    static final int QUOTA = 100;
    /** Tuesday at opening time: the whole day is bookable. */
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T08:00");
    static TestDatabase.Db db;
    static Antrean nodeA;
    static Antrean nodeB;
    static Api admin;
    static String seeded;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        nodeA = TestServer.start(db, CLOCK);
        nodeB = TestServer.start(db, CLOCK);
        admin = new Api(nodeA.port()).loginAsAdmin();
        seeded = TestData.settings(db);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @BeforeEach
    void reset() {
        TestData.clearQueue(db, seeded);
        CLOCK.setWib("2026-12-01T08:00");
    }

    private static void save(Consumer<ObjectNode> change) {
        ObjectNode s = (ObjectNode) admin.get(SETTINGS).json().deepCopy();
        change.accept(s);
        Api.Response r = admin.put(SETTINGS, s);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Every weekday 08:00–15:00: seven hours hold whole slots of each length the test uses. */
    private static void weekdaysEightToThree(ObjectNode s) {
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            ((ObjectNode) s.get("openingHours")).putArray(day).addObject().put("open", "08:00").put("close", "15:00");
        }
    }

    /** Tuesday's opening intervals (the test day is a Tuesday). */
    private static Consumer<ObjectNode> tuesday(String... openClose) {
        return s -> {
            ArrayNode day = ((ObjectNode) s.get("openingHours")).putArray("TUESDAY");
            for (int i = 0; i < openClose.length; i += 2) {
                day.addObject().put("open", openClose[i]).put("close", openClose[i + 1]);
            }
        };
    }

    /** A booked person's time window, in minutes of the day. */
    record Window(int start, int end) {
    }

    private static List<Window> bookedWindows() throws Exception {
        List<Window> windows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT slot_start_min, slot_end_min FROM ticket WHERE number IS NOT NULL AND state <> 'CANCELLED'")) {
            while (rs.next()) {
                windows.add(new Window(rs.getInt(1), rs.getInt(2)));
            }
        }
        return windows;
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
    }

    /** The most persons booked for any one minute of the day. */
    private static int mostPersonsInOneMinute(List<Window> windows) {
        int most = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            int m = minute;
            most = Math.max(most, (int) windows.stream().filter(w -> w.start() <= m && m < w.end()).count());
        }
        return most;
    }

    @Test
    void slotLengthAndHoursChangedWhileKiosksIssueNeverOverbookAMinuteNorTheDay() throws Exception {
        save(s -> {
            s.put("slotCapacity", SLOT_CAPACITY);
            s.put("slotMinutes", 30);
            s.put("roomCapacity", 100);
            weekdaysEightToThree(s);
            ((ObjectNode) s.get("dailyQuota")).put("KTP_EL_RECORDING", QUOTA);
        });
        // Each change comes once three more tickets have been issued with the slot length before it.
        // The day (7 hours, 15 persons a minute) has room for the quota whatever the slot lengths.
        List<Integer> lengths = List.of(30, 60, 20, 15, 35, 30);
        List<Consumer<ObjectNode>> changes = List.of(
                s -> s.put("slotMinutes", 60),
                s -> {
                    s.put("slotMinutes", 20);
                    tuesday("08:00", "12:00", "13:00", "15:00").accept(s);
                },
                s -> {
                    s.put("slotMinutes", 15);
                    tuesday("08:00", "15:00").accept(s);
                },
                s -> s.put("slotMinutes", 35),
                s -> s.put("slotMinutes", 30));
        AtomicInteger issued = new AtomicInteger();
        Map<Integer, AtomicInteger> byLength = new ConcurrentHashMap<>();
        AtomicInteger nikIndex = new AtomicInteger(1000);
        AtomicBoolean changesDone = new AtomicBoolean();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        int kiosks = 8;
        ExecutorService pool = Executors.newFixedThreadPool(kiosks + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < kiosks; k++) {
                Api kiosk = new Api((k % 2 == 0 ? nodeA : nodeB).port());
                running.add(pool.submit(() -> {
                    int fullAfterChanges = 0;
                    for (int attempt = 0; attempt < 80 && fullAfterChanges < 3; attempt++) {
                        Api.Response r = kiosk.post(TICKETS, ticketRequest(nik(nikIndex.getAndIncrement())));
                        statuses.computeIfAbsent(r.status(), x -> new AtomicInteger()).incrementAndGet();
                        if (r.status() == 201) {
                            issued.incrementAndGet();
                            int length = minutes(r.json().get("slot").get("end").asText())
                                    - minutes(r.json().get("slot").get("start").asText());
                            byLength.computeIfAbsent(length, x -> new AtomicInteger()).incrementAndGet();
                        } else if (r.status() == 409 && "QUOTA_FULL".equals(r.error())) {
                            fullAfterChanges += changesDone.get() ? 1 : 0;
                        } else {
                            unexpected.add(r.status() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            running.add(pool.submit(() -> {
                int base = 0;
                for (int i = 0; i < changes.size(); i++) {
                    AtomicInteger withLength = byLength.computeIfAbsent(lengths.get(i), x -> new AtomicInteger());
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (withLength.get() < base + 3 && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                    save(changes.get(i));
                    base = byLength.computeIfAbsent(lengths.get(i + 1), x -> new AtomicInteger()).get();
                }
                changesDone.set(true);
                return null;
            }));
            for (Future<?> f : running) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected).as("answers other than 201 and QUOTA_FULL").isEmpty();
        List<Window> windows = bookedWindows();
        for (int length : lengths) {
            assertThat(byLength.get(length).get()).as("tickets issued with %d-minute slots", length).isPositive();
        }
        assertThat(mostPersonsInOneMinute(windows)).as("persons booked for one minute, at most a slot's capacity")
                .isLessThanOrEqualTo(SLOT_CAPACITY);
        assertThat(windows.size()).as("the day ends at its quota, not beyond").isEqualTo(QUOTA);
        assertThat(TestData.count(db, "SELECT issued FROM day_counter")).isEqualTo(windows.size());
        assertThat(issued.get()).isEqualTo(windows.size());
        // The day ended full: every later kiosk was told so.
        assertThat(statuses.get(409).get()).isGreaterThanOrEqualTo(3 * kiosks);
    }

    @Test
    void aCancelledTicketBookedUnderAnEarlierLayoutFreesItsPlaceInTheNewOne() throws Exception {
        save(s -> {
            s.put("slotCapacity", 1);
            s.put("slotMinutes", 60);
            weekdaysEightToThree(s);
        });
        Api kiosk = new Api(nodeA.port());
        Api.Response first = kiosk.post(TICKETS, ticketRequest(nik(1)));
        assertThat(first.json().get("slot").get("end").asText()).isEqualTo("09:00");
        save(s -> s.put("slotMinutes", 30));
        // 08:00–09:00 is taken: both new half-hour slots count that person.
        assertThat(kiosk.post(TICKETS, ticketRequest(nik(2))).json().get("slot").get("start").asText()).isEqualTo("09:00");
        assertThat(kiosk.delete("/api/v1/tickets/" + first.json().get("token").asText()).status()).isEqualTo(200);
        assertThat(kiosk.post(TICKETS, ticketRequest(nik(3))).json().get("slot").get("start").asText()).isEqualTo("08:00");
        assertThat(kiosk.post(TICKETS, ticketRequest(nik(4))).json().get("slot").get("start").asText()).isEqualTo("08:30");
        assertThat(mostPersonsInOneMinute(bookedWindows())).isEqualTo(1);
    }
}
