package id.antrean;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import id.antrean.app.ContactTracing;
import id.antrean.app.CounterDesk;
import id.antrean.app.DataRetention;
import id.antrean.app.ResidentData;
import id.antrean.storage.PrivacyStore;
import id.antrean.web.PrivacyApi;
import id.antrean.web.TracingApi;
import id.antrean.app.CallByNumber;
import id.antrean.app.CounterBreaks;
import id.antrean.app.CounterDesk;
import id.antrean.app.NoShowReturn;
import id.antrean.app.OfficeProfiles;
import id.antrean.app.TicketTransfer;
import id.antrean.app.NotificationDispatcher;
import id.antrean.app.SatisfactionSurvey;
import id.antrean.app.Notifications;
import id.antrean.domain.RetryPolicy;
import id.antrean.storage.OutboxStore;
import id.antrean.web.NotificationApi;
import id.antrean.web.WhatsAppCloudApi;
import id.antrean.web.WhatsAppSettings;
import id.antrean.web.WhatsAppWebhook;
import id.antrean.app.DisplayBoard;
import id.antrean.app.EventFeed;
import id.antrean.app.OfficeAdmin;
import id.antrean.app.PasswordHasher;
import id.antrean.app.Reports;
import id.antrean.app.Offices;
import id.antrean.app.Secrets;
import id.antrean.app.SlipReprint;
import id.antrean.app.StaffAccounts;
import id.antrean.app.TicketDesk;
import id.antrean.app.WaitingRoom;
import id.antrean.domain.LoginThrottlePolicy;
import id.antrean.storage.CounterStatusStore;
import id.antrean.storage.Database;
import id.antrean.storage.SurveyStore;
import id.antrean.storage.EventStore;
import id.antrean.storage.IdempotencyStore;
import id.antrean.storage.OfficeStore;
import id.antrean.storage.ReportStore;
import id.antrean.storage.SessionStore;
import id.antrean.storage.StaffStore;
import id.antrean.storage.TicketStore;
import id.antrean.web.AuditApi;
import id.antrean.web.AuthApi;
import id.antrean.web.ClientAddress;
import id.antrean.web.CounterApi;
import id.antrean.web.DatabaseHealthCheck;
import id.antrean.web.ErrorHandling;
import id.antrean.web.FeedLag;
import id.antrean.web.GaleraHealthCheck;
import id.antrean.web.HeaderDeadline;
import id.antrean.web.OfficeApi;
import id.antrean.web.OfficeProfileApi;
import id.antrean.web.OpenApiDocument;
import id.antrean.web.PreRoutingErrors;
import id.antrean.web.RateLimits;
import id.antrean.web.ReportApi;
import id.antrean.web.ReprintApi;
import id.antrean.web.SecurityHeaders;
import id.antrean.web.StaffApi;
import id.antrean.web.StaffGuard;
import id.antrean.web.StaticUi;
import id.antrean.web.StreamApi;
import id.antrean.web.StreamHub;
import id.antrean.web.SurveyApi;
import id.antrean.web.VoiceClips;
import id.antrean.web.TicketApi;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
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
    private final FeedLag feedLag;
    private NotificationDispatcher dispatcher;
    private id.antrean.app.PickupReminders pickupReminders;
    private id.antrean.app.NameRetention names;
    private DataRetention retention;
    private id.antrean.app.BookingReleases releases;
    private id.antrean.app.BookingRefusals refusals;

    private Antrean(Database database, WaitingRoom room, EventFeed feed, StreamHub hub, WebServer server, FeedLag feedLag) {
        this.feedLag = feedLag;
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
        NotificationDispatcher dispatcher = null;
        id.antrean.app.PickupReminders pickupReminders = null;
        id.antrean.app.NameRetention names = null;
        DataRetention retention = null;
        try {
            Config app = config.get("antrean");
            EventStore events = new EventStore(database);
            OfficeStore officeStore = new OfficeStore(database, events);
            TicketStore tickets = new TicketStore(database, events);
            Offices offices = new Offices(officeStore);
            room = new WaitingRoom(tickets, officeStore, clock);
            names = new id.antrean.app.NameRetention(tickets, officeStore, clock);
            String nikSecret = app.get("nik.secret").asString().orElseThrow();
            if (nikSecret.startsWith("change-me")) {
                LOG.warning("antrean.nik.secret has its development value: set ANTREAN_NIK_SECRET in production");
            }
            // A rotation: previous secrets (comma-separated) still match stored hashes until retention erases them.
            Secrets secrets = new Secrets(nikSecret, java.util.Arrays.asList(
                    app.get("nik.previous.secret").asString().orElse("").split(",")));
            TicketDesk desk = new TicketDesk(offices, tickets, new IdempotencyStore(database), events, room,
                    secrets, clock, Duration.ofMinutes(app.get("service.minutes").asInt().orElse(10)), database);
            // WhatsApp notifications: outbox rows follow the events in their transactions.
            WhatsAppSettings whatsapp = WhatsAppSettings.from(app.get("whatsapp"));
            OutboxStore outbox = new OutboxStore(database);
            Notifications notifications = new Notifications(outbox, tickets, offices, whatsapp.configured(), clock);
            events.follow(notifications);
            desk.notifications(notifications);
            String publicUrl = app.get("public.url").asString().filter(u -> !u.isBlank()).orElse(null);
            // The ticket's QR code must open on a resident's phone (issue 13).
            id.antrean.web.PublicAddress.problem(publicUrl).ifPresent(LOG::warning);
            if (whatsapp.configured()) {
                LOG.info("WhatsApp notifications: " + whatsapp);
                if (publicUrl == null) {
                    LOG.warning("antrean.public.url is unset: WhatsApp messages link to http://localhost:8080");
                }
                Config d = app.get("whatsapp.dispatch");
                dispatcher = new NotificationDispatcher(outbox, tickets, offices, new WhatsAppCloudApi(whatsapp), clock,
                        app.get("node.id").asString().orElse(defaultNodeId()),
                        new NotificationDispatcher.Settings(
                                Duration.ofMillis(d.get("poll.ms").asInt().orElse(200)),
                                d.get("batch").asInt().orElse(100),
                                d.get("concurrency").asInt().orElse(16),
                                Duration.ofMillis(d.get("lease.ms").asInt().orElse(30_000)),
                                Duration.ofMillis(d.get("pair.pace.ms").asInt().orElse(6_000)),
                                d.get("per.second").asInt().orElse(80),
                                new RetryPolicy(Duration.ofMillis(d.get("retry.base.ms").asInt().orElse(2_000)),
                                        Duration.ofMillis(d.get("retry.cap.ms").asInt().orElse(300_000)),
                                        d.get("retry.attempts").asInt().orElse(12)),
                                Duration.ofMillis(d.get("config.pause.ms").asInt().orElse(60_000))),
                        publicUrl == null ? "http://localhost:8080" : publicUrl);
            }
            CounterStatusStore counterStatuses = new CounterStatusStore(database, events);
            CounterDesk counters = new CounterDesk(offices, tickets, room, desk, clock, counterStatuses);
            CounterBreaks breaks = new CounterBreaks(offices, counterStatuses, tickets, clock);
            // Document pickup: its own appointments, pickup tickets in the same queue, messages via the outbox.
            id.antrean.storage.PickupStore pickupStore = new id.antrean.storage.PickupStore(database, events);
            id.antrean.app.PickupDesk pickups = new id.antrean.app.PickupDesk(offices, pickupStore, outbox,
                    whatsapp.configured(), secrets, room, desk, clock);
            counters.served(pickups::serves);
            notifications.alsoOnStop(pickups::stop);
            if (dispatcher != null) {
                dispatcher.pickups(pickups);
            }
            pickupReminders = new id.antrean.app.PickupReminders(officeStore, offices, pickupStore, pickups, clock);
            OfficeAdmin admin = new OfficeAdmin(offices, officeStore, room, clock);
            Config login = app.get("login");
            StaffAccounts accounts = new StaffAccounts(new StaffStore(database, events), new SessionStore(database), clock,
                    new PasswordHasher(login.get("hash.threads").asInt().orElse(PasswordHasher.defaultThreads()),
                            login.get("hash.queue").asInt().orElse(8),
                            Duration.ofMillis(login.get("hash.wait-ms").asInt().orElse(1000)),
                            login.get("hash.per-second").asInt().orElse(4)),
                    new LoginThrottlePolicy(login.get("failures").asInt().orElse(5),
                            Duration.ofMinutes(login.get("lock.minutes").asInt().orElse(15)),
                            Duration.ofMillis(login.get("delay.ms").asInt().orElse(250)),
                            Duration.ofMillis(login.get("delay.max-ms").asInt().orElse(4000))),
                    Duration.ofMinutes(app.get("session.idle.minutes").asInt().orElse(480)));
            accounts.ensureAdmin(app.get("admin.password").asString().orElse(""));
            StaffGuard guard = new StaffGuard(accounts);
            // Personal data lifecycle: retention job, a resident's own data, contact tracing.
            PrivacyStore privacy = new PrivacyStore(database, events);
            Config keep = app.get("retention");
            retention = new DataRetention(privacy, outbox, officeStore, offices, clock,
                    app.get("node.id").asString().orElse(defaultNodeId()),
                    new DataRetention.Settings(Duration.ofMinutes(keep.get("interval.minutes").asInt().orElse(60)),
                            Duration.ofSeconds(keep.get("lease.seconds").asInt().orElse(600)),
                            keep.get("batch").asInt().orElse(500)));
            DataRetention retentionJob = retention;
            ResidentData residentData = new ResidentData(offices, tickets, privacy, events, secrets, clock);
            ContactTracing tracing = new ContactTracing(offices, privacy, events, secrets, clock);
            CounterApi counterApi = new CounterApi(counters, offices, guard, new CallByNumber(offices, tickets, counters, desk, room, clock),
                    new TicketTransfer(offices, tickets, counterStatuses, desk, clock),
                    new NoShowReturn(offices, tickets, room, desk, clock), breaks);
            SlipReprint reprint = new SlipReprint(offices, tickets, events, database, secrets, desk, clock);
            feed = new EventFeed(events, Duration.ofMillis(app.get("feed.poll.ms").asInt().orElse(50)),
                    Duration.ofMillis(app.get("feed.gap.ms").asInt().orElse(10_000)));
            DisplayBoard board = new DisplayBoard(database, offices, tickets, events, counters, clock, counterStatuses);
            StreamHub hub = new StreamHub(offices, board);
            feed.subscribe(hub);
            StreamApi streams = new StreamApi(offices, desk, board, events, feed, hub,
                    Duration.ofSeconds(app.get("stream.heartbeat.seconds").asInt().orElse(15)));
            // Booking from home (issue 15): check-in at the door, release of unchecked slots, limits.
            id.antrean.storage.BookingStore bookingStore = new id.antrean.storage.BookingStore(database, events, tickets);
            desk.bookingSettings(office -> bookingStore.settings(office).orElse(id.antrean.domain.BookingSettings.DEFAULTS));
            id.antrean.app.Bookings bookings = new id.antrean.app.Bookings(offices, tickets, bookingStore, events, room, desk,
                    database, clock);
            id.antrean.app.BookingReleases releases = new id.antrean.app.BookingReleases(officeStore, bookingStore, room, clock);
            id.antrean.app.BookingRefusals refusals = new id.antrean.app.BookingRefusals(bookingStore, clock);
            EventFeed startedFeed = feed;
            FeedLag feedLag = new FeedLag(feed);
            boolean secureCookie = app.get("session.secure").asBoolean().orElse(false);
            ClientAddress clients = ClientAddress.fromConfig(app.get("proxy.trusted").asString().orElse(""));
            RateLimits limits = RateLimits.fromConfig(app.get("rate-limit"), clients);
            // The benchmark's HTTP ceiling: a route that touches nothing, present only when asked for.
            boolean benchPing = app.get("bench.enabled").asBoolean().orElse(false);
            WebServer server;
            // Helidon's metrics set-up is not safe for servers started at once in one JVM (tests).
            synchronized (Antrean.class) {
                server = WebServer.builder()
                    .config(config.get("server"))
                    .shutdownHook(false)
                    .directHandlers(PreRoutingErrors.handlers())
                    // HTTP/1.1 only, configured here so that it carries the header deadline (slowloris).
                    .protocolsDiscoverServices(false)
                    .clearProtocols()
                    .addProtocol(Http1Config.builder()
                            .config(config.get("server.http1"))
                            .addReceiveListener(new HeaderDeadline(Duration.ofMillis(
                                    config.get("server.header-timeout-ms").asInt().orElse(10_000))))
                            .build())
                    .addFeature(ObserveFeature.builder()
                            .addObserver(HealthObserver.builder()
                                    .details(true)
                                    .addCheck(new DatabaseHealthCheck(database,
                                            Duration.ofMillis(app.get("health.deadline.ms").asLong().orElse(700L)),
                                            Duration.ofMillis(app.get("health.reuse.ms").asLong().orElse(500L))))
                                    .addCheck(new GaleraHealthCheck(database))
                                    .addCheck(feedLag)
                                    .build())
                            .addObserver(MetricsObserver.create())
                            .build())
                    .routing(routing -> {
                        routing.addFilter(new SecurityHeaders());
                        ErrorHandling.register(routing);
                        // Per-client limits first: a refused request costs no body parsing and no database.
                        routing.post("/api/v1/auth/login", limits.handler("login"))
                                .post("/api/v1/offices/{office}/tickets", limits.handler("kiosk"))
                                .get("/api/v1/tickets/{token}", limits.handler("ticket"))
                                .delete("/api/v1/tickets/{token}", limits.handler("ticket"))
                                .get("/api/v1/tickets/{token}/messages", limits.handler("ticket"))
                                .delete("/api/v1/tickets/{token}/messages", limits.handler("ticket"))
                                .post("/api/v1/tickets/{token}/messages/stop", limits.handler("ticket"))
                                .get("/api/v1/tickets/{token}/my-data", limits.handler("ticket"))
                                .delete("/api/v1/tickets/{token}/my-data/whatsapp", limits.handler("ticket"))
                                .post("/api/v1/offices/{office}/pickups/arrive", limits.handler("pickup"))
                                .any("/api/v1/pickups/{token}", limits.handler("pickup"))
                                .any("/api/v1/pickups/{token}/*", limits.handler("pickup"))

                                .get("/api/v1/tickets/{token}/survey", limits.handler("ticket"))
                                .post("/api/v1/tickets/{token}/survey", limits.handler("survey"));
                        routing.get("/api/v1/tickets/{token}/booking", limits.handler("ticket"))
                                .post("/api/v1/tickets/{token}/move", limits.handler("ticket"));
                        id.antrean.web.BookingApi bookingApi = new id.antrean.web.BookingApi(bookings, desk, offices, guard,
                                clients, new id.antrean.web.BookingLimits(100_000), refusals);
                        routing.register("/api/v1", bookingApi);
                        // The booking page: one answer with its data, for slow phone connections.
                        id.antrean.web.BookPage bookPage = new id.antrean.web.BookPage(bookingApi::pageData);
                        routing.get("/book", bookPage::handle).get("/book/", bookPage::handle)
                                .get("/book/index.html", bookPage::handle);
                        OfficeApi officeApi = new OfficeApi(offices, desk, counters, admin, events, guard,
                                app.get("public.url").asString().filter(u -> !u.isBlank()).orElse(null));
                        officeApi.bookingsToday(officeId -> bookingStore.day(officeId,
                                clock.instant().atZone(offices.get(officeId).zone()).toLocalDate()));
                        routing.register("/api/v1", new TicketApi(desk, offices),
                                        officeApi,
                                        counterApi, streams,
                                        new ReportApi(new Reports(offices, new ReportStore(database), clock), guard),
                                        new AuditApi(events, guard), new ReprintApi(reprint, offices, guard))
                                .register("/api/v1", new OfficeProfileApi(new OfficeProfiles(offices, officeStore, clock), offices, guard))
                                .register("/api/v1", new NotificationApi(notifications, offices, guard, whatsapp),
                                        new WhatsAppWebhook(whatsapp, outbox, notifications))
                                .register("/api/v1", new PrivacyApi(retentionJob, residentData, offices, guard),
                                        new TracingApi(tracing, guard))
                                .register("/api/v1", new id.antrean.web.PickupApi(pickups, offices, guard),
                                        new id.antrean.web.PickupPublicApi(pickups, offices, limits))
                                .register("/api/v1/auth", new AuthApi(accounts, guard, secureCookie, clients))
                                .register("/api/v1/staff", new StaffApi(accounts, guard))
                                .register("/openapi", new OpenApiDocument())
                                .register("/api/v1", new SurveyApi(new SatisfactionSurvey(offices, tickets,
                                        new SurveyStore(database), clock), offices, guard));
                        if (benchPing) {
                            routing.get("/bench/ping", (req, res) -> res.send("pong"));
                        }
                        ErrorHandling.unknownApiPaths(routing);
                        VoiceClips.register(routing, app.get("voice.dir").asString().orElse(""));
                        StaticUi.register(routing);
                    })
                    .build()
                    .start();
            }
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                throw new IllegalStateException("The web server could not listen on its port (in use?)");
            }
            room.startTimer(Duration.ofSeconds(app.get("admission.seconds").asInt().orElse(5)));
            startedFeed.start();
            releases.start(Duration.ofSeconds(app.get("booking.release.seconds").asInt().orElse(30)));
            refusals.start(Duration.ofSeconds(app.get("booking.refusals.flush.seconds").asInt().orElse(10)));
            pickupReminders.start(Duration.ofSeconds(app.get("pickup.overdue.seconds").asInt().orElse(60)));
            Antrean node = new Antrean(database, room, startedFeed, hub, server, feedLag);
            node.pickupReminders = pickupReminders;
            // Names given at the kiosk are kept for the ticket's day only (issue 13).
            names.startTimer(Duration.ofSeconds(app.get("names.check.seconds").asInt().orElse(600)));
            node.names = names;
            int poll = keep.get("poll.seconds").asInt().orElse(300);
            if (poll > 0) {
                retention.start(Duration.ofSeconds(poll));
            }
            node.retention = retention;
            node.releases = releases;
            node.refusals = refusals;
            if (dispatcher != null) {
                node.dispatcher = dispatcher;
                dispatcher.start();
            }
            return node;
        } catch (RuntimeException e) {
            if (retention != null) {
                retention.close();
            }
            if (pickupReminders != null) {
                pickupReminders.close();
            }
            if (dispatcher != null) {
                dispatcher.close();
            }
            if (feed != null) {
                feed.close();
            }
            if (room != null) {
                room.close();
            }
            if (names != null) {
                names.close();
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

    /** This node's overdue job for document pickups (tests run it at once instead of waiting for its timer). */
    public id.antrean.app.PickupReminders pickupReminders() {
        return pickupReminders;
    }

    /** This node's WhatsApp dispatcher, or null when the provider is not configured. */
    public NotificationDispatcher dispatcher() {
        return dispatcher;
    }

    /** This node's personal data retention job. */
    public DataRetention retention() {
        return retention;
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return (host.length() > 40 ? host.substring(0, 40) : host) + "-" + Long.toHexString(ProcessHandle.current().pid())
                + "-" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Stops taking requests, lets in-flight ones finish, then closes the database. */
    @Override
    public void close() {
        if (retention != null) {
            retention.close();
        }
        if (pickupReminders != null) {
            pickupReminders.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (releases != null) {
            releases.close();
        }
        if (refusals != null) {
            refusals.close();
        }
        room.close();
        if (names != null) {
            names.close();
        }
        feed.close();
        feedLag.close();
        hub.close();
        server.stop();
        database.close();
        LOG.info("Antrean stopped");
    }
}
