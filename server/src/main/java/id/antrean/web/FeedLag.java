package id.antrean.web;

import java.util.List;

import id.antrean.app.EventFeed;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

/**
 * How far this node's display feed is behind, published as gauges under /observe/metrics
 * ({@code antrean_feed_lag_ids}: newest event id seen minus the feed's cursor, i.e. ids still
 * watched for a late commit; {@code antrean_feed_lag_seconds}: time since the last poll that
 * succeeded) and in the health details. DOWN when the feed has not read the database for
 * {@link #STALE_SECONDS}: this node's displays are then frozen.
 */
public final class FeedLag implements HealthCheck, AutoCloseable {
    static final double STALE_SECONDS = 10;
    private final EventFeed feed;
    private final List<Meter> meters;

    public FeedLag(EventFeed feed) {
        this.feed = feed;
        MeterRegistry registry = Metrics.globalRegistry();
        this.meters = List.of(
                registry.getOrCreate(Gauge.builder("antrean_feed_lag_ids", feed, f -> f.lag().ids())
                        .description("Newest event id seen minus the feed's cursor")),
                registry.getOrCreate(Gauge.builder("antrean_feed_lag_seconds", feed, f -> f.lag().seconds())
                        .description("Seconds since the display feed last read the database")),
                registry.getOrCreate(Gauge.builder("antrean_feed_watched_holes", feed, f -> f.lag().watchedHoles())
                        .description("Missing event ids below the newest one, watched for a late commit")));
    }

    @Override
    public String name() {
        return "feed";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        EventFeed.Lag lag = feed.lag();
        return HealthCheckResponse.builder()
                .status(lag.seconds() < STALE_SECONDS)
                .detail("newestId", lag.newestId())
                .detail("cursor", lag.cursor())
                .detail("lagIds", lag.ids())
                .detail("lagSeconds", Math.round(lag.seconds() * 1000) / 1000.0)
                .detail("watchedHoles", lag.watchedHoles())
                .build();
    }

    /** Takes the gauges away with the node (tests run several nodes in one JVM). */
    @Override
    public void close() {
        MeterRegistry registry = Metrics.globalRegistry();
        meters.forEach(registry::remove);
    }
}
