package id.antrean.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for reading from a client (issue 10, defect 8). Helidon's socket read timeout does not
 * apply to its channels, and its idle check does not stop a connection mid-request; so reading arms a
 * timer that interrupts the reading (virtual) thread, which closes its socket. Disarming and firing
 * exclude each other: once {@link #close()} has returned, the thread is never interrupted, and a
 * deadline that fired just before is reported (with the interrupt cleared) instead of leaking into
 * the request's own work.
 */
public final class ReadDeadline implements AutoCloseable {
    /** One timer thread for every server in the JVM: it only arms, cancels and interrupts. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "antrean-read-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Thread reader = Thread.currentThread();
    private ScheduledFuture<?> future;
    private boolean done;
    private boolean fired;

    private ReadDeadline() {
    }

    /** Starts the clock for the calling thread's read. */
    public static ReadDeadline arm(Duration timeout) {
        ReadDeadline deadline = new ReadDeadline();
        ScheduledFuture<?> f = TIMER.schedule(deadline::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (deadline) {
            deadline.future = f;
        }
        return deadline;
    }

    private synchronized void fire() {
        if (!done) {
            done = true;
            fired = true;
            reader.interrupt();
        }
    }

    /** Stops the clock; true when the deadline had passed. Call on the reading thread. */
    public synchronized boolean disarm() {
        if (!done) {
            done = true;
            future.cancel(false);
        }
        if (fired) {
            Thread.interrupted();
        }
        return fired;
    }

    @Override
    public void close() {
        disarm();
    }
}
