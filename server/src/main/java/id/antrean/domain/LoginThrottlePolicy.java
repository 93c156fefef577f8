package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins of one client address for one user name: each failure is answered a little later
 * than the one before, and the failure that reaches the limit locks that pair for a while. The
 * pair, not the account: a stranger's guesses cannot lock {@code admin} out of the office's own
 * computers. Counted alike whether or not the name exists, so no answer tells which names do.
 */
public record LoginThrottlePolicy(int maxFailures, Duration lockFor, Duration firstDelay, Duration maxDelay) {

    public LoginThrottlePolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("login failures before a lock must be at least 1");
        }
    }

    /** An attempt of a pair locked until {@code lockedUntil}: refused, with when to try again. */
    public Optional<Rejection> check(Instant lockedUntil, Instant now) {
        if (lockedUntil == null || !lockedUntil.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(locked(lockedUntil, now));
    }

    /** Whether the {@code failures}-th failure in a row locks the pair. */
    public boolean locks(int failures) {
        return failures >= maxFailures;
    }

    /** How long the answer to the {@code failures}-th failure in a row waits: doubling, capped. */
    public Duration delay(int failures) {
        if (failures < 1 || firstDelay.isZero()) {
            return Duration.ZERO;
        }
        Duration d = firstDelay.multipliedBy(1L << Math.min(failures - 1, 20));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    public Rejection locked(Instant lockedUntil, Instant now) {
        long seconds = Math.max(1, Duration.between(now, lockedUntil).toMillis() / 1000 + 1);
        return Rejection.of(RejectionCode.LOGIN_LOCKED,
                Text.of("Terlalu banyak percobaan masuk yang salah dari perangkat ini. Coba lagi nanti.",
                        "Too many failed logins from this device. Try again later."),
                Map.of("lockedUntil", lockedUntil.toString(), "retryAfterSeconds", seconds));
    }
}
