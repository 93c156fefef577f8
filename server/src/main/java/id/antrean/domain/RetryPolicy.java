package id.antrean.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a message again after a temporary failure: exponential backoff with full jitter
 * (so nodes retrying together spread out), capped; after {@code maxAttempts} the message is dead.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {
    public RetryPolicy {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy");
        }
    }

    /** The wait before attempt {@code attempts + 1}, between half and all of base x 2^(attempts-1), capped. */
    public Duration delayAfter(int attempts, RandomGenerator random) {
        long ceiling = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        ceiling = Math.min(ceiling, cap.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
