package id.antrean.app;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;

/**
 * Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes) in the standard PHC string form,
 * computed on a few threads of their own with a short queue. A hash costs tens of milliseconds of
 * a core: run on the request threads, a flood of logins would take every core from the kiosks.
 * A login takes a place (running or queued, a fixed number) or is refused at once as busy, before
 * it costs a database read. The request thread waits holding nothing; the hashing thread reads the
 * account, gives the connection back, then hashes.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked when the username is unknown, so a wrong name costs as much as a wrong password. */
    private static final String DUMMY = compute("not-a-real-password-just-for-timing");
    private static final long RETRY_AFTER_SECONDS = 1;

    private final ThreadPoolExecutor threads;
    /** Places for hashes running or waiting; a login takes one before it even reads the account. */
    private final Semaphore places;

    private final Duration admissionWait;
    /**
     * Hashes started per second, over all clients: staff log in a few times a day, so a small
     * budget never refuses them, and it caps what a flood of guesses can take from the kiosks
     * (each hash is tens of milliseconds of a core; 4 a second is under a fifth of one core).
     */
    private final RateLimiter budget;

    /**
     * {@code threads} hashing threads, {@code queue} more logins waiting for one; a login that finds
     * every place taken waits up to {@code admissionWait} (parked: no core, no connection) for one.
     * That wait slows a client that sends its next guess as soon as it is answered.
     */
    public PasswordHasher(int threads, int queue, Duration admissionWait) {
        this(threads, queue, admissionWait, 4);
    }

    public PasswordHasher(int threads, int queue, Duration admissionWait, int perSecond) {
        this.admissionWait = admissionWait;
        this.budget = RateLimiter.of("antrean-password-hashing", RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, perSecond))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(admissionWait)
                .build());
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("antrean-hash-", 1).factory());
        // Idle threads end, so a node that is closed (or a test's many nodes) leaves none behind.
        this.threads.allowCoreThreadTimeOut(true);
        this.places = new Semaphore(threads + Math.max(0, queue));
    }

    /** Half the cores, at least one: the other half stays free for the kiosks. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Runs {@code work} (a login's account read and hash check) on a hashing thread, or refuses
     * (429 LOGIN_BUSY) when no place frees up in time. On a platform thread of its own the read
     * returns its connection as soon as the answer is in, even while request threads are scarce;
     * and only as many logins read at a time as there are hashing threads.
     */
    public <T> T submit(Callable<T> work) {
        try {
            if (!places.tryAcquire(admissionWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Rejected(busy());
            }
            if (!budget.acquirePermission()) {
                places.release();
                throw new Rejected(busy());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejected(busy()); // the server is stopping
        }
        try {
            return run(work);
        } finally {
            places.release();
        }
    }

    public String hash(String password) {
        return submit(() -> compute(password));
    }

    /** Whether the password matches the stored hash, on the calling thread; a null hash (no such account) costs the same and is false. */
    static boolean matches(String password, String hash) {
        if (hash == null) {
            Password.check(password, DUMMY).with(ARGON2);
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    private <T> T run(Callable<T> work) {
        Future<T> result = threads.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new Rejected(busy()); // the server is stopping

        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static Rejection busy() {
        return Rejection.of(RejectionCode.LOGIN_BUSY,
                Text.of("Terlalu banyak permintaan masuk saat ini. Coba lagi sebentar lagi.",
                        "Too many logins at the moment. Try again in a moment."),
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }

    private static String compute(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }
}
