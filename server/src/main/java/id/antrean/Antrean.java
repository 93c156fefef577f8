package id.antrean;

import java.time.Clock;
import java.util.logging.Logger;

import id.antrean.storage.Database;
import id.antrean.web.DatabaseHealthCheck;
import id.antrean.web.ErrorHandling;
import id.antrean.web.StaticUi;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/** One running Antrean node: its database, its web server and what runs in the background. */
public final class Antrean implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Antrean.class.getName());

    private final Database database;
    private final WebServer server;

    private Antrean(Database database, WebServer server) {
        this.database = database;
        this.server = server;
    }

    /** Opens the database (embedded unless configured), migrates it and starts serving. */
    public static Antrean start(Config config, Clock clock) {
        Database database = Database.open(config.get("db"));
        try {
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .shutdownHook(false)
                    .addFeature(ObserveFeature.builder()
                            .addObserver(HealthObserver.builder()
                                    .details(true)
                                    .addCheck(new DatabaseHealthCheck(database))
                                    .build())
                            .addObserver(MetricsObserver.create())
                            .build())
                    .routing(routing -> routing(routing, config, database, clock))
                    .build()
                    .start();
            return new Antrean(database, server);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void routing(HttpRouting.Builder routing, Config config, Database database, Clock clock) {
        ErrorHandling.register(routing);
        StaticUi.register(routing);
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    /** Stops taking requests, lets in-flight ones finish, then closes the database. */
    @Override
    public void close() {
        server.stop();
        database.close();
        LOG.info("Antrean stopped");
    }
}
