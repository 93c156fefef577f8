package id.antrean.web;

import java.time.Duration;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * A request's headers must arrive whole within a deadline once its request line has (slowloris:
 * headers trickled in a line at a time). The request line itself is bounded by the server's
 * idle-connection timeout, which Helidon enforces only while it waits for one. The deadline is
 * disarmed before any route runs, so it never interrupts our own work.
 */
public final class HeaderDeadline implements Http1ConnectionListener {
    private static final ThreadLocal<ReadDeadline> ARMED = new ThreadLocal<>();

    private final Duration timeout;

    public HeaderDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        ARMED.set(ReadDeadline.arm(timeout));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ReadDeadline armed = ARMED.get();
        if (armed != null) {
            ARMED.remove();
            if (armed.disarm()) {
                throw new CloseConnectionException("Request headers took too long");
            }
        }
    }
}
