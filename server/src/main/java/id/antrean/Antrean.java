package id.antrean;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import id.antrean.app.CounterDesk;
import id.antrean.app.DisplayBoard;
import id.antrean.app.EventFeed;
import id.antrean.app.OfficeAdmin;
import id.antrean.app.Reports;
import id.antrean.app.Offices;
import id.antrean.app.Secrets;
import id.antrean.app.StaffAccounts;
import id.antrean.app.TicketDesk;
import id.antrean.app.WaitingRoom;
import id.antrean.storage.Database;
import id.antrean.storage.EventStore;
import id.antrean.storage.IdempotencyStore;
import id.antrean.storage.OfficeStore;
import id.antrean.storage.ReportStore;
import id.antrean.storage.SessionStore;
import id.antrean.storage.StaffStore;
import id.antrean.storage.TicketStore;
import id.antrean.web.AuditApi;
import id.antrean.web.AuthApi;
import id.antrean.web.CounterApi;
import id.antrean.web.DatabaseHealthCheck;
import id.antrean.web.ErrorHandling;
import id.antrean.web.OfficeApi;
import id.antrean.web.OpenApiDocument;
import id.antrean.web.ReportApi;
import id.antrean.web.StaffApi;
import id.antrean.web.StaffGuard;
import id.antrean.web.StaticUi;
import id.antrean.web.StreamApi;
import id.antrean.web.StreamHub;
import id.antrean.web.TicketApi;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/** One running Antrean node: its database, its web server and what runs in the background. */
public final class Antrean implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Antrean.class.getName());

    private final Database database;
    private final WaitingRoom room;
    private final EventFeed feed;
    private final StreamHub hub;
    private final WebServer server;

    private Antrean(Database database, WaitingRoom room, EventFeed feed, StreamHub hub, WebServer server) {
        this.database = database;
        this.room = room;
        this.feed = feed;
        this.hub = hub;
        this.server = server;
    }

    /** Opens the database (embedded unless configured), migrates it and starts serving. */
    public static Antrean start(Config config, Clock clock) {
        Database database = Database.open(config.get("db"));
        WaitingRoom room = null;
        EventFeed feed = null;
        try {
            Config app = config.get("antrean");
            EventStore events = new EventStore(database);
            OfficeStore officeStore = new OfficeStore(database, events);
            TicketStore tickets = new TicketStore(database, events);
            Offices offices = new Offices(officeStore);
            room = new WaitingRoom(tickets, officeStore, clock);
            String nikSecret = app.get("nik.secret").asString().orElseThrow();
            if (nikSecret.startsWith("change-me")) {
                LOG.warning("antrean.nik.secret has its development value: set ANTREAN_NIK_SECRET in production");
            }
            TicketDesk desk = new TicketDesk(offices, tickets, new IdempotencyStore(database), events, room,
                    new Secrets(nikSecret), clock, Duration.ofMinutes(app.get("service.minutes").asInt().orElse(10)), database);
            CounterDesk counters = new CounterDesk(offices, tickets, room, desk, clock);
            OfficeAdmin admin = new OfficeAdmin(offices, officeStore, room, clock);
            StaffAccounts accounts = new StaffAccounts(new StaffStore(database, events), new SessionStore(database), clock,
                    app.get("login.failures").asInt().orElse(5),
                    Duration.ofMinutes(app.get("login.lock.minutes").asInt().orElse(15)),
                    Duration.ofMinutes(app.get("session.idle.minutes").asInt().orElse(480)));
            accounts.ensureAdmin(app.get("admin.password").asString().orElse(""));
            StaffGuard guard = new StaffGuard(accounts);
            feed = new EventFeed(events, Duration.ofMillis(app.get("feed.poll.ms").asInt().orElse(50)),
                    Duration.ofMillis(app.get("feed.gap.ms").asInt().orElse(1000)));
            DisplayBoard board = new DisplayBoard(database, offices, tickets, events, counters, clock);
            StreamHub hub = new StreamHub(offices, board);
            feed.subscribe(hub);
            StreamApi streams = new StreamApi(offices, desk, board, events, feed, hub,
                    Duration.ofSeconds(app.get("stream.heartbeat.seconds").asInt().orElse(15)));
            EventFeed startedFeed = feed;
            boolean secureCookie = app.get("session.secure").asBoolean().orElse(false);
            // The benchmark's HTTP ceiling: a route that touches nothing, present only when asked for.
            boolean benchPing = app.get("bench.enabled").asBoolean().orElse(false);
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
                    .routing(routing -> {
                        ErrorHandling.register(routing);
                        routing.register("/api/v1", new TicketApi(desk, offices),
                                        new OfficeApi(offices, desk, counters, admin, events, guard,
                                                app.get("public.url").asString().filter(u -> !u.isBlank()).orElse(null)),
                                        new CounterApi(counters, offices, guard), streams,
                                        new ReportApi(new Reports(offices, new ReportStore(database), clock), guard),
                                        new AuditApi(events, guard))
                                .register("/api/v1/auth", new AuthApi(accounts, guard, secureCookie))
                                .register("/api/v1/staff", new StaffApi(accounts, guard))
                                .register("/openapi", new OpenApiDocument());
                        if (benchPing) {
                            routing.get("/bench/ping", (req, res) -> res.send("pong"));
                        }
                        ErrorHandling.unknownApiPaths(routing);
                        StaticUi.register(routing);
                    })
                    .build()
                    .start();
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                throw new IllegalStateException("The web server could not listen on its port (in use?)");
            }
            room.startTimer(Duration.ofSeconds(app.get("admission.seconds").asInt().orElse(5)));
            startedFeed.start();
            return new Antrean(database, room, startedFeed, hub, server);
        } catch (RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            if (room != null) {
                room.close();
            }
            database.close();
            throw e;
        }
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
        room.close();
        feed.close();
        hub.close();
        server.stop();
        database.close();
        LOG.info("Antrean stopped");
    }
}
