package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private ScheduledExecutorService timer;

    public WaitingRoom(TicketStore tickets, OfficeStore offices, Clock clock) {
        this.tickets = tickets;
        this.offices = offices;
        this.clock = clock;
    }

    public List<Ticket> admit(Office office) {
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
