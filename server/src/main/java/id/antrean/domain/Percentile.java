package id.antrean.domain;

import java.util.List;

/** Nearest-rank percentiles: always one of the measured values, so a report never shows an invented time. */
public final class Percentile {
    private Percentile() {
    }

    /** The p-th percentile (0 < p ≤ 100) of the values, or null when there are none. */
    public static Double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
