package id.antrean.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow or broken clients (issue 10, defect 8): headers trickled in (slowloris), a stalled body or
 * an idle connection are cut off,
 * connections that hang up mid-request cost a bounded number of log lines and never a stack trace,
 * and the server keeps serving everyone else meanwhile.
 */
@ExtendWith(TestDatabase.class)
class SlowClientsTest {
    private static final String SERVICES = "/api/v1/offices/oki/services";
    private static Antrean node;
    private static final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start(TestDatabase.Db db) {
        node = TestServer.start(db, Clock.systemUTC(), Map.of(
                "server.header-timeout-ms", "1000",
                "server.idle-connection-timeout", "PT2S",
                "server.idle-connection-period", "PT1S"));
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(capture);
        node.close();
    }

    @BeforeEach
    void clearLog() {
        records.clear();
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Log records at INFO or above (what production prints), with any stack trace they carry. */
    private static List<LogRecord> printed() {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
        }
    }

    private static void assertQuietLog(int maxLines) {
        List<LogRecord> lines = printed();
        lines.forEach(r -> System.out.println("LOG " + r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " thrown=" + r.getThrown())));
        assertThat(lines).as("log records").hasSizeLessThanOrEqualTo(maxLines);
        assertThat(lines).as("no stack traces").allMatch(r -> r.getThrown() == null);
    }

    private void assertServesOthers() {
        Api api = new Api(node.port());
        Api.Response r = api.get(SERVICES);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void connectionsCutMidRequestLogBoundedLinesWithoutStackTraces() throws Exception {
        int n = 200;
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = open();
            OutputStream out = s.getOutputStream();
            String partial = i % 3 == 0 ? "GET " + SERVICES + " HTT"
                    : i % 3 == 1 ? "GET " + SERVICES + " HTTP/1.1\r\nHost: x\r\nX-Slow: "
                    : "POST /api/v1/offices/oki/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 500\r\n\r\n{\"nik\":";
            out.write(partial.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sockets.add(s);
        }
        Thread.sleep(300);
        for (int i = 0; i < n; i++) {
            Socket s = sockets.get(i);
            if (i % 2 == 0) {
                s.setSoLinger(true, 0); // reset, as a crashed client or a lost network does
            }
            s.close();
        }
        Thread.sleep(2000);
        assertServesOthers();
        assertQuietLog(3);
    }

    @Test
    void trickledHeadersAreCutOffByTheDeadline() throws Exception {
        int n = 50;
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = open();
            s.getOutputStream().write(("GET " + SERVICES + " HTTP/1.1\r\nHost: x\r\n").getBytes(StandardCharsets.US_ASCII));
            sockets.add(s);
        }
        long started = System.nanoTime();
        int closed = 0;
        // Each client sends one more header line every 200 ms, never the blank line that ends them.
        while (closed < n && System.nanoTime() - started < 8_000_000_000L) {
            closed = 0;
            for (Socket s : sockets) {
                try {
                    s.getOutputStream().write("X-Slow: a\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    if (s.getInputStream().available() > 0) {
                        closed++;
                    }
                } catch (IOException cut) {
                    closed++;
                }
            }
            assertServesOthers();
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("slowloris: " + closed + " of " + n + " connections cut off after " + seconds + " s");
        assertThat(closed).as("connections cut off by the header deadline").isEqualTo(n);
        assertThat(seconds).isLessThan(6);
        for (Socket s : sockets) {
            s.close();
        }
        Thread.sleep(500);
        assertQuietLog(3);
    }

    @Test
    void stalledBodyIsCutOffByTheDeadline() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write(("POST /api/v1/offices/oki/tickets HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"nik\":").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long started = System.nanoTime();
            int r;
            try {
                r = s.getInputStream().read();
            } catch (java.net.SocketException reset) {
                r = -1;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println("stalled body cut off after " + seconds + " s");
            assertThat(r).as("connection closed, nothing answered to a client that stopped sending").isEqualTo(-1);
            assertThat(seconds).isBetween(5.0, 14.0);
        }
        assertServesOthers();
        assertQuietLog(3);
    }

    @Test
    void silentConnectionIsClosedAndCostsNoStackTrace() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write(("GET " + SERVICES + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int r;
            try {
                while ((r = in.read(buf)) >= 0) {
                    got.write(buf, 0, r);
                }
            } catch (java.net.SocketException reset) {
                // closed by the server: as good as EOF here
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String text = got.toString(StandardCharsets.UTF_8);
            System.out.println("idle keep-alive closed after " + seconds + " s, received: " + text.replace("\r\n", " | "));
            assertThat(text).startsWith("HTTP/1.1 200");
            assertThat(seconds).as("idle connection closed").isLessThan(8);
        }
        Thread.sleep(500);
        assertServesOthers();
        assertQuietLog(3);
    }
}
