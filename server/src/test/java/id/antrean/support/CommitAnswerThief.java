package id.antrean.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the server and MariaDB that, when armed, lets the next {@code COMMIT} through
 * and throws MariaDB's answer to it away, as a network that fails at exactly the wrong moment would:
 * the transaction is stored, and the server never hears so.
 */
public final class CommitAnswerThief implements AutoCloseable {
    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger stolen = new AtomicInteger();
    /** Answers to let through after the COMMIT goes by before silence falls; 0: not armed. */
    private final AtomicInteger armedAfter = new AtomicInteger();
    /** Every answer on every connection open now is thrown away, until {@link #release()}. */
    private volatile boolean silenced;

    public CommitAnswerThief(String host, int targetPort) throws IOException {
        this.host = host;
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The given JDBC URL with its host and port replaced by this proxy's. */
    public String route(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
    }

    /** The answer to the next COMMIT on any connection is swallowed (and that connection stays mute). */
    public void arm() {
        armed.set(true);
    }

    /**
     * The next COMMIT and the given number of answers on its connection go through (the COMMIT's,
     * and e.g. the pool's reset of auto-commit when the connection is returned); from then on
     * MariaDB's answers on every open connection are thrown away: the database fell silent right
     * after the commit.
     */
    public void silenceAfterNextCommit(int answers) {
        armedAfter.set(answers);
    }

    /** New connections work again (the silenced ones stay broken, as they would be). */
    public void release() {
        silenced = false;
    }

    /** How many COMMIT answers were swallowed. */
    public int stolen() {
        return stolen.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, target);
                open.add(client);
                open.add(upstream);
                AtomicBoolean mute = new AtomicBoolean(silenced);
                AtomicInteger lastAnswer = new AtomicInteger();
                Thread.ofVirtual().start(() -> pipe(client, upstream, mute, lastAnswer, true));
                Thread.ofVirtual().start(() -> pipe(upstream, client, mute, lastAnswer, false));
            } catch (IOException e) {
                // closed, or one connection failed; keep accepting while open
            }
        }
    }

    private void pipe(Socket from, Socket to, AtomicBoolean mute, AtomicInteger lastAnswer, boolean towardsDatabase) {
        boolean bornSilent = mute.get();
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (towardsDatabase && !mute.get() && contains(buffer, n, COMMIT)) {
                    if (armed.compareAndSet(true, false)) {
                        mute.set(true);
                        stolen.incrementAndGet();
                    } else {
                        int answers = armedAfter.getAndSet(0);
                        if (answers > 0) {
                            lastAnswer.set(answers);
                        }
                    }
                }
                if (!towardsDatabase && (mute.get() || (silenced && !bornSilent))) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
                if (!towardsDatabase && lastAnswer.get() > 0 && lastAnswer.decrementAndGet() == 0) {
                    silenced = true;
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static boolean contains(byte[] data, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            close(s);
        }
    }
}
