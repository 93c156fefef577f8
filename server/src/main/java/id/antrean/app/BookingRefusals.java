package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.storage.BookingStore;

/**
 * Counts refused and rate-limited booking requests for the report. A flood must not cost a
 * database write per request, so counts are added up in memory and written in one batch every
 * few seconds (and before a report is read); a node that dies loses at most those seconds' counts.
 */
public final class BookingRefusals implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BookingRefusals.class.getName());

    private record Key(String officeId, LocalDate day, String kind) {
    }

    private final BookingStore store;
    private final Clock clock;
    private final ConcurrentHashMap<Key, AtomicInteger> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public BookingRefusals(BookingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One refused request of an office; {@code kind} is the rejection code or RATE_LIMITED_*. */
    public void count(String officeId, ZoneId zone, String kind) {
        if (pending.size() > 10_000) {
            return; // bounded: only ever hit by a flood of made-up office names, which are refused before this
        }
        pending.computeIfAbsent(new Key(officeId, clock.instant().atZone(zone).toLocalDate(), kind), k -> new AtomicInteger())
                .incrementAndGet();
    }

    public synchronized void flush() {
        Map<Key, Integer> taken = new HashMap<>();
        for (Key k : pending.keySet()) {
            AtomicInteger n = pending.remove(k);
            if (n != null && n.get() > 0) {
                taken.put(k, n.get());
            }
        }
        Map<String, Map<LocalDate, Map<String, Integer>>> grouped = new HashMap<>();
        taken.forEach((k, n) -> grouped.computeIfAbsent(k.officeId(), o -> new HashMap<>())
                .computeIfAbsent(k.day(), d -> new HashMap<>()).put(k.kind(), n));
        try {
            grouped.forEach((office, days) -> days.forEach((day, counts) -> store.addRefusals(office, day, counts)));
        } catch (RuntimeException e) {
            // Put them back for the next flush.
            taken.forEach((k, n) -> pending.computeIfAbsent(k, x -> new AtomicInteger()).addAndGet(n));
            throw e;
        }
    }

    public void start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("booking-refusals").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not write booking refusal counts: " + e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write booking refusal counts at close: " + e);
        }
    }
}
