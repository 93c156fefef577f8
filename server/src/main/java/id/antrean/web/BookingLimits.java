package id.antrean.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * The booking page's request limits per hour, set by supervisors (booking settings): per client
 * address, per NIK, and wrong check-in codes per address. Like {@link RateLimits}, one
 * resilience4j limiter per key in a bounded cache; a NIK is kept only as a hash, in memory, for
 * an hour. The limit's value is part of the key, so a changed setting applies at once.
 */
public final class BookingLimits {
    private final Cache<String, RateLimiter> limiters;

    public BookingLimits(int maxKeys) {
        this.limiters = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofHours(1)).build();
    }

    /** What is limited, and how it is told to the resident. */
    public enum Kind {
        ADDRESS(Text.of("Terlalu banyak pemesanan dari alamat internet ini.", "Too many bookings from this internet address.")),
        NIK(Text.of("Terlalu banyak permintaan untuk NIK ini.", "Too many requests for this NIK.")),
        WRONG_CODES(Text.of("Terlalu banyak kode yang salah dari perangkat ini.", "Too many wrong codes from this device."));

        final Text text;

        Kind(Text text) {
            this.text = text;
        }
    }

    /** Takes one permit: empty when granted, else the rejection with the seconds to wait. */
    public Optional<Rejection> take(Kind kind, String key, int perHour) {
        RateLimiter limiter = limiter(kind, key, perHour);
        return limiter.acquirePermission() ? Optional.empty() : Optional.of(refusal(kind, limiter));
    }

    /** Whether the key has no permit left now (without taking one): for counting only failures. */
    public Optional<Rejection> exhausted(Kind kind, String key, int perHour) {
        RateLimiter limiter = limiter(kind, key, perHour);
        return limiter.getMetrics().getAvailablePermissions() > 0 ? Optional.empty() : Optional.of(refusal(kind, limiter));
    }

    private RateLimiter limiter(Kind kind, String key, int perHour) {
        String k = kind + " " + perHour + " " + key;
        return limiters.get(k, x -> RateLimiter.of(x, RateLimiterConfig.custom().limitForPeriod(perHour)
                .limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build()));
    }

    private static Rejection refusal(Kind kind, RateLimiter limiter) {
        long nanos = limiter instanceof AtomicRateLimiter a ? a.getDetailedMetrics().getNanosToWait() : 60_000_000_000L;
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        long minutes = Math.max(1, (seconds + 59) / 60);
        return Rejection.of(RejectionCode.BOOKING_LIMITED,
                Text.of(kind.text.id() + " Coba lagi dalam " + minutes + " menit.",
                        kind.text.en() + " Try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + "."),
                Map.of("limit", kind.name(), "retryAfterSeconds", seconds));
    }
}
