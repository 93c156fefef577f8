package id.antrean.web;

import java.util.logging.Logger;

import id.antrean.storage.Database;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness of the database: a real round trip, DOWN with the reason when it fails. */
public final class DatabaseHealthCheck implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class.getName());
    private final Database database;

    public DatabaseHealthCheck(Database database) {
        this.database = database;
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
        try {
            String version = database.ping();
            return HealthCheckResponse.builder().status(true).detail("schemaVersion", version).build();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Database health check failed: " + e);
            return HealthCheckResponse.builder().status(false)
                    .detail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
