package id.antrean.app;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
 * The caller waits without holding anything (no connection, no transaction); when the queue is
 * full the login is refused at once as busy.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked when the username is unknown, so a wrong name costs as much as a wrong password. */
    private static final String DUMMY = compute("not-a-real-password-just-for-timing");
    private static final long RETRY_AFTER_SECONDS = 1;

    private final ThreadPoolExecutor threads;

    public PasswordHasher(int threads, int queue) {
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                Thread.ofPlatform().daemon().name("antrean-hash-", 1).factory(), new ThreadPoolExecutor.AbortPolicy());
        // Idle threads end, so a node that is closed (or a test's many nodes) leaves none behind.
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Half the cores, at least one: the other half stays free for the kiosks. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public String hash(String password) {
        return run(() -> compute(password));
    }

    /** Whether the password matches the stored hash; a null hash (no such account) costs the same and is false. */
    public boolean matches(String password, String hash) {
        return run(() -> {
            if (hash == null) {
                Password.check(password, DUMMY).with(ARGON2);
                return false;
            }
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        });
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = threads.submit(work);
        } catch (RejectedExecutionException e) {
            throw new Rejected(busy());
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
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
