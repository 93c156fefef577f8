package id.antrean.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Server-Sent Events subscribers over java.net.http, reading text/event-stream line by line. */
final class BenchSse {
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
        volatile Throwable failure;

        @Override
        public void close() {
            closed.set(true);
            Stream<String> l = lines;
            if (l != null) {
                l.close();
            }
        }
    }

    static Sub open(int port, String path, Listener listener) {
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
        } catch (RuntimeException e) {
            if (!sub.closed.get()) {
                sub.failure = e;
            }
        }
    }
}
