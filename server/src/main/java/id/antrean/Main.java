package id.antrean;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import id.antrean.storage.Database;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/**
 * Starts one Antrean node from application.yaml and environment variables; with the argument
 * {@code migrate}, only brings the database schema up to date and exits (0 on success).
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LogConfig.configureRuntime();
        Config config = Config.create();
        if (args.length > 0) {
            System.exit(command(args, config));
        }
        Antrean antrean = Antrean.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            antrean.close();
            stopped.countDown();
        }, "antrean-shutdown"));
        String base = "http://localhost:" + antrean.port();
        LOG.info("Antrean ready in " + (System.nanoTime() - started) / 1_000_000 + " ms at " + base
                + "\n  Kiosk:          " + base + "/kiosk/?office=oki"
                + "\n  Staff console:  " + base + "/staff/"
                + "\n  Display:        " + base + "/display/?office=oki"
                + "\n  Health:         " + base + "/observe/health");
        stopped.await();
    }

    /** Runs a one-shot command; returns the process exit status. */
    public static int command(String[] args, Config config) {
        if (args.length != 1 || !"migrate".equals(args[0])) {
            System.err.println("Usage: java -jar antrean-server.jar [migrate]\n"
                    + "  without arguments: run the server\n"
                    + "  migrate: bring the database schema up to date (Flyway) once, then exit");
            return 2;
        }
        try {
            long started = System.nanoTime();
            Database.migrateOnly(config.get("db"));
            LOG.info("Database schema is up to date (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
            return 0;
        } catch (RuntimeException e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                why.append("\n  caused by: ").append(t.getMessage());
            }
            System.err.println("Migration failed: " + why);
            return 1;
        }
    }
}
