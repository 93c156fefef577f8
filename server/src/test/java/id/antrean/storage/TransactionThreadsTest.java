package id.antrean.storage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions leave the request's virtual thread for a platform thread, and fail as they would have. */
class TransactionThreadsTest {

    @Test
    void workFromAVirtualThreadRunsOnAPlatformThreadAndItsFailureComesBackAsIs() throws Exception {
        try (TransactionThreads threads = new TransactionThreads(2)) {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                ranOn.set(threads.run(Thread::currentThread));
                try {
                    threads.run(() -> {
                        throw new TicketStore.NoCapacity();
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            }).join();
            assertThat(ranOn.get().isVirtual()).isFalse();
            assertThat(ranOn.get().getName()).startsWith("antrean-tx-");
            assertThat(failure.get()).isInstanceOf(TicketStore.NoCapacity.class);
        }
    }

    @Test
    void workOnAPlatformThreadRunsWhereItIs() {
        try (TransactionThreads threads = new TransactionThreads(1)) {
            assertThat(threads.run(Thread::currentThread)).isSameAs(Thread.currentThread());
            assertThatThrownBy(() -> threads.run(() -> {
                throw new IllegalArgumentException("as is");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("as is");
        }
    }

    /** Issue 10, defect 5: a transaction still running when the wait runs out was answered "busy" and then committed. */
    @Test
    void workThatOutlastsTheQueueWaitIsWaitedForAndWorkThatNeverStartedNeverRuns() throws Exception {
        try (TransactionThreads threads = new TransactionThreads(1, 200)) {
            AtomicReference<Object> slow = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean queuedRan = new java.util.concurrent.atomic.AtomicBoolean();
            AtomicReference<Throwable> queued = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread first = Thread.ofVirtual().start(() -> slow.set(threads.run(() -> {
                started.countDown();
                sleep(800);
                return "committed";
            })));
            started.await();
            Thread second = Thread.ofVirtual().start(() -> {
                try {
                    threads.run(() -> {
                        queuedRan.set(true);
                        return "late";
                    });
                } catch (Throwable t) {
                    queued.set(t);
                }
            });
            first.join();
            second.join();
            sleep(200);
            assertThat(slow.get()).as("the running transaction's own outcome").isEqualTo("committed");
            assertThat(queued.get()).isInstanceOf(DatabaseUnavailable.class);
            assertThat(queuedRan).as("abandoned work never runs").isFalse();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNestedTransactionDoesNotWaitForAThreadOfItsOwn() throws Exception {
        try (TransactionThreads threads = new TransactionThreads(1)) {
            CountDownLatch done = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                threads.run(() -> threads.run(() -> "inner"));
                done.countDown();
            });
            assertThat(done.await(3, java.util.concurrent.TimeUnit.SECONDS)).as("no self-deadlock").isTrue();
        }
    }
}
