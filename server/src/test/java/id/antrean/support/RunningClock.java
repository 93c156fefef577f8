package id.antrean.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Office time that moves on by itself from where a test sets it (WIB): for background work that
 * needs time to pass (message retries, claim leases, pacing), with opening hours still fixed.
 */
public final class RunningClock extends Clock {
    private final AtomicReference<Instant> base = new AtomicReference<>(Instant.now());
    private volatile long setAtNanos = System.nanoTime();

    public static RunningClock atWib(String local) {
        RunningClock c = new RunningClock();
        c.setWib(local);
        return c;
    }

    public void setWib(String local) {
        base.set(LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Jakarta")).toInstant());
        setAtNanos = System.nanoTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The office's zone is applied by the domain");
    }

    @Override
    public Instant instant() {
        return base.get().plusNanos(System.nanoTime() - setAtNanos);
    }
}
