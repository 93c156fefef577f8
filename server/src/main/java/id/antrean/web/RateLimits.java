package id.antrean.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.antrean.domain.Rejection;
import id.antrean.domain.Text;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;

/**
 * Named per-client request limits ({@code antrean.rate-limit.<name>.per-minute}): one
 * resilience4j limiter per client address and limit, kept in a bounded cache that forgets clients
 * quiet for two minutes. IPv6 clients count per /64, the block one subscriber usually holds.
 * Beyond the limit: 429 with Retry-After and the JSON error body.
 */
public final class RateLimits {
    /** The limits the server knows, with their defaults per client and minute. */
    public static final Map<String, Integer> DEFAULTS = Map.of(
            "login", 20,     // a person types a password a few times a minute at most
            "kiosk", 120,    // a kiosk at the door is one address serving the whole office
            "ticket", 300,   // ticket pages, read and cancelled by token
            "pickup", 60,    // pickup codes typed at a kiosk, and pickup links
            "pickup-miss", 10, // pickup codes that matched nothing: what a guesser spends
            "survey", 20);   // the satisfaction answer: one per ticket, a few tries by a hand

    private final ClientAddress clients;
    private final Map<String, RateLimiterConfig> configs;
    private final Cache<String, RateLimiter> limiters;
    private final Duration refusalDelay;

    /**
     * {@code refusalDelay}: how long a refusal waits before it is sent (parked, holding nothing), so
     * a client that asks again as soon as it is answered costs the server a few requests a second.
     */
    public RateLimits(ClientAddress clients, Map<String, Integer> perMinute, int maxClients, Duration refusalDelay) {
        this.clients = clients;
        this.refusalDelay = refusalDelay;
        Map<String, RateLimiterConfig> c = new HashMap<>();
        perMinute.forEach((name, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("antrean.rate-limit." + name + ".per-minute must be at least 1");
            }
            c.put(name, RateLimiterConfig.custom()
                    .limitForPeriod(limit)
                    .limitRefreshPeriod(Duration.ofMinutes(1))
                    .timeoutDuration(Duration.ZERO)
                    .build());
        });
        this.configs = Map.copyOf(c);
        this.limiters = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofMinutes(2))
                .build();
    }

    /** From the {@code antrean.rate-limit} node: each known limit's {@code per-minute}, and {@code clients}. */
    public static RateLimits fromConfig(Config node, ClientAddress clients) {
        Map<String, Integer> perMinute = new HashMap<>();
        DEFAULTS.forEach((name, def) -> perMinute.put(name, node.get(name).get("per-minute").asInt().orElse(def)));
        return new RateLimits(clients, perMinute, node.get("clients").asInt().orElse(100_000),
                Duration.ofMillis(node.get("refusal-delay-ms").asInt().orElse(500)));
    }

    public ClientAddress clients() {
        return clients;
    }

    /** A route handler: lets the request through to the next handler, or answers 429. */
    public Handler handler(String name) {
        if (!configs.containsKey(name)) {
            throw new IllegalArgumentException("no rate limit named " + name);
        }
        return (req, res) -> {
            Optional<Long> wait = acquire(name, clients.of(req));
            if (wait.isEmpty()) {
                res.next();
            } else {
                pause(refusalDelay);
                tooMany(res, "RATE_LIMITED", Text.of("Terlalu banyak permintaan dari alamat ini. Coba lagi dalam "
                                + wait.get() + " detik.", "Too many requests from this address. Try again in " + wait.get() + " seconds."),
                        Map.of("limit", name, "retryAfterSeconds", wait.get()), wait.get());
            }
        };
    }

    /** Takes one permit of the named limit for the client: empty when granted, else the seconds to wait. */
    public Optional<Long> acquire(String name, String client) {
        RateLimiter limiter = limiters.get(name + " " + key(client), k -> RateLimiter.of(k, configs.get(name)));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 1_000_000_000L;
        return Optional.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /**
     * Whether the client has used up the named limit, without taking a permit: empty when it may go
     * on, else the seconds to wait.
     */
    public Optional<Long> peekBlocked(String name, String client) {
        RateLimiter limiter = limiters.getIfPresent(name + " " + key(client));
        if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 1_000_000_000L;
        return nanos <= 0 ? Optional.empty() : Optional.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /** The answer to a request refused for now: Retry-After and the JSON error body, sent here (error handlers drop headers). */
    public static void tooMany(ServerResponse res, Rejection rejection) {
        Object seconds = rejection.details().get("retryAfterSeconds");
        ApiError error = ApiError.of(rejection);
        res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds instanceof Number n ? Math.max(1, n.longValue()) : 1));
        Json.send(res, Status.TOO_MANY_REQUESTS_429, error.body());
    }

    private static void tooMany(ServerResponse res, String code, Text text, Map<String, Object> details, long seconds) {
        res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds));
        Json.send(res, Status.TOO_MANY_REQUESTS_429, new ApiError(Status.TOO_MANY_REQUESTS_429, code, text, details).body());
    }

    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** IPv6 addresses by their /64 prefix: one subscriber holds many addresses but one block. */
    static String key(String client) {
        Optional<InetAddress> address = ClientAddress.literal(client);
        if (address.isPresent() && address.get() instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return s.append(":/64").toString();
        }
        return client;
    }
}
