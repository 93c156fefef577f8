package id.antrean.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The database could not do the work, and that is not the client's fault: no connection within
 * the timeout, the connection lost or stalled, or a transaction aborted by conflicts more often
 * than it is retried. The client may send the same request again a little later.
 * <p>
 * {@link #outcomeUnknown()} says the commit was sent but its answer never came: the transaction
 * may or may not be stored. Only a retry that is recognised as the same request (its
 * Idempotency-Key) can tell the client which.
 */
public final class DatabaseUnavailable extends RuntimeException {
    /** Why, in the operator's words: for logs and health details, never personal data. */
    public enum Reason { NO_CONNECTION, CONNECTION_LOST, CONFLICTS, BUSY }

    private final Reason reason;
    private final boolean outcomeUnknown;

    DatabaseUnavailable(Reason reason, boolean outcomeUnknown, Throwable cause) {
        super(reason + (outcomeUnknown ? " (commit outcome unknown)" : "")
                + (cause == null ? "" : ": " + cause.getMessage()), cause, false, false);
        this.reason = reason;
        this.outcomeUnknown = outcomeUnknown;
    }

    public Reason reason() {
        return reason;
    }

    /** The commit was sent and not answered: the work may be stored. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The same failure, now known to have happened while the commit was on its way. */
    DatabaseUnavailable duringCommit() {
        return outcomeUnknown ? this : new DatabaseUnavailable(reason, true, getCause());
    }

    /**
     * This failure as unavailability, when it is one: a pool timeout, a lost or timed-out
     * connection (SQLState class 08, socket timeouts), or the server shutting down. Anything else
     * (a bad statement, a constraint) is a defect or a rule and stays as it is.
     */
    public static Optional<DatabaseUnavailable> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailable d) {
                return Optional.of(d);
            }
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of(new DatabaseUnavailable(Reason.NO_CONNECTION, false, t));
            }
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTimeoutException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.ConnectException) {
                return Optional.of(new DatabaseUnavailable(Reason.CONNECTION_LOST, false, error));
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                // 08xxx: connection exceptions; 1053 server shutdown; 1927 connection killed;
                // 2002/2006/2013: cannot connect, server gone, lost during query.
                if ((state != null && state.startsWith("08")) || code == 1053 || code == 1927
                        || code == 2002 || code == 2006 || code == 2013) {
                    return Optional.of(new DatabaseUnavailable(Reason.CONNECTION_LOST, false, error));
                }
            }
        }
        return Optional.empty();
    }

    static DatabaseUnavailable conflicts(Throwable last) {
        return new DatabaseUnavailable(Reason.CONFLICTS, false, last);
    }

    static DatabaseUnavailable busy(String why) {
        return new DatabaseUnavailable(Reason.BUSY, false, new IllegalStateException(why));
    }
}
