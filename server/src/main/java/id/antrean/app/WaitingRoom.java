package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.Office;
import id.antrean.domain.Ticket;
import id.antrean.storage.OfficeStore;
import id.antrean.storage.TicketStore;

/**
 * Lets residents in from outside (physical distancing) whenever the room has space and their slot
 * has started. Runs after every change that can free space or add a waiting ticket, and on a timer
 * for slots that simply begin; any node may run it, the room lock keeps them from overfilling.
 */
public final class WaitingRoom implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WaitingRoom.class.getName());

    private final TicketStore tickets;
    private final OfficeStore offices;
    private final Clock clock;
    private final ConcurrentHashMap<String, Rounds> rounds = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    /**
     * Admission rounds of one office on this node. Every caller needs a round that starts after its
     * own change committed; one round serves all callers that were waiting when it started, so N
     * concurrent kiosks cause about two admission transactions instead of N queued on the room lock.
     */
    private static final class Rounds {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong requested = new AtomicLong();
        long completed;
    }

    public WaitingRoom(TicketStore tickets, OfficeStore offices, Clock clock) {
        this.tickets = tickets;
        this.offices = offices;
        this.clock = clock;
    }

    /**
     * Admits whoever may come in now. Returns the tickets this call's own round admitted (empty when
     * a round that started after this call, run for another caller, did the work).
     */
    public List<Ticket> admit(Office office) {
        Rounds r = rounds.computeIfAbsent(office.id(), id -> new Rounds());
        long want = r.requested.incrementAndGet();
        r.lock.lock();
        try {
            if (r.completed >= want) {
                return List.of();
            }
            long covers = r.requested.get();
            List<Ticket> admitted = admitNow(office);
            r.completed = covers;
            return admitted;
        } finally {
            r.lock.unlock();
        }
    }

    private List<Ticket> admitNow(Office office) {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(office.zone());
        return tickets.admit(office.id(), local.toLocalDate(), local.getHour() * 60 + local.getMinute(),
                office.settings().roomCapacity(), now);
    }

    /** Starts the periodic check for all offices. */
    public void startTimer(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("waiting-room").factory());
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            for (String id : offices.ids()) {
                offices.find(id).ifPresent(this::admit);
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next tick tries again.
            LOG.log(Level.WARNING, "Admission check failed: " + e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
