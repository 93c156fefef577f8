package id.antrean.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Nearest-rank percentiles: always a measured value. */
class PercentileTest {
    @Test
    void nearestRank() {
        assertThat(Percentile.of(List.of(), 50)).isNull();
        assertThat(Percentile.of(List.of(7.0), 90)).isEqualTo(7.0);
        assertThat(Percentile.of(List.of(30.0, 5.0, 20.0), 50)).isEqualTo(20.0);
        assertThat(Percentile.of(List.of(30.0, 5.0, 20.0), 90)).isEqualTo(30.0);
        assertThat(Percentile.of(List.of(4.0, 10.0), 50)).isEqualTo(4.0);
        List<Double> hundred = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();
        assertThat(Percentile.of(hundred, 90)).isEqualTo(90.0);
        assertThat(Percentile.of(hundred, 50)).isEqualTo(50.0);
    }
}
