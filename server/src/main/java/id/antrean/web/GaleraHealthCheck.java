package id.antrean.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import id.antrean.storage.Database;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * The Galera node this server writes through, as Galera sees it: DOWN when it is not ready or not
 * in the primary component (it refuses writes then), with wsrep_cluster_size and the node's state
 * in the details, so a lost node shows in every server's health. Nothing on a plain MariaDB. Never
 * holds health up: it waits at most {@link #WAIT} for a fresh reading (one at a time) and
 * otherwise answers with the last one, marked stale.
 */
public final class GaleraHealthCheck implements HealthCheck {
    static final Duration WAIT = Duration.ofMillis(100);
    private final Database database;
    private volatile CompletableFuture<Map<String, String>> reading = CompletableFuture.completedFuture(Map.of());
    private volatile Map<String, String> last = Map.of();

    public GaleraHealthCheck(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "galera";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Map<String, String>> r;
        synchronized (this) {
            if (reading.isDone()) {
                reading = CompletableFuture.supplyAsync(database::galeraStatus, t -> Thread.ofVirtual().name("health-galera").start(t));
            }
            r = reading;
        }
        boolean stale = false;
        try {
            last = r.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            stale = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stale = true;
        }
        Map<String, String> status = last;
        HealthCheckResponse.Builder b = HealthCheckResponse.builder();
        status.forEach(b::detail);
        if (stale) {
            b.detail("stale", true);
        }
        boolean serving = status.isEmpty()
                || "ON".equalsIgnoreCase(status.get("wsrep_ready")) && "Primary".equalsIgnoreCase(status.get("wsrep_cluster_status"));
        return b.status(serving).build();
    }
}
