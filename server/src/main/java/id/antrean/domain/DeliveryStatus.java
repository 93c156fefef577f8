package id.antrean.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A message's delivery as the provider reports it. Reports arrive late, twice and out of order:
 * only a further state replaces the one kept.
 */
public enum DeliveryStatus {
    SENT(1), DELIVERED(2), READ(3), FAILED(4);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Optional<DeliveryStatus> of(String provider) {
        if (provider == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(provider.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
