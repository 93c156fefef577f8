package id.antrean.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import id.antrean.domain.Text;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers requests that fail before routing (unreadable request line, a stray {@code %}, an over-long
 * URL or header block, a wrong HTTP version, a client that hung up mid-request) with the same JSON
 * error body and headers as every other answer (issue 10, defect 9).
 *
 * <p>Helidon reports a connection that ends mid-request as an internal error and logs it with a
 * stack trace when answered 500. It is the client's doing (slowloris, a kiosk losing its network),
 * so it is answered 400 and counted: one log line per period at most, however many clients do it.
 */
public final class PreRoutingErrors implements DirectHandler {
    private static final Logger LOG = Logger.getLogger(PreRoutingErrors.class.getName());
    private static final long LOG_PERIOD_NANOS = 10_000_000_000L;

    private final AtomicLong unread = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_PERIOD_NANOS);

    public static DirectHandlers handlers() {
        PreRoutingErrors handler = new PreRoutingErrors();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        ApiError error = error(eventType, status);
        count(eventType, error.status());
        headers.set(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.set(HeaderNames.CACHE_CONTROL, "no-store");
        if (error.status().code() == 503) {
            headers.set(HeaderNames.RETRY_AFTER, "1");
        }
        SecurityHeaders.apply(headers);
        return TransportResponse.builder()
                .status(error.status())
                .headers(headers)
                .entity(Json.bytes(error.body()))
                .build();
    }

    static ApiError error(EventType eventType, Status status) {
        int code = status.code();
        if (eventType == EventType.INTERNAL_ERROR || code == 500) {
            // Nothing of ours has run yet: the request's bytes could not be read (or stopped coming).
            return new ApiError(Status.BAD_REQUEST_400, "MALFORMED_REQUEST",
                    Text.of("Permintaan tidak dapat dibaca.", "The request could not be read."), Map.of());
        }
        return switch (code) {
            case 413 -> new ApiError(status, "BODY_TOO_LARGE",
                    Text.of("Data terlalu besar.", "The request body is too large."), Map.of());
            case 414 -> new ApiError(status, "URI_TOO_LONG",
                    Text.of("Alamat terlalu panjang.", "The address (URL) is too long."), Map.of());
            case 431 -> new ApiError(status, "HEADERS_TOO_LARGE",
                    Text.of("Kepala permintaan (header atau cookie) terlalu besar.",
                            "The request headers (or cookies) are too large."), Map.of());
            case 505 -> new ApiError(status, "HTTP_VERSION_NOT_SUPPORTED",
                    Text.of("Versi HTTP tidak didukung; gunakan HTTP/1.1.", "HTTP version not supported; use HTTP/1.1."),
                    Map.of());
            case 503 -> new ApiError(status, "BUSY",
                    Text.of("Server sedang sibuk. Silakan coba lagi.", "The server is busy. Please try again."), Map.of());
            case 403 -> new ApiError(status, "FORBIDDEN",
                    Text.of("Permintaan ini tidak diizinkan.", "This request is not allowed."), Map.of());
            default -> code >= 400 && code < 500
                    ? new ApiError(status, "MALFORMED_REQUEST",
                            Text.of("Permintaan tidak dapat dibaca.", "The request could not be read."), Map.of())
                    : new ApiError(Status.BAD_REQUEST_400, "MALFORMED_REQUEST",
                            Text.of("Permintaan tidak dapat dibaca.", "The request could not be read."), Map.of());
        };
    }

    /** One line per period at most: a flood of broken connections must not become a flood of log. */
    private void count(EventType eventType, Status answered) {
        unread.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_PERIOD_NANOS && lastLog.compareAndSet(last, now)) {
            long total = unread.getAndSet(0);
            LOG.info(() -> total + " request(s) could not be read or were cut off in the last "
                    + (LOG_PERIOD_NANOS / 1_000_000_000L) + " s (latest: " + eventType + ", answered " + answered.code() + ")");
        }
    }
}
