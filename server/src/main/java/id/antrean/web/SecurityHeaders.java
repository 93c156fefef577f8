package id.antrean.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The headers every answer carries, pages and API alike (issue 10, defect 7).
 * <ul>
 * <li>Content-Security-Policy: only our own files run or style the pages; no inline script or style,
 * so injected markup can do nothing. {@code frame-ancestors 'none'} holds for the display too: a
 * waiting-room screen opens its URL directly (a signage player is a browser), and a framable display
 * could be overlaid by another site.</li>
 * <li>X-Content-Type-Options: nosniff, so an answer is never run as another type than it says.</li>
 * <li>Referrer-Policy: no-referrer, because the ticket page's URL carries the ticket's bearer token.</li>
 * </ul>
 */
public final class SecurityHeaders implements Filter {
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "media-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName REFERRER = HeaderNames.create("Referrer-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");

    /** Sets the headers on an answer that is about to be sent. */
    public static void apply(ServerResponseHeaders headers) {
        headers.set(CSP, CONTENT_SECURITY_POLICY);
        headers.set(NOSNIFF, "nosniff");
        headers.set(REFERRER, "no-referrer");
        // For browsers older than frame-ancestors.
        headers.set(FRAME_OPTIONS, "DENY");
    }

    /** The policy of one answer that inlines its own hashed style and script (the booking page). */
    private static final HeaderName OWN_POLICY = HeaderNames.create("X-Antrean-Own-CSP");

    /** Gives this answer its own policy; an error handler's reset puts the common one back. */
    public static void ownPolicy(io.helidon.webserver.http.ServerResponse res, String policy) {
        res.header(OWN_POLICY, policy);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        // Before sending, not now: an error handler resets the response's headers.
        res.beforeSend(() -> {
            var own = res.headers().first(OWN_POLICY);
            apply(res.headers());
            if (own.isPresent()) {
                res.headers().remove(OWN_POLICY);
                res.headers().set(CSP, own.get());
            }
        });
        chain.proceed();
    }
}
