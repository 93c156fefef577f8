package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.RetentionPolicy;
import id.antrean.storage.OfficeStore;
import id.antrean.storage.OutboxStore;
import id.antrean.storage.PersonalDataHolders;
import id.antrean.storage.PrivacyStore;

/**
 * The retention job: runs on every node; for each office, the node that claims the office's run
 * (a compare-and-set on its row, so one node per interval however many run) erases every holder's
 * personal data past its time, in batches, and records how many rows of each it changed (never
 * which). The statements are idempotent, so a run taken over from a node that died midway erases
 * only what is left.
 */
public final class DataRetention implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DataRetention.class.getName());

    private final PrivacyStore store;
    private final OutboxStore outbox;
    private final OfficeStore offices;
    private final Offices lookup;
    private final Clock clock;
    private final String node;
    private final Settings settings;
    private ScheduledExecutorService timer;

    /** How often an office's data is checked, how long a claim lasts, and the batch size. */
    public record Settings(Duration interval, Duration lease, int batch) {
    }

    public DataRetention(PrivacyStore store, OutboxStore outbox, OfficeStore offices, Offices lookup, Clock clock,
                         String node, Settings settings) {
        this.lookup = lookup;
        this.store = store;
        this.outbox = outbox;
        this.offices = offices;
        this.clock = clock;
        this.node = node;
        this.settings = settings;
    }

    /** Checks every {@code poll} whether an office's run is due; the first check waits one poll. */
    public void start(Duration poll) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("retention").factory());
        timer.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            for (String id : offices.ids()) {
                runIfDue(id);
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next tick tries again.
            LOG.log(Level.WARNING, "Retention check failed: " + e);
        }
    }

    /** What one run erased, per holder; empty when another node holds the run or it is not yet due. */
    public Optional<Map<String, Long>> runIfDue(String officeId) {
        Instant now = clock.instant();
        return run(officeId, now, now.minus(settings.interval()));
    }

    /** Runs now unless another node is running it (tests, and an admin's "erase now"). */
    public Optional<Map<String, Long>> runNow(String officeId) {
        Instant now = clock.instant();
        return run(officeId, now, now);
    }

    private Optional<Map<String, Long>> run(String officeId, Instant now, Instant lastRunBefore) {
        Office office = offices.find(officeId).orElse(null);
        if (office == null) {
            return Optional.empty();
        }
        if (!store.claimRun(officeId, node, now, now.plus(settings.lease()), lastRunBefore)) {
            return Optional.empty();
        }
        PersonalDataHolders.Cutoffs cutoffs = cutoffs(officeId, office.zone(), now);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PersonalDataHolders.Holder h : PersonalDataHolders.ALL) {
            counts.merge(h.what(), store.erase(h, officeId, cutoffs, settings.batch()), Long::sum);
        }
        store.finishRun(officeId, node, counts, clock.instant());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total > 0) {
            LOG.info("Retention run for office " + officeId + ": " + counts);
        }
        return Optional.of(counts);
    }

    /** The cutoffs of a run: the office's days, and the kiosk's promise for WhatsApp numbers if shorter. */
    PersonalDataHolders.Cutoffs cutoffs(String officeId, ZoneId zone, Instant now) {
        PrivacyStore.Retention r = store.retention(officeId);
        int phoneDays = Math.min(r.keepDaysTicket(), outbox.officeSwitch(officeId).keepDays());
        Instant ticket = RetentionPolicy.cutoff(now, r.keepDaysTicket());
        Instant phone = RetentionPolicy.cutoff(now, phoneDays);
        return new PersonalDataHolders.Cutoffs(now, ticket, RetentionPolicy.cutoffDay(ticket, zone), phone,
                RetentionPolicy.cutoffDay(phone, zone), RetentionPolicy.cutoff(now, r.keepDaysPickup()),
                now.minus(RetentionPolicy.RETRY_WINDOW));
    }

    public PrivacyStore.Retention settings(String officeId) {
        lookup.get(officeId);
        return store.retention(officeId);
    }

    public PrivacyStore.Retention change(String officeId, int keepDaysTicket, int keepDaysPickup, String actor) {
        lookup.get(officeId);
        RetentionPolicy.check(keepDaysTicket, keepDaysPickup).ifPresent(r -> {
            throw new Rejected(r);
        });
        store.putRetention(officeId, keepDaysTicket, keepDaysPickup, actor, clock.instant());
        return store.retention(officeId);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
