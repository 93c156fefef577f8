package id.antrean.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * One text/event-stream response, written as ready-made frames. A display event goes to every
 * screen of the office: it is framed once ({@link #frame}) and the same bytes are written to each
 * connection, and a client that has several frames waiting gets them in one flush. Helidon's
 * SseSink frames and flushes each event per connection, which at 5,000 screens made the framing
 * itself the server's main work.
 */
final class SseStream {
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);
    private final OutputStream out;

    SseStream(ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        // Tell nginx-style proxies not to buffer the stream.
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        this.out = res.outputStream();
    }

    /** An event as it goes on the wire; every line of the data gets its own "data:" field. */
    static byte[] frame(String name, long id, String data) {
        StringBuilder b = new StringBuilder(data.length() + name.length() + 32);
        b.append("event: ").append(name).append('\n').append("id: ").append(id).append('\n');
        for (String line : data.split("\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Queues a frame in the response buffer; {@link #flush} sends it. */
    void write(byte[] frame) {
        try {
            out.write(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void ping() {
        write(PING);
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // The client has gone; nothing is left to send.
        }
    }
}
