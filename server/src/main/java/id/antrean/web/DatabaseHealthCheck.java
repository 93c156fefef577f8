package id.antrean.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import id.antrean.storage.Database;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness of the database: a real round trip, DOWN with the reason when it fails, and DOWN when
 * it does not answer within {@link #TIMEOUT}, so a dead or frozen node is reported at once rather
 * than when a connection attempt gives up. At most one probe is in flight: a check that finds the
 * last one still waiting waits on that same probe. On Galera the node must be ready and in the
 * primary component.
 */
public final class DatabaseHealthCheck implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class.getName());
    /** Leaves room within the one second a health check may take. */
    static final Duration TIMEOUT = Duration.ofMillis(700);
    private final Database database;
    private final AtomicReference<CompletableFuture<Probe>> inFlight = new AtomicReference<>();

    public DatabaseHealthCheck(Database database) {
        this.database = database;
    }

    private record Probe(String version, Map<String, String> galera) {
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
        CompletableFuture<Probe> probe = inFlight.updateAndGet(p -> p == null || p.isDone() ? start() : p);
        try {
            Probe result = probe.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            HealthCheckResponse.Builder up = HealthCheckResponse.builder().detail("schemaVersion", result.version());
            if (result.galera().isEmpty()) {
                return up.status(true).build();
            }
            result.galera().forEach(up::detail);
            boolean serving = "ON".equalsIgnoreCase(result.galera().get("wsrep_ready"))
                    && "Primary".equalsIgnoreCase(result.galera().get("wsrep_cluster_status"));
            return up.status(serving).build();
        } catch (TimeoutException e) {
            LOG.warning(() -> "Database health check: no answer within " + TIMEOUT.toMillis() + " ms");
            return HealthCheckResponse.builder().status(false)
                    .detail("error", "no answer within " + TIMEOUT.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warning(() -> "Database health check failed: " + cause);
            return HealthCheckResponse.builder().status(false)
                    .detail("error", cause.getClass().getSimpleName())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.builder().status(false).detail("error", "interrupted").build();
        }
    }

    private CompletableFuture<Probe> start() {
        CompletableFuture<Probe> probe = new CompletableFuture<>();
        Thread.ofVirtual().name("health-probe").start(() -> {
            try {
                probe.complete(new Probe(database.ping(), database.galeraStatus()));
            } catch (RuntimeException e) {
                probe.completeExceptionally(e);
            }
        });
        return probe;
    }
}
