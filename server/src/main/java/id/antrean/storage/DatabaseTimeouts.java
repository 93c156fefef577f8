package id.antrean.storage;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import io.helidon.config.Config;
import io.helidon.dbclient.DbClientException;

/**
 * How long the server waits for MariaDB before it answers "busy, try again" (503) instead of
 * letting requests pile up. Connecting and borrowing a pooled connection are bounded by
 * {@code connection.ms}; a statement of a request by {@code socket.ms} of silence from the server
 * (a stalled or unreachable MariaDB). The socket bound is set only on the connections that serve
 * requests: migrations and the few plain JDBC users may run longer.
 */
record DatabaseTimeouts(long connectionMs, int socketMs) {
    static DatabaseTimeouts of(Config timeouts) {
        long connection = Math.max(250, timeouts.get("connection.ms").asLong().orElse(1_000L));
        int socket = Math.max(0, timeouts.get("socket.ms").asInt().orElse(2_000));
        return new DatabaseTimeouts(connection, socket);
    }

    void applyTo(HikariConfig hikari) {
        hikari.setConnectionTimeout(connectionMs);
        // A borrowed connection that has been idle is checked first; that check must fit in the wait.
        hikari.setValidationTimeout(Math.max(250, connectionMs / 2));
        // A new connection's TCP connect and handshake (a stalled server still accepts the connect).
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(connectionMs));
    }

    /** A pooled connection about to serve a request: bounded by the socket timeout until it goes back. */
    Connection serving(Connection connection) {
        if (socketMs > 0) {
            try {
                // The pool puts the connection's own value back when it is returned.
                connection.setNetworkTimeout(Runnable::run, socketMs);
            } catch (SQLException e) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw new DbClientException("Cannot bound the connection's socket timeout: " + e.getMessage(), e);
            }
        }
        return connection;
    }
}
