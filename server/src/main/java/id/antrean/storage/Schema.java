package id.antrean.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema a server needs: migrated by Flyway, or waited for when another process migrates.
 *
 * Flyway serialises concurrent migrations with MariaDB's GET_LOCK, which is local to one node and
 * which Flyway skips altogether when {@code wsrep_on}: on Galera, servers started at the same moment
 * would all run the same DDL. There the migration is guarded by a row of its own instead: whoever
 * commits it first migrates, the others wait for the schema (Galera lets only one of two
 * conflicting inserts certify, on whichever nodes they run).
 */
final class Schema {
    private static final Logger LOG = Logger.getLogger(Schema.class.getName());
    private static final Duration WAIT_LOG_EVERY = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Flyway flyway;

    Schema(DataSource dataSource) {
        this.dataSource = dataSource;
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    /** The newest migration this build carries: the schema version it needs. */
    String expectedVersion() {
        return Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getVersion)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElse("0");
    }

    /**
     * Brings the schema up to date; on Galera only under the cluster-wide migration lock, waiting
     * up to {@code wait} for another process's migration when the lock is taken.
     */
    void migrate(Duration wait) {
        if (!galera()) {
            flyway.migrate();
            return;
        }
        String holder = holder();
        if (!tryLock(holder)) {
            LOG.info("Another process is migrating the schema on this Galera cluster; waiting for it");
            awaitReady(wait);
            return;
        }
        try {
            if (!ready(flyway.info())) {
                besideLockTable().migrate();
            }
        } finally {
            unlock(holder);
        }
    }

    /**
     * Flyway refuses a schema that holds tables but no history: on a fresh database the lock table
     * is such a table, so there (and only there) Flyway starts its history below the first migration.
     */
    private Flyway besideLockTable() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                     + " AND TABLE_NAME <> 'antrean_migration_lock'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return flyway;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's tables: " + e.getMessage(), e);
        }
        return Flyway.configure().configuration(flyway.getConfiguration())
                .baselineOnMigrate(true).baselineVersion("0").baselineDescription("empty database")
                .load();
    }

    /** Waits until the schema this build needs is in place (migrated by someone else), or fails. */
    void awaitReady(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long nextLog = 0;
        String expected = expectedVersion();
        while (true) {
            String state;
            try {
                MigrationInfoService info = flyway.info();
                if (ready(info)) {
                    return;
                }
                state = describe(info);
            } catch (RuntimeException e) {
                state = "not readable (" + e.getMessage() + ")";
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new IllegalStateException("The database schema is not at version " + expected
                        + " after waiting " + wait.toSeconds() + " s: it is " + state + ". Run `java -jar antrean-server.jar migrate`"
                        + " once (or start one server with DB_MIGRATE=true)" + lockHint());
            }
            if (now - nextLog >= 0) {
                LOG.info("Waiting for the database schema at version " + expected + " (db.migrate is off or another"
                        + " process migrates): it is " + state + "; waiting up to " + wait.toSeconds() + " s in all");
                nextLog = now + WAIT_LOG_EVERY.toNanos();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the database schema", e);
            }
        }
    }

    /** Every migration of this build applied and none failed (newer ones, from a newer build, are fine). */
    private static boolean ready(MigrationInfoService info) {
        return info.pending().length == 0
                && Arrays.stream(info.all()).noneMatch(i -> i.getState().isFailed());
    }

    private static String describe(MigrationInfoService info) {
        for (MigrationInfo i : info.all()) {
            if (i.getState().isFailed()) {
                return "marked failed at version " + i.getVersion() + " (" + i.getDescription() + "; see flyway_schema_history)";
            }
        }
        MigrationInfo current = info.current();
        return current == null ? "empty" : "at version " + current.getVersion();
    }

    private boolean galera() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES"
                     + " WHERE VARIABLE_NAME = 'WSREP_ON'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read wsrep_on from the database: " + e.getMessage(), e);
        }
    }

    private boolean tryLock(String holder) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("CREATE TABLE IF NOT EXISTS antrean_migration_lock (id TINYINT NOT NULL PRIMARY KEY,"
                    + " holder VARCHAR(200) NOT NULL, taken_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO antrean_migration_lock (id, holder) VALUES (1, ?)")) {
                insert.setString(1, holder);
                insert.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            // 1062: the row is there; 1213: another node's insert certified first.
            if (e.getErrorCode() == 1062 || e.getErrorCode() == 1213 || e.getErrorCode() == 1205) {
                return false;
            }
            throw new IllegalStateException("Cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    private void unlock(String holder) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM antrean_migration_lock WHERE id = 1 AND holder = ?")) {
            c.setAutoCommit(true);
            delete.setString(1, holder);
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warning("Could not release the migration lock (delete its row by hand): " + e.getMessage());
        }
    }

    private String lockHint() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT holder, taken_at FROM antrean_migration_lock WHERE id = 1")) {
            if (rs.next()) {
                return ". The migration lock is held by " + rs.getString(1) + " since " + rs.getString(2)
                        + " UTC: if that process is gone, DELETE FROM antrean_migration_lock and migrate again";
            }
        } catch (SQLException e) {
            // No lock table: not on Galera, or never migrated there.
        }
        return "";
    }

    private static String holder() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + " pid " + ProcessHandle.current().pid() + " " + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
