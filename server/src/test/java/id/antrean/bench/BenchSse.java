package id.antrean.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Server-Sent Events subscribers reading text/event-stream line by line: by default over a plain
 * socket each (HTTP/1.1, chunked body), with ANTREAN_BENCH_CLIENT=jdk over java.net.http. The
 * socket reader costs the generator far less CPU per event, as the raw HTTP client does for
 * requests (see the "gen" rows), so at 5,000 subscribers the delivery times measure the server
 * rather than the generator's own queue.
 */
final class BenchSse {
    static final boolean RAW = !"jdk".equals(System.getenv("ANTREAN_BENCH_CLIENT"));
    /** One event as received: its name, id and data, and when its blank line arrived. */
    record Event(String name, String id, String data, long receivedNanos) {
    }

    interface Listener {
        void on(Event e);
    }

    private static final HttpClient[] CLIENTS = new HttpClient[8];
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
        for (int i = 0; i < CLIENTS.length; i++) {
            CLIENTS[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
    }

    private BenchSse() {
    }

    /** Status of a plain GET on the stream path (404 while the endpoint does not exist), without reading it. */
    static int probe(int port, String path) {
        Sub s = open(port, path, e -> {
        });
        try {
            return s.status.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        } finally {
            s.close();
        }
    }

    /** A live subscription; {@link #close()} drops the connection. */
    static final class Sub implements AutoCloseable {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final AtomicBoolean snapshot = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile Stream<String> lines;
        volatile Socket socket;
        volatile Throwable failure;
        /** The stream ended or failed while the benchmark still wanted it (an error in the results). */
        volatile boolean lost;

        boolean failed() {
            return lost || failure != null;
        }

        @Override
        public void close() {
            closed.set(true);
            Stream<String> l = lines;
            if (l != null) {
                l.close();
            }
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    static Sub open(int port, String path, Listener listener) {
        return RAW ? openRaw(port, path, listener) : openJdk(port, path, listener);
    }

    private static Sub openRaw(int port, String path, Listener listener) {
        Sub sub = new Sub();
        Thread.ofVirtual().name("sse-socket").start(() -> {
            try (Socket socket = new Socket()) {
                sub.socket = socket;
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                String statusLine = line(in);
                int status = statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
                boolean chunked = false;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    chunked |= h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:") && h.contains("chunked");
                }
                sub.status.complete(status);
                if (status != 200 || sub.closed.get()) {
                    return;
                }
                InputStream body = chunked ? new Chunked(in) : in;
                read(sub, java.util.stream.Stream.iterate(line(body), l -> l != null, l -> lineOrNull(body)), listener);
            } catch (IOException | RuntimeException e) {
                sub.status.complete(-1);
                if (!sub.closed.get()) {
                    sub.failure = e;
                }
            }
        });
        return sub;
    }

    private static String lineOrNull(InputStream in) {
        try {
            return line(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** One line without its CR LF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                buf.write(b);
            }
        }
        if (b == -1 && buf.size() == 0) {
            return null;
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** An HTTP/1.1 chunked body as a plain stream. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size != null && size.isEmpty()) {
                    size = line(in); // the CR LF that ends the previous chunk
                }
                if (size == null) {
                    done = true;
                    return -1;
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                done = true;
                return -1;
            }
            left--;
            return b;
        }
    }

    private static Sub openJdk(int port, String path, Listener listener) {
        Sub sub = new Sub();
        HttpClient client = CLIENTS[Math.floorMod(NEXT.getAndIncrement(), CLIENTS.length)];
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET().build();
        client.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).whenComplete((resp, err) -> {
            if (err != null) {
                sub.failure = err;
                sub.status.complete(-1);
                return;
            }
            sub.lines = resp.body();
            sub.status.complete(resp.statusCode());
            if (resp.statusCode() != 200 || sub.closed.get()) {
                resp.body().close();
                return;
            }
            Thread.ofVirtual().name("sse-reader").start(() -> read(sub, resp.body(), listener));
        });
        return sub;
    }

    private static void read(Sub sub, Stream<String> lines, Listener listener) {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && !sub.closed.get()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        Event e = new Event(name, id, data.toString(), System.nanoTime());
                        if ("snapshot".equals(name)) {
                            sub.snapshot.set(true);
                        }
                        listener.on(e);
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    // heartbeat comment
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
            if (!sub.closed.get()) {
                sub.lost = true;
            }
        } catch (RuntimeException e) {
            if (!sub.closed.get()) {
                sub.failure = e;
            }
        }
    }
}
