package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.storage.OfficeStore;
import id.antrean.storage.TicketStore;

/**
 * The resident's name, asked at the kiosk only where the office wants it (settings kiosk.askName),
 * serves one purpose: staff greet the resident on the ticket's day. After that day it is erased,
 * on a timer, on every node (the update is idempotent).
 */
public final class NameRetention implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NameRetention.class.getName());

    private final TicketStore tickets;
    private final OfficeStore offices;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public NameRetention(TicketStore tickets, OfficeStore offices, Clock clock) {
        this.tickets = tickets;
        this.offices = offices;
        this.clock = clock;
    }

    public void startTimer(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("name-retention").factory());
        timer.scheduleWithFixedDelay(this::forget, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Erases the names of every office's tickets of days before the office's today. */
    void forget() {
        try {
            for (String id : offices.ids()) {
                offices.find(id).ifPresent(office -> {
                    java.time.LocalDate today = clock.instant().atZone(office.zone()).toLocalDate();
                    while (tickets.forgetNamesBefore(office.id(), today) == 1000) {
                        // A large backlog: keep going in bounded steps.
                    }
                });
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next run tries again. No names in this message.
            LOG.log(Level.WARNING, "Forgetting past names failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
