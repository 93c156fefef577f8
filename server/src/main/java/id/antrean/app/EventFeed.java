package id.antrean.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.storage.EventStore;

/**
 * Follows the event table for this node: one query per poll, whatever the number of subscribers,
 * so a change made on any node reaches the displays connected to every node.
 *
 * Ids are handed out when a row is inserted, not when it commits, and they need not be dense: a
 * lower id can become visible after a higher one, a rolled-back insert leaves a hole for good,
 * and on Galera every node hands out its own residue of {@code auto_increment_increment}. So the
 * feed passes an event on as soon as it is visible (in id order within one poll) and remembers
 * which ids above its cursor it has passed on; a hole is watched for a late commit until
 * {@code gapWait} after the poll that first saw it, all holes of that poll with one deadline.
 * Holes therefore cost no delivery time, whatever the ids look like; an event is passed on once.
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventFeed.class.getName());
    /** Most events read in one poll. */
    public static final int BATCH = 1000;
    /** Most ids scanned in one poll for holes that filled late. */
    static final int HOLE_SCAN = 20 * BATCH;

    private final EventStore events;
    private final Duration poll;
    private final long gapWaitNanos;
    private final List<Consumer<List<EventStore.Event>>> listeners = new CopyOnWriteArrayList<>();
    /** Ids above the cursor already passed on. */
    private final TreeSet<Long> passed = new TreeSet<>();
    /** Per poll that saw new ids: the highest of them and when holes up to it stop being watched. */
    private final Deque<long[]> deadlines = new ArrayDeque<>();
    private volatile long cursor;
    private volatile long newest;
    private volatile long lastPollNanos;
    private final LongSupplier nanoTime;
    private volatile boolean running;
    private Thread thread;

    public EventFeed(EventStore events, Duration poll, Duration gapWait) {
        this(events, poll, gapWait, System::nanoTime);
    }

    EventFeed(EventStore events, Duration poll, Duration gapWait, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.events = events;
        this.poll = poll;
        this.gapWaitNanos = gapWait.toNanos();
    }

    /** Receives each batch of new events on the feed's own thread; must not block. */
    public void subscribe(Consumer<List<EventStore.Event>> listener) {
        listeners.add(listener);
    }

    /** The id up to which every event has been passed on or given up on. */
    public long cursor() {
        return cursor;
    }

    /** How far behind the feed is, for metrics and health. */
    public record Lag(long newestId, long cursor, long ids, double seconds, long watchedHoles) {
    }

    /**
     * Newest id seen minus the cursor (the ids still watched for a late commit), and the seconds
     * since the last poll that succeeded: what a display on this node may be missing at most.
     */
    public Lag lag() {
        long last = lastPollNanos;
        double seconds = last == 0 ? 0 : Math.max(0, (nanoTime.getAsLong() - last) / 1e9);
        long c = cursor;
        long n = Math.max(newest, c);
        long holes;
        synchronized (passed) {
            holes = Math.max(0, n - c - passed.size());
        }
        return new Lag(n, c, n - c, seconds, holes);
    }

    public void start() {
        cursor = events.maxId();
        newest = cursor;
        lastPollNanos = nanoTime.getAsLong();
        running = true;
        thread = Thread.ofPlatform().daemon().name("event-feed").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                return;
            }
            try {
                pollOnce();
            } catch (RuntimeException e) {
                // The database may be away for a moment; the next poll tries again.
                LOG.log(Level.WARNING, "Event feed poll failed: " + e);
            }
        }
    }

    void pollOnce() {
        long now = nanoTime.getAsLong();
        List<EventStore.Event> ready = new ArrayList<>();
        if (newest > cursor + passedSize()) {
            lateFills(ready);
        }
        List<EventStore.Event> fresh = events.allAfter(newest, BATCH);
        for (EventStore.Event e : fresh) {
            ready.add(e);
        }
        synchronized (passed) {
            for (EventStore.Event e : ready) {
                passed.add(e.id());
            }
            if (!fresh.isEmpty()) {
                newest = fresh.getLast().id();
                deadlines.addLast(new long[] {newest, now + gapWaitNanos});
            }
            settle(now);
        }
        lastPollNanos = now;
        if (!ready.isEmpty()) {
            ready.sort((a, b) -> Long.compare(a.id(), b.id()));
            List<EventStore.Event> batch = List.copyOf(ready);
            for (Consumer<List<EventStore.Event>> listener : listeners) {
                try {
                    listener.accept(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Event listener failed: " + e);
                }
            }
        }
    }

    /** Events that appeared in holes below the newest id seen: late commits. */
    private void lateFills(List<EventStore.Event> ready) {
        List<Long> ids = events.idsBetween(cursor, newest, HOLE_SCAN);
        for (long id : ids) {
            boolean known;
            synchronized (passed) {
                known = passed.contains(id);
            }
            if (!known) {
                events.byId(id).ifPresent(ready::add);
            }
        }
    }

    /** Moves the cursor over everything passed on, and over holes whose deadline has gone by. */
    private void settle(long now) {
        long c = cursor;
        while (!deadlines.isEmpty() && deadlines.peekFirst()[1] - now <= 0) {
            c = Math.max(c, deadlines.pollFirst()[0]);
        }
        while (!passed.isEmpty() && passed.first() <= c) {
            passed.pollFirst();
        }
        while (!passed.isEmpty() && passed.first() == c + 1) {
            c = passed.pollFirst();
        }
        while (!deadlines.isEmpty() && deadlines.peekFirst()[0] <= c) {
            deadlines.pollFirst();
        }
        cursor = c;
    }

    private int passedSize() {
        synchronized (passed) {
            return passed.size();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                // Let a poll in progress finish before the database goes away.
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
