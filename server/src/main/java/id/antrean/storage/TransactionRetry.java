package id.antrean.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import io.helidon.faulttolerance.Retry;

/**
 * Re-runs a whole transaction when the database aborted it for a reason that a second try can cure:
 * deadlock (1213, also how Galera reports a certification conflict), lock-wait timeout (1205), or a
 * Galera node not yet ready (1047). Anything else is passed through on the first failure. When the
 * tries run out the database is too busy for this work now, not wrong: {@link DatabaseUnavailable}.
 */
final class TransactionRetry {
    private final Retry retry;

    TransactionRetry(int attempts) {
        this.retry = Retry.builder()
                .name("db-transaction")
                .calls(Math.max(1, attempts))
                .delay(Duration.ofMillis(5))
                .delayFactor(2)
                .jitter(Duration.ofMillis(10))
                .overallTimeout(Duration.ofSeconds(30))
                .applyOn(Set.of(Transient.class))
                .build();
    }

    <T> T run(Supplier<T> work) {
        try {
            return retry.invoke(() -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    throw isTransient(e) ? new Transient(e) : e;
                }
            });
        } catch (Transient e) {
            throw DatabaseUnavailable.conflicts(e.original);
        } catch (io.helidon.faulttolerance.RetryTimeoutException e) {
            throw DatabaseUnavailable.conflicts(e.getCause() instanceof Transient t ? t.original : e);
        }
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int code = sql.getErrorCode();
                if (code == 1213 || code == 1205 || code == 1047 || "40001".equals(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Marks a failure worth another try; unwrapped again before it leaves this class. */
    static final class Transient extends RuntimeException {
        private final RuntimeException original;

        Transient(RuntimeException original) {
            super(original.getMessage(), original, false, false);
            this.original = original;
        }
    }
}
