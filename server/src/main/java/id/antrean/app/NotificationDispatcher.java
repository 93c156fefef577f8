package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.NoticeParameters;
import id.antrean.domain.NoticeRelevancePolicy;
import id.antrean.domain.Office;
import id.antrean.domain.ProviderAnswer;
import id.antrean.domain.RetryPolicy;
import id.antrean.domain.Ticket;
import id.antrean.storage.OutboxStore;
import id.antrean.storage.TicketStore;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Sends the outbox on every node, no second process. A due row is claimed by a compare-and-set
 * (so nodes never hold locks on each other's rows, which Galera would not honour anyway), paced
 * per recipient across nodes and per number by a rate limiter, sent, and its outcome recorded.
 * A node that dies mid-send leaves a claim that expires: another node sends it again (at least
 * once; such rows count a lost claim, the measure of possible duplicates).
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());

    /** How the dispatcher runs; every value configurable (antrean.whatsapp.dispatch.*). */
    public record Settings(Duration poll, int batch, int concurrency, Duration lease, Duration pairPace,
                           int perSecond, RetryPolicy retry, Duration configPause) {
    }

    private final OutboxStore store;
    private final TicketStore tickets;
    private final Offices offices;
    private final MessageSender sender;
    private final Clock clock;
    private final String node;
    private final Settings settings;
    private final String publicUrl;
    private final RateLimiter limiter;
    private final AtomicInteger currentRate;
    private final AtomicLong sent = new AtomicLong();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile PickupDesk pickups;

    /** Also sends the messages about finished documents (document pickup). */
    public void pickups(PickupDesk pickups) {
        this.pickups = pickups;
    }
    private volatile boolean running;
    private Thread loop;
    private ExecutorService workers;

    public NotificationDispatcher(OutboxStore store, TicketStore tickets, Offices offices, MessageSender sender, Clock clock,
                                  String node, Settings settings, String publicUrl) {
        this.store = store;
        this.tickets = tickets;
        this.offices = offices;
        this.sender = sender;
        this.clock = clock;
        this.node = node;
        this.settings = settings;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.currentRate = new AtomicInteger(settings.perSecond());
        this.limiter = RateLimiter.of("whatsapp-" + node, RateLimiterConfig.custom()
                .limitForPeriod(settings.perSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(30))
                .build());
    }

    public String node() {
        return node;
    }

    /** Messages this node has had accepted by the provider since it started. */
    public long sentCount() {
        return sent.get();
    }

    public void start() {
        running = true;
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("whatsapp-send-", 0).factory());
        loop = Thread.ofVirtual().name("whatsapp-dispatch").start(this::run);
    }

    private void run() {
        while (running) {
            int handled;
            try {
                handled = round();
            } catch (RuntimeException e) {
                // The database may be briefly away; the rows stay due and the next round takes them.
                LOG.log(Level.WARNING, "WhatsApp dispatch round failed: " + e);
                handled = 0;
            }
            if (handled < settings.batch()) {
                try {
                    Thread.sleep(settings.poll());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One pass over the due rows; returns how many were looked at. */
    int round() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return 0;
        }
        List<OutboxStore.Due> due = store.due(now, settings.batch());
        // One worker per row, at most `concurrency` at once. A ticket has at most one row due at a
        // time (the query holds back its later ones), so its messages keep their order.
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(settings.concurrency());
        List<Future<?>> running = new ArrayList<>();
        for (OutboxStore.Due d : due) {
            slots.acquireUninterruptibly();
            running.add(workers.submit(() -> {
                try {
                    dispatch(d);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "WhatsApp message " + d.id() + " not dispatched this round: " + e);
                } finally {
                    slots.release();
                }
            }));
        }
        PickupDesk p = pickups;
        List<id.antrean.storage.PickupStore.Due> pickupDue = p == null ? List.of() : p.due(now, settings.batch());
        for (id.antrean.storage.PickupStore.Due d : pickupDue) {
            slots.acquireUninterruptibly();
            running.add(workers.submit(() -> {
                try {
                    dispatchPickup(p, d);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "WhatsApp message " + d.id() + " not dispatched this round: " + e);
                } finally {
                    slots.release();
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // logged by the task
            }
        }
        return due.size() + pickupDue.size();
    }

    /** A message about a finished document: the same claim, pace, rate and outcome as a ticket's. */
    private void dispatchPickup(PickupDesk p, id.antrean.storage.PickupStore.Due d) {
        Instant now = clock.instant();
        if (d.stopped()) {
            store.finish(d.id(), "DROPPED", "stopped by the resident", now);
            return;
        }
        Optional<String> stale = id.antrean.domain.PickupNoticeParameters.staleReason(d.kind(), d.state(), d.notBefore(), now);
        if (stale.isPresent()) {
            store.finish(d.id(), "DROPPED", stale.get(), now);
            return;
        }
        if (!store.claim(d.id(), node, now.plus(settings.lease()), now)) {
            return;
        }
        if (!store.takePace(d.recipient(), now, now.plus(settings.pairPace()))) {
            store.release(d.id(), node, now.plus(settings.pairPace()), null);
            return;
        }
        if (!limiter.acquirePermission()) {
            store.release(d.id(), node, clock.instant(), null);
            return;
        }
        Optional<List<String>> params = p.parameters(d, publicUrl);
        if (params.isEmpty()) {
            store.finish(d.id(), "DROPPED", "document moved on", clock.instant());
            return;
        }
        ProviderAnswer answer = sender.send(new MessageSender.Outgoing("outbox:" + d.id(), d.recipient(), d.kind(),
                d.language(), params.get()));
        outcome(d.id(), d.attempts(), answer);
    }

    private void dispatch(OutboxStore.Due d) {
        Instant now = clock.instant();
        if (d.stopped()) {
            store.finish(d.id(), "DROPPED", "stopped by the resident", now);
            return;
        }
        Optional<String> stale = NoticeRelevancePolicy.staleReason(d.kind(), d.ticketState(), d.notBefore(), now);
        if (stale.isPresent()) {
            store.finish(d.id(), "DROPPED", stale.get(), now);
            return;
        }
        if (!store.claim(d.id(), node, now.plus(settings.lease()), now)) {
            return; // another node has it (or a Galera certification conflict said so)
        }
        if (!store.takePace(d.recipient(), now, now.plus(settings.pairPace()))) {
            store.release(d.id(), node, now.plus(settings.pairPace()), null);
            return;
        }
        if (!limiter.acquirePermission()) {
            store.release(d.id(), node, clock.instant(), null);
            return;
        }
        // Read again just before sending: the ticket may have moved, or the resident said stop,
        // since the due rows were listed.
        Ticket ticket = tickets.byId(d.ticketId()).orElseThrow();
        Optional<String> overtaken = NoticeRelevancePolicy.staleReason(d.kind(), ticket.state(), d.notBefore(), clock.instant());
        if (overtaken.isEmpty() && store.consentOf(d.ticketId()).map(c -> c.stoppedAt() != null).orElse(true)) {
            overtaken = Optional.of("stopped by the resident");
        }
        if (overtaken.isPresent()) {
            store.finish(d.id(), "DROPPED", overtaken.get(), clock.instant());
            return;
        }
        Office office = offices.get(d.officeId());
        List<String> params = NoticeParameters.of(d.kind(), ticket, office, d.facts(), d.language(),
                publicUrl + "/t/" + ticket.token());
        ProviderAnswer answer = sender.send(new MessageSender.Outgoing("outbox:" + d.id(), d.recipient(), d.kind(),
                d.language(), params));
        outcome(d.id(), d.attempts(), answer);
    }

    /** Records what the provider answered for one claimed row. */
    private void outcome(long id, int previousAttempts, ProviderAnswer answer) {
        OutcomeRow d = new OutcomeRow(id, previousAttempts);
        Instant after = clock.instant();
        switch (answer) {
            case ProviderAnswer.Accepted a -> {
                store.sent(d.id(), a.providerId(), after);
                sent.incrementAndGet();
                speedUp();
                health(true, null);
            }
            case ProviderAnswer.RetryLater r -> {
                int attempts = d.attempts() + 1;
                if (settings.retry().exhausted(attempts)) {
                    store.finish(d.id(), "DEAD", "after " + attempts + " attempts: " + r.reason(), after);
                } else {
                    store.retryAt(d.id(), node, after.plus(settings.retry().delayAfter(attempts, ThreadLocalRandom.current())),
                            r.reason());
                }
                if (r.slowDown()) {
                    slowDown(after);
                }
                health(!r.reason().startsWith("provider unreachable"), r.reason());
            }
            case ProviderAnswer.Failed f -> {
                store.finish(d.id(), "FAILED", f.reason(), after);
                health(true, null);
            }
            case ProviderAnswer.ConfigFault c -> {
                // Not the message's fault: hand it back untouched and stop this node's sending a while.
                store.release(d.id(), node, after.plus(settings.configPause()), c.reason());
                pausedUntil = after.plus(settings.configPause());
                health(false, "configuration fault: " + c.reason());
                LOG.warning("WhatsApp provider refused our credentials or settings: " + c.reason());
            }
        }
    }

    private record OutcomeRow(long id, int attempts) {
    }

    /** The provider said we go too fast: halve this node's rate and pause a second. */
    private void slowDown(Instant now) {
        int halved = Math.max(1, currentRate.get() / 2);
        currentRate.set(halved);
        limiter.changeLimitForPeriod(halved);
        pausedUntil = now.plusSeconds(1);
    }

    /** Each accepted message wins back a step of the configured rate. */
    private void speedUp() {
        int now = currentRate.get();
        if (now < settings.perSecond() && currentRate.compareAndSet(now, now + 1)) {
            limiter.changeLimitForPeriod(now + 1);
        }
    }

    private volatile String lastHealth = "";

    /** Written only when it changes, so a busy node does not write a row per message. */
    private void health(boolean ok, String detail) {
        String key = ok + "|" + (ok ? "" : detail);
        if (key.equals(lastHealth)) {
            return;
        }
        lastHealth = key;
        try {
            store.providerHealth(node, ok, ok ? null : detail, clock.instant());
        } catch (RuntimeException e) {
            lastHealth = "";
        }
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
