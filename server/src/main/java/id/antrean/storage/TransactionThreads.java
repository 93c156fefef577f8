package id.antrean.storage;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Platform threads that run the transactions. Requests are handled on virtual threads, and a
 * virtual thread whose database answer has arrived waits its turn in the scheduler's queue behind
 * every other request's work. A transaction that holds the day counter's lock would hold it through
 * that wait, and every kiosk of the office queues behind it. On a platform thread the operating
 * system wakes it as soon as the answer is in. One thread per pooled connection: more could only
 * wait for a connection.
 */
final class TransactionThreads implements AutoCloseable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;
    private final ExecutorService threads;
    /** As long as a request may wait for a pooled connection (HikariCP's connection timeout). */
    private final long queueWaitMs;

    TransactionThreads(int size) {
        this(size, 5_000);
    }

    TransactionThreads(int size, long queueWaitMs) {
        this.queueWaitMs = queueWaitMs;
        threads = Executors.newFixedThreadPool(size, Thread.ofPlatform().daemon().name("antrean-tx-", 1).factory());
    }

    <T> T run(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        // QUEUED -> RUNNING when a thread takes it, QUEUED -> ABANDONED when the wait ran out first.
        // (A FutureTask's cancel(false) also succeeds while it runs: it cannot tell the two apart,
        // and a transaction that commits after its request was told "busy" is stored behind an error.)
        AtomicInteger state = new AtomicInteger(QUEUED);
        Future<T> result = threads.submit(() -> {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return null;
            }
            return work.get();
        });
        try {
            try {
                return result.get(queueWaitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (state.compareAndSet(QUEUED, ABANDONED)) {
                    // Never started, and now never will: fails like a request that found no free connection in time.
                    result.cancel(false);
                    throw DatabaseUnavailable.busy("no transaction thread free within " + queueWaitMs + " ms");
                }
                // Running: its outcome, whatever it is, is the request's.
                return result.get();
            }
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a transaction", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
