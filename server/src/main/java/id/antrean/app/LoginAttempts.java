package id.antrean.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.antrean.domain.LoginThrottlePolicy;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;

/**
 * The recent failed logins of each (client address, user name) pair, in memory. Bounded, and a
 * pair is forgotten once its lock has run out. Each node of a cluster counts its own.
 */
final class LoginAttempts {
    private static final int MAX_NAME = 64;

    private final LoginThrottlePolicy policy;
    private final Cache<Pair, State> pairs;

    LoginAttempts(LoginThrottlePolicy policy, int maxPairs) {
        this.policy = policy;
        this.pairs = Caffeine.newBuilder()
                .maximumSize(maxPairs)
                .expireAfterAccess(policy.lockFor().plusMinutes(1))
                .build();
    }

    private record Pair(String client, String name) {
    }

    /** Failures in a row (counting attempts in flight) and the end of the lock, if any. */
    private record State(int failures, Instant lockedUntil) {
    }

    /** One login attempt, counted as a failure from the start so parallel guesses cannot outrun the lock. */
    final class Attempt {
        private final Pair pair;
        private final int failures;
        private boolean open = true;

        private Attempt(Pair pair, int failures) {
            this.pair = pair;
            this.failures = failures;
        }

        void succeeded() {
            open = false;
            pairs.invalidate(pair);
        }

        /** Not counted after all (the server was too busy to check it). */
        void cancelled() {
            if (open) {
                open = false;
                pairs.asMap().computeIfPresent(pair, (p, s) -> s.failures() <= 1 ? null
                        : new State(s.failures() - 1, s.failures() - 1 >= policy.maxFailures() ? s.lockedUntil() : null));
            }
        }

        /** The failure stays counted: whether it locked the pair, and how long its answer waits. */
        boolean locked() {
            open = false;
            return policy.locks(failures);
        }

        Duration delay() {
            return policy.delay(failures);
        }
    }

    /** Starts an attempt, or refuses it while the pair is locked. */
    Attempt begin(String client, String username, Instant now) {
        Pair pair = new Pair(client, normalise(username));
        Rejection[] refused = new Rejection[1];
        State state = pairs.asMap().compute(pair, (p, s) -> {
            if (s != null && s.lockedUntil() != null) {
                refused[0] = policy.check(s.lockedUntil(), now).orElse(null);
                if (refused[0] != null) {
                    return s;
                }
                s = null; // the lock ran out: a fresh start
            }
            int failures = (s == null ? 0 : s.failures()) + 1;
            return new State(failures, policy.locks(failures) ? now.plus(policy.lockFor()) : null);
        });
        if (refused[0] != null) {
            throw new Rejected(refused[0]);
        }
        return new Attempt(pair, state.failures());
    }

    LoginThrottlePolicy policy() {
        return policy;
    }

    /** When the pair's lock ends, for the answer to the failure that set it. */
    Instant lockedUntil(Attempt attempt) {
        State s = pairs.getIfPresent(attempt.pair);
        return s == null || s.lockedUntil() == null ? Instant.EPOCH : s.lockedUntil();
    }

    private static String normalise(String username) {
        String n = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }
}
