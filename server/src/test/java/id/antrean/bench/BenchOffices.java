package id.antrean.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import id.antrean.support.GaleraCluster;

/**
 * Scenario 6 (issue 12): many offices at once. The hot row of issuing is one per office, service
 * and day, so 64 clients spread over 200 offices should come near the plain insert rate (2a).
 * Also the same scenario, and scenarios 1 and 5, on a 3-node Galera cluster written through the
 * single writer (Connector/J's sequential URL), with the ratios to one MariaDB.
 */
final class BenchOffices {
    static final int OFFICES = Integer.parseInt(Bench.env("ANTREAN_BENCH_OFFICES", "200"));
    static final int CLIENTS = 64;

    private BenchOffices() {
    }

    /** Offices b001… as copies of the configured oki (settings, services, waiting room). */
    static List<String> create(Bench bench) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = bench.jdbc(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE TEMPORARY TABLE bench_office AS SELECT * FROM office WHERE id = 'oki'");
            s.execute("CREATE TEMPORARY TABLE bench_service AS SELECT * FROM service WHERE office_id = 'oki'");
            try (PreparedStatement o = c.prepareStatement("UPDATE bench_office SET id = ?");
                 PreparedStatement sv = c.prepareStatement("UPDATE bench_service SET office_id = ?");
                 PreparedStatement room = c.prepareStatement("INSERT IGNORE INTO waiting_room (office_id) VALUES (?)")) {
                for (int i = 1; i <= OFFICES; i++) {
                    String id = String.format(Locale.ROOT, "b%03d", i);
                    o.setString(1, id);
                    o.executeUpdate();
                    sv.setString(1, id);
                    sv.executeUpdate();
                    s.executeUpdate("INSERT IGNORE INTO office SELECT * FROM bench_office");
                    s.executeUpdate("INSERT IGNORE INTO service SELECT * FROM bench_service");
                    room.setString(1, id);
                    room.executeUpdate();
                    ids.add(id);
                }
            }
            s.execute("DROP TEMPORARY TABLE bench_office");
            s.execute("DROP TEMPORARY TABLE bench_service");
        }
        return ids;
    }

    /** A kiosk of some office: each request to an office picked at random. */
    static Bench.Op issue(Bench bench, int port, List<String> offices) {
        BenchHttp http = BenchHttp.create(bench.clientKind, port);
        return new Bench.Op() {
            @Override
            public String call() throws Exception {
                String office = offices.get(ThreadLocalRandom.current().nextInt(offices.size()));
                BenchHttp.Resp r = http.send("POST", "/api/v1/offices/" + office + "/tickets", Bench.kioskHeaders(), bench.ticketBody());
                return r.status() == 201 ? null : r.status() + " " + Bench.group(Bench.ERROR, r.body());
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    static Bench.Row manyOffices(Bench bench, String scenario, List<BenchNode> nodes, List<String> offices) throws Exception {
        String label = "issue, " + offices.size() + " offices, " + CLIENTS + " clients" + (nodes.size() > 1 ? ", " + nodes.size() + " nodes" : "");
        Bench.Row row = bench.closedLoop(scenario, label, CLIENTS, w -> issue(bench, nodes.get(w % nodes.size()).port, offices),
                nodes, bench.warmup, bench.measure, true, false, "");
        bench.rows.add(row);
        return row;
    }

    /**
     * Scenarios 1, 6 and 5 again on the 3-node Galera cluster of the tests, each server writing
     * through the single writer (node 0 first in the sequential URL).
     */
    static void onCluster(Bench bench, Path jar) throws Exception {
        GaleraCluster cluster;
        try {
            cluster = GaleraCluster.shared();
        } catch (IllegalStateException e) {
            bench.notes.add("Galera scenarios not measured: " + e.getMessage());
            return;
        }
        String db = cluster.createDatabase("bench");
        String savedUrl = bench.jdbcUrl;
        long savedPid = bench.dbPid;
        String savedUser = bench.dbUser;
        String savedPassword = bench.dbPassword;
        Map<String, String> env = new HashMap<>(bench.nodeEnv);
        env.put("DB_CONNECTION_URL", cluster.sequentialUrl(db, 0, 1, 2));
        env.put("DB_CONNECTION_USERNAME", "root");
        env.put("DB_CONNECTION_PASSWORD", "");
        env.remove("DB_EMBEDDED_DIR");
        bench.jdbcUrl = cluster.url(0, db);
        bench.dbUser = "root";
        bench.dbPassword = "";
        bench.dbPid = -1; // three mariadbd processes: their CPU is not sampled
        try (BenchNode g1 = BenchNode.start("galera-server-1", jar, bench.benchDir, env, bench.jfr)) {
            bench.facts.put("galeraNode1StartToReadyMs", g1.startToReadyMs);
            bench.configureOffice();
            List<String> offices = create(bench);
            List<BenchNode> one = List.of(g1);
            bench.closedLoop("warm-up", "", 32, w -> bench.httpIssue(g1.port, false), one, 2, 4, false, true);
            bench.rows.add(bench.closedLoop("1-galera", "issue contended, HTTP, 3-node Galera via the single writer", 32,
                    w -> bench.httpIssue(g1.port, false), one, bench.warmup, bench.measure, true, true));
            manyOffices(bench, "6-galera", one, offices);
            try (BenchNode g2 = BenchNode.start("galera-server-2", jar, bench.benchDir, env, bench.jfr)) {
                List<BenchNode> both = List.of(g1, g2);
                bench.closedLoop("warm-up", "", 8, w -> bench.httpIssue(g2.port, false), List.of(g2), 0, 3, false, true);
                bench.rows.add(bench.closedLoop("5-galera", "issue contended, 2 nodes (16 + 16 clients), 3-node Galera", 32,
                        w -> bench.httpIssue(both.get(w % 2).port, false), both, bench.warmup, bench.measure, true, true));
            }
        } finally {
            bench.jdbcUrl = savedUrl;
            bench.dbPid = savedPid;
            bench.dbUser = savedUser;
            bench.dbPassword = savedPassword;
            cluster.dropDatabase(db);
        }
    }

    /** For the targets: scenario 6 against the ceiling, and the cluster against one MariaDB. */
    static void targets(Bench bench, StringBuilder t) {
        Bench.Row six = first(bench, "6");
        Bench.Row best = bench.bestCeiling();
        Bench.Row one64 = bench.find("1", CLIENTS);
        if (six != null && best != null) {
            t.append(String.format(Locale.ROOT, "- scenario 6 (%s): %.0f/s, %.0f%% of the best ceiling (2a, %.0f/s)%s; errors %d%n",
                    six.label(), six.tps(), 100 * six.tps() / best.tps(), best.tps(),
                    one64 == null ? "" : String.format(Locale.ROOT, ", %.1f× scenario 1 at %d clients (one office)", six.tps() / one64.tps(), CLIENTS),
                    six.errors()));
        }
        ratio(t, bench, "1-galera", "1", 32, "scenario 1 on the 3-node cluster");
        ratio(t, bench, "6-galera", "6", CLIENTS, "scenario 6 on the 3-node cluster");
        ratio(t, bench, "5-galera", "5", 32, "scenario 5 on the 3-node cluster");
    }

    private static void ratio(StringBuilder t, Bench bench, String cluster, String single, int clients, String what) {
        Bench.Row g = first(bench, cluster);
        Bench.Row s = bench.rows.stream().filter(r -> r.scenario().equals(single) && r.clients() == clients
                && !r.label().startsWith("issue until")).findFirst().orElse(null);
        if (g != null) {
            t.append(String.format(Locale.ROOT, "- %s: %.0f/s, p99 %.1f ms, errors %d%s%n", what, g.tps(), g.p99(), g.errors(),
                    s == null || s.tps() == 0 ? "" : String.format(Locale.ROOT, "; %.0f%% of one MariaDB (%.0f/s)", 100 * g.tps() / s.tps(), s.tps())));
        }
    }

    private static Bench.Row first(Bench bench, String scenario) {
        return bench.rows.stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElse(null);
    }
}
