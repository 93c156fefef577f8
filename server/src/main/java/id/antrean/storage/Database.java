package id.antrean.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

/**
 * The database the server runs on: the configured MariaDB, or an embedded one when none is set.
 * Owns the pool, the migrations and the named SQL statements; hands out retried transactions.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final HikariDataSource dataSource;
    private final DbClient client;
    private final EmbeddedMariaDb embedded;
    private final TransactionRetry retry;
    private final String description;
    private final TransactionThreads txThreads;

    private Database(HikariDataSource dataSource, DbClient client, EmbeddedMariaDb embedded,
                     TransactionRetry retry, String description) {
        this.txThreads = new TransactionThreads(dataSource.getMaximumPoolSize(), dataSource.getConnectionTimeout());
        this.dataSource = dataSource;
        this.client = client;
        this.embedded = embedded;
        this.retry = retry;
        this.description = description;
    }

    /**
     * Opens the database described by the {@code db} config node: {@code connection.url} when set,
     * else an embedded MariaDB under {@code embedded.data-dir}; then migrates the schema, or with
     * {@code migrate: false} waits up to {@code schema-wait-seconds} for it to be migrated.
     */
    public static Database open(Config db) {
        return open(db, false);
    }

    /**
     * The migrate-only step of a deployment: brings the schema up to date and closes again. On
     * Galera it takes the cluster-wide migration lock, so it is safe beside starting servers.
     */
    public static void migrateOnly(Config db) {
        open(db, true).close();
    }

    private static Database open(Config db, boolean migrateOnly) {
        String url = db.get("connection.url").asString().filter(s -> !s.isBlank()).orElse(null);
        String user = db.get("connection.username").asString().orElse("root");
        String password = db.get("connection.password").asString().orElse("");
        EmbeddedMariaDb embedded = null;
        String description;
        if (url == null) {
            Path dataDir = Path.of(db.get("embedded.dir").asString().orElse("./data/mariadb"));
            embedded = EmbeddedMariaDb.start(dataDir, db.get("embedded.port").asInt().orElse(0));
            String name = db.get("embedded.database").asString().orElse("antrean");
            url = embedded.jdbcUrl(name);
            user = "root";
            password = "";
            description = "embedded MariaDB at 127.0.0.1:" + embedded.port() + "/" + name + " (data in "
                    + embedded.dataDir() + ")";
        } else {
            description = "MariaDB at " + withoutCredentials(url);
        }
        try {
            DatabaseTimeouts timeouts = DatabaseTimeouts.of(db.get("timeouts"));
            HikariDataSource dataSource = pool(db.get("pool"), url, user, password, timeouts);
            try {
                prepareSchema(dataSource, db, migrateOnly);
            } catch (RuntimeException e) {
                dataSource.close();
                throw e;
            }
            DbClient client = JdbcClientBuilder.create()
                    .connectionPool(() -> timeouts.serving(connection(dataSource)))
                    .statements(DbStatements.create(Config.just(ConfigSources.classpath("db/statements.yaml")).get("statements")))
                    .build();
            TransactionRetry retry = new TransactionRetry(db.get("retry.attempts").asInt().orElse(8));
            LOG.info("Database in use: " + description);
            return new Database(dataSource, client, embedded, retry, description);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** The Helidon DB Client over the pool, for reads outside a transaction. */
    public DbClient client() {
        return client;
    }

    /**
     * Runs {@code work} in one transaction and commits it; on a deadlock, lock-wait timeout or Galera
     * certification failure the whole transaction is rolled back and run again, a bounded number of
     * times. The work must therefore be free of side effects outside the database.
     *
     * @throws DatabaseUnavailable when the database cannot do it now (no connection in time, the
     *         connection lost, conflicts outlasting the retries); {@code outcomeUnknown()} when the
     *         COMMIT was sent and its answer never came
     */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        return unavailableAsSuch(() -> txThreads.run(() -> retry.run(() -> {
            DbTransaction tx = client.transaction();
            T result;
            try {
                result = work.apply(tx);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(tx, e);
                throw e;
            }
            try {
                tx.commit();
            } catch (RuntimeException e) {
                // Sent but not answered: stored or not, nobody here can tell.
                throw DatabaseUnavailable.of(e).<RuntimeException>map(DatabaseUnavailable::duringCommit).orElse(e);
            }
            return result;
        })));
    }

    /**
     * Runs read-only work in one REPEATABLE READ transaction: every query sees the same moment, so
     * a picture assembled from several queries (the display's snapshot) is consistent.
     */
    public <T> T snapshot(Function<DbExecute, T> work) {
        return inTransaction(tx -> {
            tx.namedDml("snapshot-begin");
            return work.apply(tx);
        });
    }

    /** Runs read-only work with auto-commit statements, retried like a transaction. */
    public <T> T read(Function<DbExecute, T> work) {
        return unavailableAsSuch(() -> retry.run(() -> work.apply(client.execute())));
    }

    /** One real query on the schema; returns its migration version. Throws when the database fails. */
    public String ping() {
        return unavailableAsSuch(() -> client.execute().namedGet("schema-version")
                .map(row -> row.column("version").get(String.class))
                .orElseThrow());
    }

    /** A failure of the database itself leaves here as {@link DatabaseUnavailable}, whatever the driver called it. */
    private static <T> T unavailableAsSuch(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw DatabaseUnavailable.of(e).<RuntimeException>map(d -> d).orElse(e);
        }
    }

    /**
     * Galera's view of the node this server's connections reach: empty on a plain MariaDB, else
     * wsrep_ready, wsrep_cluster_status, wsrep_cluster_size and wsrep_local_state_comment.
     */
    public Map<String, String> galeraStatus() {
        Map<String, String> status = new java.util.TreeMap<>();
        client.execute().namedQuery("galera-status")
                .forEach(r -> status.put(Rows.str(r, "name"), Rows.str(r, "value")));
        if (!"ON".equalsIgnoreCase(status.remove("wsrep_on"))) {
            return Map.of();
        }
        return status;
    }

    /** A plain JDBC connection from the pool, for the few places that need JDBC itself. */
    public Connection jdbcConnection() throws SQLException {
        return dataSource.getConnection();
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        txThreads.close();
        client.close();
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static HikariDataSource pool(Config pool, String url, String user, String password, DatabaseTimeouts timeouts) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("antrean");
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(pool.get("size").asInt().orElse(defaultPoolSize()));
        hikari.setMinimumIdle(Math.min(2, hikari.getMaximumPoolSize()));
        timeouts.applyTo(hikari);
        // Read committed: no gap locks on range reads, so concurrent kiosks contend only on the rows
        // they really change. Every rule that needs a stronger guarantee locks its row explicitly.
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.setAutoCommit(true);
        SingleWriter single = SingleWriter.forUrl(url, user, password, DRIVER_PROPERTIES);
        if (single == null) {
            DRIVER_PROPERTIES.forEach(hikari::addDataSourceProperty);
            return new HikariDataSource(hikari);
        }
        hikari.setJdbcUrl(null);
        hikari.setUsername(null);
        hikari.setPassword(null);
        hikari.setDataSource(single);
        HikariDataSource dataSource = new HikariDataSource(hikari);
        single.onWriterChange(() -> {
            if (dataSource.getHikariPoolMXBean() != null) {
                dataSource.getHikariPoolMXBean().softEvictConnections();
            }
        });
        return dataSource;
    }

    /**
     * MariaDB Connector/J settings. Timestamps in UTC on both sides. Server-side prepared
     * statements: each statement is parsed once per connection and then executed in the binary
     * protocol, instead of being parsed again as text every time (measured, scenario 1 at 32
     * kiosks: 753 -> 1,033 tickets/s, MariaDB CPU per ticket 1.5 -> 0.9 ms).
     */
    public static final Map<String, String> DRIVER_PROPERTIES = Map.of(
            "connectionTimeZone", "UTC",
            "forceConnectionTimeZoneToSession", "true",
            "useServerPrepStmts", "true");

    /**
     * HikariCP's sizing rule, cores x 2 + 1. Measured on this project's 2-core machine (scenario 1,
     * 32 kiosks): 16 connections gave 611 tickets/s, 8 gave 658/s, 4 gave 725/s; the others wait in
     * MariaDB for the same rows and cost it CPU while they wait.
     */
    static int defaultPoolSize() {
        return 2 * Runtime.getRuntime().availableProcessors() + 1;
    }

    /** Migrates ({@code db.migrate}, default true) or waits for another process's migration. */
    private static void prepareSchema(HikariDataSource dataSource, Config db, boolean migrateOnly) {
        Schema schema = new Schema(dataSource);
        Duration wait = Duration.ofSeconds(db.get("schema-wait-seconds").asInt().orElse(120));
        if (migrateOnly || db.get("migrate").asBoolean().orElse(true)) {
            schema.migrate(wait);
        } else {
            LOG.info("db.migrate is false: this server does not migrate, it needs schema version "
                    + schema.expectedVersion() + " (run `java -jar antrean-server.jar migrate` once)");
            schema.awaitReady(wait);
        }
    }

    private static Connection connection(HikariDataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("No database connection: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(DbTransaction tx, Throwable cause) {
        try {
            tx.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&]*", "$1=***");
    }
}
