package id.antrean.domain;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The login rules on their own: the slowdown, the lock of a pair, and passwords that name their account. */
class LoginPoliciesTest {
    private final LoginThrottlePolicy policy = new LoginThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMillis(250), Duration.ofSeconds(4));

    @Test
    void eachFailureWaitsLongerUpToTheCap() {
        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(9)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(200)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theFifthFailureLocksUntilTheLockRunsOut() {
        assertThat(policy.locks(4)).isFalse();
        assertThat(policy.locks(5)).isTrue();
        Instant now = Instant.parse("2026-12-01T02:00:00Z");
        Instant until = now.plus(Duration.ofMinutes(15));
        Rejection r = policy.check(until, now).orElseThrow();
        assertThat(r.code()).isEqualTo(RejectionCode.LOGIN_LOCKED);
        assertThat(r.details()).containsEntry("retryAfterSeconds", 901L).containsEntry("lockedUntil", until.toString());
        assertThat(policy.check(until, until)).isEmpty();
    }

    @Test
    void aPasswordMayNotContainItsUsernameInAnyCase() {
        assertThat(PasswordPolicy.check("Admin-Kantor-1", "admin")).map(Rejection::code).contains(RejectionCode.PASSWORD_CONTAINS_USERNAME);
        assertThat(PasswordPolicy.check("xx-OPERATOR1-xx", "operator1")).map(Rejection::code).contains(RejectionCode.PASSWORD_CONTAINS_USERNAME);
        assertThat(PasswordPolicy.check("short", "admin")).map(Rejection::code).contains(RejectionCode.INVALID_PASSWORD);
        assertThat(PasswordPolicy.check("loket-satu-2026", "budi")).isEmpty();
    }
}
