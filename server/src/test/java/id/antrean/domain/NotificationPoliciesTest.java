package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The small rules behind WhatsApp dispatch: staleness, backoff, stop words, delivery ranks, masking. */
class NotificationPoliciesTest {
    static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void aMessageOvertakenByEventsIsDroppedNotSentLate() {
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.TURN_NEAR, TicketState.ADMITTED, T, T)).isEmpty();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.TURN_NEAR, TicketState.CALLED, T, T)).isPresent();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.ADMITTED, TicketState.CALLED, T, T)).isPresent();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.CALLED, TicketState.CALLED, T, T)).isEmpty();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.CALLED, TicketState.SERVING, T, T)).isPresent();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.REMINDER_HOUR, TicketState.CANCELLED, T, T)).isPresent();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.NO_SHOW, TicketState.NO_SHOW, T, T)).isEmpty();
        assertThat(NoticeRelevancePolicy.staleReason(NoticeKind.NO_SHOW, TicketState.NO_SHOW, T, T.plus(Duration.ofHours(13))))
                .contains("too old");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCapThenGivesUp() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 5);
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(2000L << (attempt - 1), 60_000L);
            for (int i = 0; i < 50; i++) {
                long d = p.delayAfter(attempt, random).toMillis();
                assertThat(d).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(p.exhausted(4)).isFalse();
        assertThat(p.exhausted(5)).isTrue();
    }

    @Test
    void stopWordsInBothLanguages() {
        assertThat(StopWords.isStop("STOP")).isTrue();
        assertThat(StopWords.isStop(" berhenti. ")).isTrue();
        assertThat(StopWords.isStop("Berhenti!")).isTrue();
        assertThat(StopWords.isStop("jangan berhenti")).isFalse();
        assertThat(StopWords.isStop("stopwatch")).isFalse();
        assertThat(StopWords.isStop(null)).isFalse();
    }

    @Test
    void deliveryRanksAndMasks() {
        assertThat(DeliveryStatus.READ.rank()).isGreaterThan(DeliveryStatus.DELIVERED.rank());
        assertThat(DeliveryStatus.DELIVERED.rank()).isGreaterThan(DeliveryStatus.SENT.rank());
        assertThat(DeliveryStatus.of("delivered")).contains(DeliveryStatus.DELIVERED);
        assertThat(DeliveryStatus.of("deleted")).isEmpty();
        assertThat(PhoneMask.mask("+6281234567890")).isEqualTo("••••7890");
    }
}
