package id.antrean.storage;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Every connection of this server to one Galera node at a time, for
 * {@code jdbc:mariadb:sequential://h1,h2,h3/db} URLs.
 *
 * Connector/J's sequential mode opens each new connection on the first host that accepts it: after
 * a fail-over, connections replaced later (lifetime, errors) go back to a returning first host
 * while the others still write through the second, and a host that is still joining (not Synced)
 * is picked as soon as it listens. Here a new connection goes to the current writer while it is
 * Synced, else to the first host in the list that is, and when the writer changes every pooled
 * connection is retired (the pool's evict hook), so the pool never spans two writers. A node that
 * comes back does not take the writes back by itself: fail-back is deliberate (restart the
 * servers, or the current writer fails).
 */
final class SingleWriter implements DataSource {
    private static final Logger LOG = Logger.getLogger(SingleWriter.class.getName());
    private static final Pattern SEQUENTIAL = Pattern.compile("jdbc:mariadb:sequential://([^/]+)/([^?]*)(\\?.*)?");

    private final List<String> hosts;
    private final List<String> urls;
    private final String user;
    private final String password;
    private volatile int writer = -1;
    private volatile Runnable onWriterChange = () -> { };

    private SingleWriter(List<String> hosts, List<String> urls, String user, String password) {
        this.hosts = hosts;
        this.urls = urls;
        this.user = user;
        this.password = password;
    }

    /** For a sequential URL with more than one host: the single writer over them; else null. */
    static SingleWriter forUrl(String url, String user, String password, Map<String, String> properties) {
        Matcher m = SEQUENTIAL.matcher(url);
        if (!m.matches() || !m.group(1).contains(",")) {
            return null;
        }
        StringBuilder query = new StringBuilder(m.group(3) == null ? "" : m.group(3));
        properties.forEach((k, v) -> query.append(query.isEmpty() ? '?' : '&').append(k).append('=').append(v));
        if (!query.toString().contains("connectTimeout=")) {
            // A dead machine does not refuse: give up on it soon and try the next host.
            query.append(query.isEmpty() ? '?' : '&').append("connectTimeout=2000");
        }
        List<String> hosts = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (String host : m.group(1).split(",")) {
            hosts.add(host.strip());
            urls.add("jdbc:mariadb://" + host.strip() + "/" + m.group(2) + query);
        }
        return new SingleWriter(List.copyOf(hosts), List.copyOf(urls), user, password);
    }

    /** Called when the writer moves to another host: retire every pooled connection. */
    void onWriterChange(Runnable action) {
        this.onWriterChange = action;
    }

    /** The host new connections go to, or null before the first one. */
    String writer() {
        int w = writer;
        return w < 0 ? null : hosts.get(w);
    }

    @Override
    public Connection getConnection() throws SQLException {
        int current = writer;
        List<String> refused = new ArrayList<>();
        SQLException last = null;
        for (int step = 0; step < hosts.size(); step++) {
            // The current writer first; then the hosts in their listed order.
            int i = current < 0 ? step : (step == 0 ? current : (step <= current ? step - 1 : step));
            Connection c = null;
            try {
                c = DriverManager.getConnection(urls.get(i), user, password);
                String state = notWritable(c);
                if (state == null) {
                    if (i != current) {
                        moveTo(i, current);
                    }
                    return c;
                }
                refused.add(hosts.get(i) + " (" + state + ")");
                c.close();
            } catch (SQLException e) {
                refused.add(hosts.get(i) + " (" + e.getMessage() + ")");
                last = e;
                if (c != null) {
                    closeQuietly(c);
                }
            }
        }
        SQLException none = new SQLException("No Galera node takes writes: " + String.join("; ", refused), "08001", last);
        throw none;
    }

    private synchronized void moveTo(int next, int previous) {
        if (writer == next) {
            return;
        }
        writer = next;
        if (previous < 0) {
            LOG.info("Database writes go through " + hosts.get(next));
            return;
        }
        LOG.warning("Database writer moves from " + hosts.get(previous) + " to " + hosts.get(next)
                + ": retiring every connection to the old one");
        onWriterChange.run();
    }

    /** Null when the node takes writes: plain MariaDB, or a Galera node that is Synced and ready. */
    private static String notWritable(Connection c) throws SQLException {
        String on = null;
        String state = null;
        String ready = null;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES"
                     + " WHERE VARIABLE_NAME = 'WSREP_ON' UNION ALL SELECT VARIABLE_NAME, VARIABLE_VALUE"
                     + " FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE', 'WSREP_READY')")) {
            while (rs.next()) {
                switch (rs.getString(1).toUpperCase(java.util.Locale.ROOT)) {
                    case "WSREP_ON" -> on = rs.getString(2);
                    case "WSREP_LOCAL_STATE" -> state = rs.getString(2);
                    case "WSREP_READY" -> ready = rs.getString(2);
                    default -> { }
                }
            }
        }
        if (!"ON".equalsIgnoreCase(on)) {
            return null;
        }
        if ("4".equals(state) && "ON".equalsIgnoreCase(ready)) {
            return null;
        }
        return "wsrep_local_state " + state + ", wsrep_ready " + ready;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Already unusable.
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The account is configured once, in db.connection");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Not used: the pool logs.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // connectTimeout in the URL applies per host.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
