package id.antrean.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real three-node MariaDB Galera cluster on this machine, for the cluster tests: plain
 * {@code mariadbd} processes (Debian's mariadb-server and galera-4) with wsrep on, each with its own
 * ports and data folder under {@code server/target/galera/}, state transfer by rsync. Started once
 * per JVM, on first use, and killed when the JVM exits. Nodes can be killed with SIGKILL and
 * brought back (with {@code galera_recovery}, so they rejoin by IST).
 */
public final class GaleraCluster {
    private static final Logger LOG = Logger.getLogger(GaleraCluster.class.getName());
    public static final int SIZE = 3;
    private static final String PROVIDER = "/usr/lib/galera/libgalera_smm.so";
    private static GaleraCluster shared;

    private final Path base;
    private final List<Node> nodes = new ArrayList<>();

    /** One mariadbd: its SQL port, Galera's group, IST and SST ports, its folder and process. */
    public static final class Node {
        final int index;
        final int port;
        final int gcommPort;
        final int istPort;
        final int sstPort;
        final Path dir;
        volatile Process process;

        Node(int index, Path dir) throws IOException {
            this.index = index;
            this.dir = dir;
            this.port = freePort();
            this.gcommPort = freePort();
            this.istPort = freePort();
            this.sstPort = freePort();
        }

        public int port() {
            return port;
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        Path defaults() {
            return dir.resolve("my.cnf");
        }
    }

    private GaleraCluster(Path base) {
        this.base = base;
    }

    /** The cluster of this JVM, started (about 20 to 40 s) on first use. */
    public static synchronized GaleraCluster shared() {
        if (shared == null) {
            GaleraCluster cluster = new GaleraCluster(Path.of("target", "galera",
                    "c" + ProcessHandle.current().pid()).toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "galera-stop"));
            try {
                cluster.start();
            } catch (Exception e) {
                cluster.stop();
                throw new IllegalStateException("Could not start the Galera test cluster (needs mariadb-server,"
                        + " galera-4 and rsync; .ci/run installs them): " + e.getMessage(), e);
            }
            shared = cluster;
        }
        return shared;
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    /** A JDBC URL for one node's database (no database: the server level). */
    public String url(int node, String database) {
        return "jdbc:mariadb://127.0.0.1:" + nodes.get(node).port + "/" + (database == null ? "" : database);
    }

    /**
     * The recommended single-writer URL: Connector/J's sequential mode over the nodes in the given
     * order (every connection goes to the first one that answers).
     */
    public String sequentialUrl(String database, int... order) {
        StringBuilder hosts = new StringBuilder();
        for (int i : order) {
            if (!hosts.isEmpty()) {
                hosts.append(',');
            }
            hosts.append("127.0.0.1:").append(nodes.get(i).port);
        }
        return "jdbc:mariadb:sequential://" + hosts + "/" + database;
    }

    /** A fresh, uniquely named database on the cluster (for one test class or case). */
    public String createDatabase(String hint) {
        String name = ("g_" + hint + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        execute(firstAlive(), "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        // DDL reaches the other nodes when they apply it: wait until every running node has it.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (Node n : nodes) {
            while (n.alive() && !hasDatabase(n.index, name)) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("Database " + name + " did not reach node " + n.index);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return name;
    }

    public void dropDatabase(String name) {
        execute(firstAlive(), "DROP DATABASE IF EXISTS `" + name + "`");
    }

    /** Runs one statement on one node. */
    public void execute(int node, String sql) {
        try (Connection c = connect(node, null); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("On node " + node + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** One number from one node. */
    public long count(int node, String database, String sql) {
        try (Connection c = connect(node, database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("On node " + node + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    public String string(int node, String database, String sql) {
        try (Connection c = connect(node, database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("On node " + node + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    public Connection connect(int node, String database) throws SQLException {
        return DriverManager.getConnection(url(node, database), "root", "");
    }

    /**
     * Sets how AUTO_INCREMENT steps on every node: {@code null} gives Galera's default (it steps by
     * the cluster size, each node its own offset), a number turns that control off and steps by it.
     */
    public void autoIncrementStep(Integer step) {
        for (Node n : nodes) {
            if (!n.alive()) {
                continue;
            }
            if (step == null) {
                execute(n.index, "SET GLOBAL wsrep_auto_increment_control = ON");
            } else {
                execute(n.index, "SET GLOBAL wsrep_auto_increment_control = OFF");
                execute(n.index, "SET GLOBAL auto_increment_increment = " + step);
                execute(n.index, "SET GLOBAL auto_increment_offset = 1");
            }
        }
    }

    /** SIGKILL, as when a machine dies: no shutdown, no goodbye to the cluster. */
    public void kill(int node) {
        Node n = nodes.get(node);
        n.process.descendants().forEach(ProcessHandle::destroyForcibly);
        n.process.destroyForcibly();
        try {
            n.process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Brings a killed node back the way an operator does: galera_recovery, then start at that position. */
    public void restart(int node, Duration timeout) throws Exception {
        Node n = nodes.get(node);
        // Even an incremental transfer runs the rsync script, whose daemon writes as "nobody".
        var nobody = n.dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (var files = Files.walk(n.dir.resolve("data"))) {
            for (Path p : files.toList()) {
                Files.setOwner(p, nobody);
            }
        }
        Process recovery = new ProcessBuilder("galera_recovery", "--defaults-file=" + n.defaults())
                .redirectErrorStream(true).start();
        String out = new String(recovery.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        recovery.waitFor(60, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("--wsrep[_-]start[_-]position=\\S+").matcher(out);
        List<String> extra = new ArrayList<>();
        if (m.find()) {
            extra.add(m.group());
        }
        launch(n, extra);
        awaitSynced(node, timeout);
    }

    /** The node's wsrep_local_state_comment, or the error reaching it. */
    public String state(int node) {
        try {
            return string(node, null, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                    + " WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'");
        } catch (RuntimeException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    public long clusterSize(int node) {
        return count(node, null, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                + " WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'");
    }

    public void awaitSynced(int node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            Node n = nodes.get(node);
            if (!n.alive()) {
                throw new IllegalStateException("Galera node " + node + " exited: " + tail(n));
            }
            state = state(node);
            if ("Synced".equals(state)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Galera node " + node + " not Synced after " + timeout + ": " + state
                + "\n" + tail(nodes.get(node)));
    }

    private boolean hasDatabase(int node, String name) {
        try (Connection c = connect(node, null); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                     + name + "'")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false; // a node still joining answers nothing useful yet
        }
    }

    private int firstAlive() {
        for (Node n : nodes) {
            if (n.alive()) {
                return n.index;
            }
        }
        throw new IllegalStateException("No Galera node is running");
    }

    private void start() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(base);
        for (int i = 0; i < SIZE; i++) {
            nodes.add(new Node(i, base.resolve("node" + i)));
        }
        String addresses = nodes.stream().map(n -> "127.0.0.1:" + n.gcommPort).collect(Collectors.joining(","));
        for (Node n : nodes) {
            Path data = Files.createDirectories(n.dir.resolve("data"));
            Files.writeString(n.defaults(), config(n, addresses));
            if (n.index > 0) {
                // rsync's SST daemon, started by a root mariadbd, writes as "nobody" (rsync's default).
                Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            }
        }
        Node first = nodes.getFirst();
        Process install = new ProcessBuilder("mariadb-install-db", "--defaults-file=" + first.defaults(), "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(first.dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(first.dir.resolve("install.log")));
        }
        launch(first, List.of("--wsrep-new-cluster"));
        awaitSynced(0, Duration.ofSeconds(60));
        // Joiners one after the other: each blocks its donor during the rsync transfer.
        for (int i = 1; i < SIZE; i++) {
            launch(nodes.get(i), List.of());
            awaitSynced(i, Duration.ofSeconds(120));
        }
        LOG.info("Galera test cluster of " + SIZE + " nodes Synced in " + (System.nanoTime() - started) / 1_000_000
                + " ms, SQL ports " + nodes.stream().map(n -> String.valueOf(n.port)).collect(Collectors.joining(", ")));
    }

    private static String config(Node n, String addresses) {
        return String.join("\n",
                "[mysqld]",
                "user=root",
                "datadir=" + n.dir.resolve("data"),
                "socket=" + n.dir.resolve("mysqld.sock"),
                "pid-file=" + n.dir.resolve("mysqld.pid"),
                "log-error=" + n.dir.resolve("error.log"),
                "port=" + n.port,
                "bind-address=127.0.0.1",
                "max_connections=500",
                "performance_schema=OFF",
                "innodb_buffer_pool_size=64M",
                "innodb_log_file_size=32M",
                "innodb_flush_log_at_trx_commit=2",
                "binlog_format=ROW",
                "default_storage_engine=InnoDB",
                "innodb_autoinc_lock_mode=2",
                "wsrep_on=ON",
                "wsrep_provider=" + PROVIDER,
                "wsrep_cluster_name=antrean_test",
                "wsrep_cluster_address=gcomm://" + addresses,
                "wsrep_node_name=node" + n.index,
                "wsrep_node_address=127.0.0.1",
                "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + n.gcommPort
                        + ";ist.recv_addr=127.0.0.1:" + n.istPort + ";gcache.size=128M\"",
                "wsrep_sst_receive_address=127.0.0.1:" + n.sstPort,
                "wsrep_sst_method=rsync",
                "wsrep_slave_threads=2",
                "",
                "[client]",
                "socket=" + n.dir.resolve("mysqld.sock"),
                "");
    }

    private static void launch(Node n, List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--defaults-file=" + n.defaults(), "--user=root"));
        cmd.addAll(extra);
        n.process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(n.dir.resolve("stdout.log").toFile()))
                .start();
    }

    private static String tail(Node n) {
        try {
            List<String> lines = Files.readAllLines(n.dir.resolve("error.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no error.log)";
        }
    }

    private void stop() {
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.descendants().forEach(ProcessHandle::destroyForcibly);
                n.process.destroyForcibly();
            }
        }
        for (Node n : nodes) {
            if (n.process != null) {
                try {
                    n.process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // Three data folders of a few hundred MB each: not kept after the run.
        try (var files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warning("Could not delete " + base + ": " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
