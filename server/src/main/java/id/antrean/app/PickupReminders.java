package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.Office;
import id.antrean.domain.OverduePolicy;
import id.antrean.domain.PickupDocument;
import id.antrean.domain.PickupSettings;
import id.antrean.storage.OfficeStore;
import id.antrean.storage.PickupStore;

/**
 * The overdue job: on every node, every so often, documents not collected after their appointment
 * get a reminder, then a second, then go back to the archive ({@link OverduePolicy}). Each step is a
 * compare-and-set on the document, so several nodes running it send each reminder once.
 */
public final class PickupReminders implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PickupReminders.class.getName());
    private static final int BATCH = 500;

    private final OfficeStore officeStore;
    private final Offices offices;
    private final PickupStore store;
    private final PickupDesk desk;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public PickupReminders(OfficeStore officeStore, Offices offices, PickupStore store, PickupDesk desk, Clock clock) {
        this.officeStore = officeStore;
        this.offices = offices;
        this.store = store;
        this.desk = desk;
        this.clock = clock;
    }

    public void start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("pickup-overdue").factory());
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The database may be briefly away; the next tick tries again.
            LOG.log(Level.WARNING, "Pickup overdue check failed: " + e);
        }
    }

    /** One pass over every office; returns how many steps this node took. */
    public int runOnce() {
        int steps = 0;
        for (String id : officeStore.ids()) {
            Office office = offices.get(id);
            PickupSettings s = store.settings(id);
            Instant now = clock.instant();
            LocalDate today = now.atZone(office.zone()).toLocalDate();
            boolean notify = desk.notifying(id);
            List<PickupDocument> candidates;
            do {
                candidates = store.overdueCandidates(id, today.minusDays(s.overdueDays()), BATCH);
                int before = steps;
                for (PickupDocument d : candidates) {
                    var step = OverduePolicy.due(d, today, s);
                    if (step.isEmpty()) {
                        continue;
                    }
                    boolean done = switch (step.get()) {
                        case REMINDER -> store.remind(d, 1, today, notify, now);
                        case LAST_REMINDER -> store.remind(d, 2, today, notify, now);
                        case ARCHIVE -> store.archive(d, notify, now);
                    };
                    if (done) {
                        steps++;
                    }
                }
                if (steps == before) {
                    break; // a full batch with nothing due now: the rest waits for later days
                }
            } while (candidates.size() == BATCH);
        }
        return steps;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
