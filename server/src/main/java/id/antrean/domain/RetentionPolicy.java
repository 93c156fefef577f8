package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * How long an office keeps residents' personal data (UU 27/2022 on personal data protection: no
 * longer than the purpose needs): days after a ticket ends, and after a collected document. At
 * least one day (a ticket's data is needed at the counter until it ends) and at most a year.
 */
public final class RetentionPolicy {
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;
    /** A kiosk's retry of a ticket request comes within minutes; its stored answer is kept a day. */
    public static final Duration RETRY_WINDOW = Duration.ofDays(1);

    private RetentionPolicy() {
    }

    public static Optional<Rejection> check(int keepDaysAfterTicket, int keepDaysAfterPickup) {
        for (var e : Map.of("keepDaysAfterTicket", keepDaysAfterTicket, "keepDaysAfterPickup", keepDaysAfterPickup).entrySet()) {
            if (e.getValue() < MIN_DAYS || e.getValue() > MAX_DAYS) {
                return Optional.of(Rejection.of(RejectionCode.INVALID_REQUEST,
                        Text.of("Masa simpan data pribadi harus " + MIN_DAYS + "–" + MAX_DAYS + " hari.",
                                "Personal data is kept " + MIN_DAYS + " to " + MAX_DAYS + " days."),
                        Map.of("field", e.getKey())));
            }
        }
        return Optional.empty();
    }

    /** The moment before which data kept {@code days} days is past its time. */
    public static Instant cutoff(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }

    /** The office-local day of a cutoff: a ticket whose whole day lies before it has ended before the cutoff. */
    public static java.time.LocalDate cutoffDay(Instant cutoff, ZoneId zone) {
        return cutoff.atZone(zone).toLocalDate();
    }
}
