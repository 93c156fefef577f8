package id.antrean.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.Counter;
import id.antrean.domain.CounterOpenPolicy;
import id.antrean.domain.CounterStatus;
import id.antrean.domain.Office;
import id.antrean.domain.PpePolicy;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketState;
import id.antrean.storage.CounterStatusStore;
import id.antrean.storage.TicketStore;

/** The staff side: calling residents to a counter (loket), serving them and closing their tickets. */
public final class CounterDesk {
    public static final int MAX_REASON = 200;

    private final Offices offices;
    private final TicketStore tickets;
    private final WaitingRoom room;
    private final TicketDesk desk;
    private final Clock clock;
    private final CounterStatusStore statuses;

    private java.util.function.BiFunction<Office, String, id.antrean.domain.CounterServes> served;

    /** What each counter serves (document pickup's per-counter setting); unset: every counter serves all. */
    public void served(java.util.function.BiFunction<Office, String, id.antrean.domain.CounterServes> served) {
        this.served = served;
    }

    public CounterDesk(Offices offices, TicketStore tickets, WaitingRoom room, TicketDesk desk, Clock clock,
                       CounterStatusStore statuses) {
        this.statuses = statuses;
        this.offices = offices;
        this.tickets = tickets;
        this.room = room;
        this.desk = desk;
        this.clock = clock;
    }

    /** A ticket a counter called; {@code early}: let in from outside before its slot to be called. */
    public record Call(TicketStatus status, boolean early) {
    }

    /**
     * Calls the next admitted resident to the counter. With nobody in the room, the next resident
     * waiting outside is let in early and called: "Panggil berikutnya" at an idle counter always
     * means the next person in line. Empty when nobody waits at all, inside or out.
     */
    public Optional<Call> callNext(String officeId, String counterId, String actor) {
        Office office = offices.get(officeId);
        Counter counter = counter(office, counterId);
        requireOpen(office, counter);
        Instant now = clock.instant();
        LocalDate today = now.atZone(office.zone()).toLocalDate();
        Optional<Ticket> current = tickets.atCounter(officeId, today, counterId);
        if (current.isPresent()) {
            throw new Rejected(busy(counter, current.get()));
        }
        room.admit(office);
        try {
            return tickets.callNext(officeId, today, counter.id(), counter.name(), actor, now, office.settings().roomCapacity(),
                            served == null ? id.antrean.domain.CounterServes.BOTH : served.apply(office, counter.id()))
                    .map(c -> new Call(desk.status(office, c.ticket()), c.early()));
        } catch (TicketStore.CounterBusy e) {
            Ticket other = tickets.atCounter(officeId, today, counterId).orElseThrow(() -> e);
            throw new Rejected(busy(counter, other));
        }
    }

    /** Refuses to call at a counter staff marked on break or closed. */
    void requireOpen(Office office, Counter counter) {
        CounterStatusStore.Entry entry = statuses.all(office.id()).get(counter.id());
        CounterStatus status = entry == null ? CounterStatus.OPEN : entry.status();
        CounterOpenPolicy.check(counter, status).ifPresent(r -> {
            throw new Rejected(r);
        });
    }

    public TicketStatus recall(long ticketId, String actor) {
        return change(ticketId, TicketState.CALLED, "TICKET_RECALLED", actor, (tx, t) -> {
            TicketStore.recall(tx, t, clock.instant());
            return Map.of("recalls", t.recalls() + 1);
        });
    }

    /** Staff have checked mask and gloves (and maybe temperature): recording starts. */
    public TicketStatus start(long ticketId, Map<String, Boolean> ppe, BigDecimal temperatureC, String actor) {
        PpePolicy.check(ppe, temperatureC).ifPresent(r -> {
            throw new Rejected(r);
        });
        return change(ticketId, TicketState.SERVING, "TICKET_SERVING", actor, (tx, t) -> {
            TicketStore.serve(tx, t, temperatureC, clock.instant());
            Map<String, Object> extra = new HashMap<>();
            extra.put("temperatureMeasured", temperatureC != null);
            return extra;
        });
    }

    public TicketStatus complete(long ticketId, String actor) {
        return finish(ticketId, TicketState.DONE, null, actor);
    }

    /** Not there after being called at least once. */
    public TicketStatus noShow(long ticketId, String actor) {
        return finish(ticketId, TicketState.NO_SHOW, null, actor);
    }

    /** Turned away at the counter, e.g. for missing PPE or symptoms; the reason is kept. */
    public TicketStatus refuse(long ticketId, String reason, String actor) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Alasan penolakan wajib diisi, paling banyak " + MAX_REASON + " karakter.",
                            "A refusal needs a reason of at most " + MAX_REASON + " characters."),
                    Map.of("field", "reason")));
        }
        return finish(ticketId, TicketState.REFUSED, reason.strip(), actor);
    }

    /**
     * Staff cancel a ticket that is still waiting (the resident asked at the desk, or the day's
     * service had to stop); unlike a resident's own cancel it is news to them, so they are told.
     */
    public TicketStatus cancel(long ticketId, String reason, String actor) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Alasan pembatalan wajib diisi, paling banyak " + MAX_REASON + " karakter.",
                            "A cancellation needs a reason of at most " + MAX_REASON + " characters."),
                    Map.of("field", "reason")));
        }
        String why = reason.strip();
        TicketStatus status = change(ticketId, TicketState.CANCELLED, "TICKET_CANCELLED", actor, (tx, t) -> {
            TicketStore.finish(tx, t, TicketState.CANCELLED, why, clock.instant());
            return Map.of("outcome", TicketState.CANCELLED.name(), "reason", why);
        });
        room.admit(offices.get(status.ticket().officeId()));
        return status;
    }

    private TicketStatus finish(long ticketId, TicketState outcome, String reason, String actor) {
        TicketStatus status = change(ticketId, outcome, "TICKET_FINISHED", actor, (tx, t) -> {
            TicketStore.finish(tx, t, outcome, reason, clock.instant());
            Map<String, Object> extra = new HashMap<>();
            extra.put("outcome", outcome.name());
            if (reason != null) {
                extra.put("reason", reason);
            }
            return extra;
        });
        room.admit(offices.get(status.ticket().officeId()));
        return status;
    }

    private TicketStatus change(long ticketId, TicketState target, String event, String actor, TicketStore.Change step) {
        Ticket ticket = tickets.byId(ticketId).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        Ticket after = tickets.transition(ticket.id(), target, event, actor, clock.instant(), step);
        return desk.status(offices.get(after.officeId()), after);
    }

    /** Today's tickets of an office, in queue order, for the staff console. */
    public List<TicketStatus> queue(String officeId) {
        return queue(offices.get(officeId));
    }

    /** The same for an office the caller already holds. */
    public List<TicketStatus> queue(Office office) {
        String officeId = office.id();
        LocalDate today = clock.instant().atZone(office.zone()).toLocalDate();
        List<TicketStatus> queue = new java.util.ArrayList<>();
        int waitingAhead = 0;
        for (Ticket t : tickets.day(officeId, today)) {
            boolean waiting = t.state().isWaiting();
            queue.add(waiting ? desk.waiting(office, t, waitingAhead) : desk.status(office, t));
            if (waiting) {
                waitingAhead++;
            }
        }
        return queue;
    }

    public Ticket ticket(long id) {
        return tickets.byId(id).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
    }

    /** One ticket as staff see it, with its place in the queue. */
    public TicketStatus status(long id) {
        Ticket ticket = ticket(id);
        return desk.status(offices.get(ticket.officeId()), ticket);
    }

    static Counter counter(Office office, String counterId) {
        return office.settings().counter(counterId).orElseThrow(() -> new Rejected(Rejection.of(
                RejectionCode.COUNTER_NOT_FOUND, Text.of("Loket tidak dikenal: " + counterId + ".",
                        "No such counter: " + counterId + "."), Map.of("counter", counterId))));
    }

    static Rejection busy(Counter counter, Ticket current) {
        return Rejection.of(RejectionCode.COUNTER_BUSY,
                Text.of(counter.name() + " masih melayani " + current.number() + ". Selesaikan dulu tiket itu.",
                        counter.name() + " still has " + current.number() + ". Close that ticket first."),
                Map.of("counter", counter.id(), "ticketId", current.id(), "number", current.number(),
                        "state", current.state().name()));
    }
}
