package id.antrean;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/** Starts one Antrean node from application.yaml and environment variables. */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LogConfig.configureRuntime();
        Config config = Config.create();
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
}
