package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.BookingSettings;
import id.antrean.domain.Office;
import id.antrean.storage.BookingStore;
import id.antrean.storage.OfficeStore;

/**
 * Releases tickets booked from home whose resident has not checked in by the slot's end plus the
 * grace period: each becomes a no-show, and its slot and quota place go back to the day. Every
 * node runs it; a release is a compare-and-set on the ticket, so two nodes never release (or
 * count) one ticket twice.
 */
public final class BookingReleases implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BookingReleases.class.getName());
    private static final int BATCH = 200;

    private final OfficeStore offices;
    private final BookingStore store;
    private final WaitingRoom room;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public BookingReleases(OfficeStore offices, BookingStore store, WaitingRoom room, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.room = room;
        this.clock = clock;
    }

    public void start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("booking-releases").factory());
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            for (String id : offices.ids()) {
                offices.find(id).ifPresent(this::releaseDue);
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next tick tries again.
            LOG.log(Level.WARNING, "Release of unchecked bookings failed: " + e);
        }
    }

    /** Releases the office's overdue bookings now; returns how many this node released. */
    public int releaseDue(Office office) {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(office.zone());
        int grace = store.settings(office.id()).orElse(BookingSettings.DEFAULTS).graceMinutes();
        int released = 0;
        List<Long> due;
        do {
            due = store.due(office.id(), local.toLocalDate(), local.getHour() * 60 + local.getMinute(), grace, BATCH);
            for (long id : due) {
                if (store.release(id, now).isPresent()) {
                    released++;
                }
            }
        } while (due.size() == BATCH);
        return released;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
