package id.antrean.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import id.antrean.storage.Database;
import id.antrean.storage.DatabaseUnavailable;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness of the database: a real round trip, DOWN with the reason when it fails. A hung
 * database must not hang health with it (a load balancer's probe gives up and learns nothing):
 * the round trip gets a hard deadline, only one runs at a time, and its answer is reused for a
 * moment, so probes arriving while MariaDB hangs neither wait nor pile up threads.
 */
public final class DatabaseHealthCheck implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class.getName());
    private final Database database;
    private final long deadlineNanos;
    private final long reuseNanos;

    private record Checked(HealthCheckResponse response, long at) {
    }

    /** Guarded by this. */
    private Checked last;
    /** The round trip in progress, if any; guarded by this. */
    private CompletableFuture<HealthCheckResponse> running;
    private long runningSince;

    public DatabaseHealthCheck(Database database) {
        this(database, Duration.ofMillis(700), Duration.ofMillis(500));
    }

    /**
     * @param deadline longest a probe waits for the database's answer before saying DOWN
     * @param reuse    how long an answer is given again without asking the database anew
     */
    public DatabaseHealthCheck(Database database, Duration deadline, Duration reuse) {
        this.database = database;
        this.deadlineNanos = deadline.toNanos();
        this.reuseNanos = reuse.toNanos();
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<HealthCheckResponse> check;
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            if (last != null && now - last.at() < reuseNanos) {
                return last.response();
            }
            if (running == null) {
                CompletableFuture<HealthCheckResponse> started = CompletableFuture.supplyAsync(this::roundTrip,
                        r -> Thread.ofVirtual().name("health-db").start(r));
                running = started;
                runningSince = now;
                check = started;
                // A late answer frees the slot for the next probe; until then probes share this one.
                // (An answer already in runs this at once, on this thread: hence check above.)
                started.whenComplete((r, e) -> finished(started));
            } else {
                check = running;
            }
            waitNanos = deadlineNanos - (now - runningSince);
        }
        HealthCheckResponse response;
        try {
            response = check.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response = down("TIMEOUT", "no answer within " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("INTERRUPTED", "health check interrupted");
        } catch (ExecutionException e) {
            response = down(e.getCause().getClass().getSimpleName(), String.valueOf(e.getCause().getMessage()));
        }
        synchronized (this) {
            last = new Checked(response, System.nanoTime());
        }
        return response;
    }

    private HealthCheckResponse roundTrip() {
        try {
            String version = database.ping();
            return HealthCheckResponse.builder().status(true).detail("schemaVersion", version).build();
        } catch (RuntimeException e) {
            String reason = DatabaseUnavailable.of(e).map(d -> d.reason().name()).orElse(e.getClass().getSimpleName());
            return down(reason, e.getMessage());
        }
    }

    private synchronized void finished(CompletableFuture<HealthCheckResponse> check) {
        if (running == check) {
            running = null;
        }
    }

    private static HealthCheckResponse down(String reason, String message) {
        LOG.warning(() -> "Database health check failed: " + reason + ": " + message);
        return HealthCheckResponse.builder().status(false).detail("error", reason).build();
    }
}
