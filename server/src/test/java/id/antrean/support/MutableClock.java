package id.antrean.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, so opening hours and slots do not depend on when CI runs. */
public final class MutableClock extends Clock {
    public static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at the given office-local time (WIB). */
    public static MutableClock atWib(String localDateTime) {
        return new MutableClock(LocalDateTime.parse(localDateTime).atZone(WIB).toInstant());
    }

    public void setWib(String localDateTime) {
        now.set(LocalDateTime.parse(localDateTime).atZone(WIB).toInstant());
    }

    public void advance(Duration duration) {
        now.updateAndGet(i -> i.plus(duration));
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
        return now.get();
    }
}
