package id.antrean.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.storage.EventStore;

/**
 * Follows the event table for this node: one query per poll, whatever the number of subscribers,
 * so a change made on any node reaches the displays connected to every node.
 *
 * Ids are handed out when a row is inserted, not when it commits, so a lower id can become
 * visible after a higher one. Events are therefore passed on strictly in id order, holding back
 * behind a missing id until it shows up or {@code gapWait} has passed (a rolled-back insert, or
 * another Galera node's id range, leaves a gap that never fills).
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventFeed.class.getName());
    /** Most events read in one poll. */
    public static final int BATCH = 1000;

    private final EventStore events;
    private final Duration poll;
    private final long gapWaitNanos;
    private final List<Consumer<List<EventStore.Event>>> listeners = new CopyOnWriteArrayList<>();
    private final TreeMap<Long, EventStore.Event> pending = new TreeMap<>();
    private final Map<Long, Long> missingSince = new HashMap<>();
    private volatile long cursor;
    private volatile boolean running;
    private Thread thread;

    public EventFeed(EventStore events, Duration poll, Duration gapWait) {
        this.events = events;
        this.poll = poll;
        this.gapWaitNanos = gapWait.toNanos();
    }

    /** Receives each batch of new events, in id order, on the feed's own thread; must not block. */
    public void subscribe(Consumer<List<EventStore.Event>> listener) {
        listeners.add(listener);
    }

    /** The id up to which every event has been passed on. */
    public long cursor() {
        return cursor;
    }

    public void start() {
        cursor = events.maxId();
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
        List<EventStore.Event> fresh = events.allAfter(cursor, BATCH);
        for (EventStore.Event e : fresh) {
            pending.putIfAbsent(e.id(), e);
        }
        List<EventStore.Event> ready = new ArrayList<>();
        long now = System.nanoTime();
        long next = cursor;
        while (!pending.isEmpty()) {
            long expected = next + 1;
            EventStore.Event first = pending.firstEntry().getValue();
            if (first.id() == expected) {
                ready.add(pending.pollFirstEntry().getValue());
                missingSince.remove(expected);
                next = expected;
                continue;
            }
            // Ids up to the first pending one are missing: wait for them, but not forever.
            for (long id = expected; id < first.id(); id++) {
                missingSince.putIfAbsent(id, now);
            }
            if (now - missingSince.get(expected) >= gapWaitNanos) {
                missingSince.remove(expected);
                next = expected;
                continue;
            }
            break;
        }
        cursor = next;
        long settled = next;
        missingSince.keySet().removeIf(id -> id <= settled);
        if (!ready.isEmpty()) {
            for (Consumer<List<EventStore.Event>> listener : listeners) {
                try {
                    listener.accept(ready);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Event listener failed: " + e);
                }
            }
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
