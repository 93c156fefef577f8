package id.antrean.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own, to be stalled, killed and restarted without touching anyone
 * else's: Debian's {@code /usr/sbin/mariadbd} on a free port, with its data folder and socket under
 * {@code target/scratch-mariadb/}. Root has an empty password over TCP. Start it with
 * {@link #start(String)}, close it at the end (it is also killed when the JVM exits).
 */
public final class ScratchMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScratchMariaDb.class.getName());
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final String INSTALL_DB = "mariadb-install-db";

    private final Path dir;
    private final int port;
    private final Thread reaper;
    private volatile Process process;
    private volatile boolean stalled;

    private ScratchMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.reaper = new Thread(this::killQuietly, "scratch-mariadb-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Initialises a fresh data folder and starts the server; returns once it takes connections. */
    public static ScratchMariaDb start(String name) {
        Path dir = Path.of("target", "scratch-mariadb", name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
            if (!Files.isExecutable(MARIADBD)) {
                throw new IllegalStateException(MARIADBD + " is missing: install Debian's mariadb-server");
            }
            run(Duration.ofMinutes(2), dir.resolve("install.log"), INSTALL_DB, "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--user=root", "--auth-root-authentication-method=normal",
                    "--skip-test-db");
            ScratchMariaDb db = new ScratchMariaDb(dir, freePort());
            db.launch();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a scratch MariaDB in " + dir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The server's URL without a database, e.g. {@code jdbc:mariadb://127.0.0.1:PORT/}. */
    public String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    /** Creates the database (if missing) and returns its URL. */
    public String database(String name) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return serverUrl() + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl() + "?connectTimeout=2000&socketTimeout=10000", "root", "");
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: the server hangs with every connection open, as an overloaded or frozen host would. */
    public void stall() {
        signal("STOP");
        stalled = true;
    }

    /** SIGCONT after {@link #stall()}. */
    public void resume() {
        signal("CONT");
        stalled = false;
    }

    /** SIGKILL: the server dies at once, without a clean shutdown; waits until it is gone. */
    public void crash() {
        Process p = process;
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("mariadbd " + p.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        stalled = false;
    }

    /** Starts the server again on the same data folder and port (crash recovery included). */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("still running: crash() or close() it first");
        }
        launch();
    }

    @Override
    public void close() {
        killQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is exiting already
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warning("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadbd.sock"), "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--user=root", "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--log-error=" + dir.resolve("error.log")));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + MARIADBD + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see " + dir.resolve("error.log"));
            }
            try (Connection c = connect()) {
                return;
            } catch (SQLException e) {
                sleep(100);
            }
        }
        killQuietly();
        throw new IllegalStateException("mariadbd did not take connections within 60 s; see " + dir.resolve("error.log"));
    }

    private void killQuietly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            if (stalled) {
                signal("CONT");
            }
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(Duration limit, Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + limit);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "); see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
