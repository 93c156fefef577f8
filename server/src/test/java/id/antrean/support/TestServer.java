package id.antrean.support;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import id.antrean.Antrean;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** Starts a real Antrean node for a test: real HTTP on a free port, a real MariaDB behind it. */
public final class TestServer {
    private TestServer() {
    }

    /** A node on the test class's database, with extra config keys on top of application.yaml. */
    public static Antrean start(TestDatabase.Db db, Clock clock, Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("db.connection.url", db.url());
        overrides.put("db.connection.username", db.user());
        overrides.put("db.connection.password", db.password());
        overrides.put("antrean.admin.password", "admin-password-for-tests");
        overrides.putAll(extra);
        return start(overrides, clock);
    }

    public static Antrean start(TestDatabase.Db db, Clock clock) {
        return start(db, clock, Map.of());
    }

    /** A node configured only by the given keys over application.yaml (e.g. the embedded default). */
    public static Antrean start(Map<String, String> overrides, Clock clock) {
        Map<String, String> all = new HashMap<>();
        all.put("server.port", "0");
        all.put("server.host", "127.0.0.1");
        // Every test client is 127.0.0.1: per-client limits only where a test sets them (RateLimitTest).
        for (String limit : new String[] {"login", "kiosk", "ticket", "pickup", "pickup-miss"}) {
            all.put("antrean.rate-limit." + limit + ".per-minute", "1000000");
        }
        // Test set-ups create and log in many staff at once; LoginFloodTest sets the real budget.
        all.put("antrean.login.hash.per-second", "1000");
        all.putAll(overrides);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(all))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        return Antrean.start(config, clock);
    }
}
