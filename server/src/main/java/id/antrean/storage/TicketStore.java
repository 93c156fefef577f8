package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import id.antrean.domain.Channel;
import id.antrean.domain.PriorityGroup;
import id.antrean.domain.Rejected;
import id.antrean.domain.Slot;
import id.antrean.domain.SlotPlan;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketNumber;
import id.antrean.domain.TicketState;
import id.antrean.domain.TransitionPolicy;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbResultDml;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

/**
 * Tickets and the counts that limit them. Quotas, slot capacities and numbering are enforced here,
 * inside transactions, so they hold with any number of kiosks and server nodes on one database.
 */
public final class TicketStore {
    private final Database db;
    private final EventStore events;
    /** Days whose capacity rows this node has already seen created; rows are never deleted. */
    private final Set<String> preparedDays = ConcurrentHashMap.newKeySet();

    public TicketStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    /** A ticket about to be issued, before it has a number and a slot. */
    public record NewTicket(String token, String officeId, String service, String prefix, LocalDate day,
                            PriorityGroup priorityGroup, String urgencyReason, String urgencyNote, byte[] nikHash,
                            String nikLast4, boolean regionWarning, String name, String phone, Channel channel,
                            Instant now, id.antrean.domain.NotificationConsent consent) {
        /** A ticket whose resident did not say yes to WhatsApp messages. */
        public NewTicket(String token, String officeId, String service, String prefix, LocalDate day,
                         PriorityGroup priorityGroup, String urgencyReason, String urgencyNote, byte[] nikHash,
                         String nikLast4, boolean regionWarning, String name, String phone, Channel channel, Instant now) {
            this(token, officeId, service, prefix, day, priorityGroup, urgencyReason, urgencyNote, nikHash, nikLast4,
                    regionWarning, name, phone, channel, now, null);
        }
    }

    /**
     * The limits in force for one request: the day's quota and the day's slots with their capacity,
     * from the settings at {@code revision}.
     */
    public record Capacity(int quota, int slotCapacity, SlotPlan plan, int fromMinute, long revision, int phoneQuota,
                           Integer exactSlot) {
        /** The kiosk's limits: the earliest slot with room, the whole quota. */
        public Capacity(int quota, int slotCapacity, SlotPlan plan, int fromMinute, long revision) {
            this(quota, slotCapacity, plan, fromMinute, revision, -1, null);
        }
    }

    /** A client's Idempotency-Key claimed by this request. */
    public record IdempotencyClaim(String key, byte[] requestHash) {
    }

    /** The nik-hash of an active ticket exists already: the caller turns it into ALREADY_HAS_TICKET. */
    public static final class NikTaken extends RuntimeException {
        NikTaken() {
            super("active ticket for NIK exists", null, false, false);
        }
    }

    /** No slot with room is left, or the day's quota is used up. */
    public static final class NoCapacity extends RuntimeException {
        NoCapacity() {
            super("no capacity", null, false, false);
        }
    }

    /**
     * The day's slots were counted for newer settings than the request's: the caller reads the
     * office again and retries with them.
     */
    public static final class StaleSettings extends RuntimeException {
        StaleSettings() {
            super("settings changed", null, false, false);
        }
    }

    /** The day's slot rows were counted for other settings than the request's. */
    private static final class Misaligned extends RuntimeException {
        Misaligned() {
            super("day counted for other settings", null, false, false);
        }
    }

    /** Another request with the same Idempotency-Key committed first. */
    public static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency key taken", null, false, false);
        }
    }

    /**
     * Issues a ticket: the earliest slot with room that has not ended, the next number of the day,
     * and an ISSUED event, all or nothing. Locks are taken private rows first; the slot and the day
     * counter, which every kiosk of the office needs, come last, so they are held only from there
     * through the commit.
     *
     * @throws NoCapacity when no slot or no quota is left
     * @throws NikTaken when this NIK already has an active ticket that day
     * @throws KeyTaken when the idempotency key was used by a request that committed first
     */
    public Ticket issue(NewTicket t, Capacity c, IdempotencyClaim claim) {
        prepareDay(t.officeId(), t.service(), t.day(), c);
        try {
            return issueAligned(t, c, claim);
        } catch (NoCapacity e) {
            // The rows this node remembers may have been removed since (e.g. by data retention).
            if (prepareDay(t.officeId(), t.service(), t.day(), c, true)) {
                return issueAligned(t, c, claim);
            }
            throw e;
        }
    }

    /**
     * Issues against slot rows counted for the request's settings; when they were counted for older
     * settings, counts the day again for these first.
     *
     * @throws StaleSettings when the day was counted for newer settings than the request's
     */
    private Ticket issueAligned(NewTicket t, Capacity c, IdempotencyClaim claim) {
        try {
            return issueOnce(t, c, claim);
        } catch (Misaligned e) {
            align(t.officeId(), t.service(), t.day(), c);
        }
        try {
            return issueOnce(t, c, claim);
        } catch (Misaligned e) {
            // Settings changed again in between: the caller starts over with the newest.
            throw new StaleSettings();
        }
    }

    /**
     * Counts the persons already booked for the day into the slots of the request's layout, each
     * person against every slot their booked time overlaps, and marks the day as counted for the
     * request's settings revision. The day counter's row lock fences issuing: a ticket still being
     * issued under the older settings fails its counter step afterwards and is retried, so no
     * booking escapes the count. The count is a plain read at READ COMMITTED, taken after the lock:
     * it sees every ticket committed through that lock and locks no ticket rows.
     */
    void align(String officeId, String service, LocalDate day, Capacity c) {
        db.inTransaction(tx -> {
            Optional<DbRow> counter = tx.namedGet("day-counter-lock", officeId, service, Rows.sqlDate(day));
            if (counter.isEmpty()) {
                return null;
            }
            Integer rev = Rows.integer(counter.get(), "settings_rev");
            if (rev != null && rev == c.revision()) {
                return null;
            }
            if (rev != null && rev > c.revision()) {
                throw new StaleSettings();
            }
            List<BookedWindow> booked = booked(tx, officeId, service, day);
            for (Slot s : c.plan().slots()) {
                tx.namedInsert("slot-set", officeId, service, Rows.sqlDate(day), c.plan().layout(), s.startMinute(),
                        s.endMinute(), personsIn(booked, s));
            }
            tx.namedUpdate("day-counter-align", c.revision(), c.plan().layout(), officeId, service, Rows.sqlDate(day));
            return null;
        });
    }

    /** Persons booked into one time window of the day, whatever layout they were booked under. */
    private record BookedWindow(int start, int end, int persons) {
    }

    private static List<BookedWindow> booked(DbExecute exec, String officeId, String service, LocalDate day) {
        return exec.namedQuery("slot-windows-booked", officeId, Rows.sqlDate(day), service)
                .map(r -> new BookedWindow(Rows.integer(r, "slot_start_min"), Rows.integer(r, "slot_end_min"),
                        (int) Rows.lng(r, "n")))
                .toList();
    }

    private static int personsIn(List<BookedWindow> booked, Slot slot) {
        return booked.stream().filter(w -> w.start() < slot.endMinute() && w.end() > slot.startMinute())
                .mapToInt(BookedWindow::persons).sum();
    }

    private Ticket issueOnce(NewTicket t, Capacity c, IdempotencyClaim claim) {
        return db.inTransaction(tx -> {
            if (claim != null) {
                try {
                    tx.namedInsert("idem-insert", t.officeId(), claim.key(), claim.requestHash(), 201,
                            "{\"ticketId\":0}", Rows.ts(t.now()));
                } catch (RuntimeException e) {
                    if (DuplicateKey.on(e, "PRIMARY")) {
                        throw new KeyTaken();
                    }
                    throw e;
                }
            }
            long id;
            try {
                id = tx.createNamedInsert("ticket-insert")
                        .params(t.token(), t.officeId(), t.service(), t.prefix(), Rows.sqlDate(t.day()),
                                t.priorityGroup() == null ? null : t.priorityGroup().name(),
                                PriorityGroup.rank(t.priorityGroup()), t.urgencyReason(), t.urgencyNote(), t.nikHash(),
                                t.nikLast4(), t.nikHash(), t.regionWarning(), t.name(), t.phone(), t.channel().name(),
                                Rows.ts(t.now()))
                        .returnGeneratedKeys()
                        .insert()
                        .generatedKeys()
                        .findFirst()
                        .map(r -> ((Number) r.column(1).get()).longValue())
                        .orElseThrow();
            } catch (RuntimeException e) {
                if (DuplicateKey.on(e, "uq_ticket_active_nik")) {
                    throw new NikTaken();
                }
                throw e;
            }
            if (t.channel() == Channel.MOBILE) {
                // Booked from home: no waiting-room place until its resident checks in at the door.
                BookingStore.markBooked(tx, id);
            }
            if (t.consent() != null && t.phone() != null) {
                // Before the ISSUED event: its outbox row is written only for a ticket with consent.
                OutboxStore.consent(tx, id, t.officeId(), t.phone(), t.consent(), t.now());
            }
            if (claim != null) {
                // The ticket id is all the stored answer needs: written before the hot rows are locked.
                tx.namedUpdate("idem-complete", 201, "{\"ticketId\":" + id + "}", t.officeId(), claim.key());
            }
            List<Slot> open = c.plan().notEndedAt(c.fromMinute());
            if (open.isEmpty()) {
                throw new NoCapacity();
            }
            // A slot the resident chose (booking from home) or the earliest with room (the kiosk).
            DbResultDml slot = tx.createNamedUpdate(c.exactSlot() != null ? "slot-take-exact" : "slot-take")
                    .params(t.officeId(), t.service(), Rows.sqlDate(t.day()), c.plan().layout(),
                            c.exactSlot() != null ? c.exactSlot() : open.getFirst().startMinute(), c.fromMinute(),
                            c.slotCapacity())
                    .returnGeneratedKeys()
                    .insert();
            if (slot.result() == 0) {
                throw noCapacityOrMisaligned(tx, t, c);
            }
            int start = slot.generatedKeys().findFirst()
                    .map(r -> ((Number) r.column(1).get()).intValue())
                    .orElseThrow(() -> new IllegalStateException("slot-take returned no slot"));
            int end = c.plan().slots().stream().filter(s -> s.startMinute() == start).findFirst()
                    .map(Slot::endMinute)
                    .orElseThrow(() -> new IllegalStateException("slot " + start + " is not in layout " + c.plan().layout()));
            // The hot row: the new number comes back in the OK packet (LAST_INSERT_ID(expr)), no extra read.
            DbResultDml taken = (c.phoneQuota() >= 0
                    ? tx.createNamedUpdate("counter-take-phone").params(t.officeId(), t.service(), Rows.sqlDate(t.day()),
                            c.quota(), c.revision(), c.phoneQuota())
                    : tx.createNamedUpdate("counter-take").params(t.officeId(), t.service(), Rows.sqlDate(t.day()),
                            c.quota(), c.revision()))
                    .returnGeneratedKeys()
                    .insert();
            if (taken.result() == 0) {
                throw noCapacityOrMisaligned(tx, t, c);
            }
            int number = taken.generatedKeys().findFirst()
                    .map(r -> ((Number) r.column(1).get()).intValue())
                    .orElseThrow(() -> new IllegalStateException("counter-take returned no number"));
            tx.namedUpdate("ticket-set-number", number, start, end, c.plan().layout(), id);
            String formatted = TicketNumber.format(t.prefix(), number);
            events.append(tx, t.officeId(), "TICKET_ISSUED", id, null, Map.of(
                    "number", formatted, "service", t.service(), "day", t.day().toString(),
                    "slot", Map.of("start", Slot.hhmm(start), "end", Slot.hhmm(end)),
                    "priority", t.priorityGroup() != null, "channel", t.channel().name()), t.now());
            // Everything in the row is known here: no read-back (it was a SELECT * per ticket).
            return new Ticket(id, t.token(), t.officeId(), t.service(), t.day(), formatted, new Slot(start, end),
                    TicketState.BOOKED, t.priorityGroup(), t.urgencyReason(), t.urgencyNote(), t.nikLast4(),
                    t.regionWarning(), t.name(), t.phone(), t.channel(), null, 0, null, null,
                    t.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null, null, null, null);
        });
    }

    /** Why nothing was taken: the day is full, or it was counted for other settings than these. */
    private static RuntimeException noCapacityOrMisaligned(DbExecute tx, NewTicket t, Capacity c) {
        Optional<DbRow> counter = tx.namedGet("day-counter-get", t.officeId(), t.service(), Rows.sqlDate(t.day()));
        if (counter.isPresent()) {
            Integer rev = Rows.integer(counter.get(), "settings_rev");
            if (rev == null || rev != c.revision()) {
                return new Misaligned();
            }
        }
        return new NoCapacity();
    }

    /**
     * Creates the day's counter and slot rows once, outside the issuing transaction: an
     * INSERT IGNORE inside it would share-lock the hot row and then deadlock on the upgrade. A new
     * day is counted for the creating request's settings; its slot rows start empty, as nobody is
     * booked yet (rows of another layout are counted by {@link #align} before they are used).
     */
    void prepareDay(String officeId, String service, LocalDate day, Capacity c) {
        prepareDay(officeId, service, day, c, false);
    }

    /** Creates the day's rows if they are missing, whatever this node remembers; true when any was created. */
    boolean prepareDayAgain(String officeId, String service, LocalDate day, Capacity c) {
        return prepareDay(officeId, service, day, c, true);
    }

    /** Returns whether any row had to be created. */
    private boolean prepareDay(String officeId, String service, LocalDate day, Capacity c, boolean recheck) {
        SlotPlan plan = c.plan();
        String key = officeId + "|" + service + "|" + day + "|" + plan.layout();
        if (!recheck && preparedDays.contains(key)) {
            return false;
        }
        boolean created = db.read(exec -> {
            boolean any = false;
            if (exec.namedGet("day-counter-get", officeId, service, Rows.sqlDate(day)).isEmpty()) {
                any = exec.namedInsert("day-counter-create", officeId, service, Rows.sqlDate(day), c.revision(),
                        plan.layout()) > 0;
            }
            long existing = exec.namedGet("slot-count", officeId, service, Rows.sqlDate(day), plan.layout())
                    .map(r -> Rows.lng(r, "n")).orElse(0L);
            if (existing < plan.slots().size()) {
                for (Slot s : plan.slots()) {
                    any |= exec.namedInsert("slot-create", officeId, service, Rows.sqlDate(day), plan.layout(),
                            s.startMinute(), s.endMinute()) > 0;
                }
            }
            return any;
        });
        preparedDays.add(key);
        return created;
    }

    /** Tickets issued and the first free slot of a day, without locking: for hints, not for rules. */
    public record DayAvailability(int issued, Integer firstFreeSlot) {
    }

    public DayAvailability availability(String officeId, String service, LocalDate day, SlotPlan plan,
                                        int fromMinute, int slotCapacity) {
        return db.read(exec -> {
            Optional<DbRow> counter = exec.namedGet("day-counter-get", officeId, service, Rows.sqlDate(day));
            if (counter.isEmpty()) {
                Integer first = plan.notEndedAt(fromMinute).stream().map(Slot::startMinute).findFirst().orElse(null);
                return new DayAvailability(0, slotCapacity > 0 ? first : null);
            }
            Integer layout = Rows.integer(counter.get(), "layout");
            Integer first;
            if (layout == null || layout != plan.layout()) {
                // Not yet counted for this layout: count the booked persons against its slots here.
                List<BookedWindow> booked = booked(exec, officeId, service, day);
                first = plan.notEndedAt(fromMinute).stream().filter(s -> personsIn(booked, s) < slotCapacity)
                        .map(Slot::startMinute).findFirst().orElse(null);
            } else {
                first = exec.namedGet("slot-first-free", officeId, service, Rows.sqlDate(day), plan.layout(), fromMinute,
                        slotCapacity).map(r -> Rows.integer(r, "start_min")).orElse(null);
            }
            return new DayAvailability(Rows.integer(counter.get(), "issued"), first);
        });
    }

    /** Phone bookings of a day so far (the phone share of the quota). */
    public int phoneIssued(String officeId, String service, LocalDate day) {
        return db.read(exec -> exec.namedGet("day-counter-phone", officeId, service, Rows.sqlDate(day))
                .map(r -> Rows.intOr(r, "phone_issued", 0)).orElse(0));
    }

    public Optional<Ticket> byToken(String token) {
        return db.read(exec -> exec.namedGet("ticket-by-token", token).map(TicketStore::ticket));
    }

    public Optional<Ticket> byId(long id) {
        return db.read(exec -> byId(exec, id));
    }

    private static Optional<Ticket> byId(DbExecute exec, long id) {
        return exec.namedGet("ticket-by-id", id).map(TicketStore::ticket);
    }

    /** The ticket of this number on this day, only if it was issued to this NIK (its keyed hash). */
    public Optional<Ticket> byNumberForNik(String officeId, LocalDate day, String prefix, int number, byte[] nikHash) {
        return db.read(exec -> exec.namedGet("ticket-by-number-for-nik", officeId, Rows.sqlDate(day), prefix, number, nikHash)
                .map(TicketStore::ticket));
    }

    public Optional<Ticket> activeForNik(String officeId, LocalDate day, byte[] nikHash) {
        return db.read(exec -> exec.namedGet("ticket-active-for-nik", officeId, Rows.sqlDate(day), nikHash)
                .map(TicketStore::ticket));
    }

    /** A day's tickets in queue order: priority groups first, then slot, then number. */
    public List<Ticket> day(String officeId, LocalDate day) {
        return db.read(exec -> exec.namedQuery("ticket-day", officeId, Rows.sqlDate(day)).map(TicketStore::ticket).toList());
    }

    /** Forgets the names of tickets of days before {@code day} (at most 1000 a call); how many were forgotten. */
    public int forgetNamesBefore(String officeId, LocalDate day) {
        return (int) (long) db.read(exec -> exec.namedUpdate("ticket-forget-names", officeId, Rows.sqlDate(day)));
    }

    /** Waiting tickets (outside or in the room, not yet called) ahead of this one in queue order. */
    public int peopleAhead(Ticket t) {
        return db.read(exec -> countedFromTheFront(exec, t))
                .map(r -> (int) Rows.lng(r, "ahead")).orElse(0);
    }

    private static Optional<DbRow> countedFromTheFront(DbExecute exec, Ticket t) {
        int rank = PriorityGroup.rank(t.priorityGroup());
        int start = t.slot().startMinute();
        return exec.namedGet("ticket-with-ahead", t.officeId(), Rows.sqlDate(t.day()), rank, rank, start, start,
                TicketNumber.sequence(t.number()), t.id());
    }

    /** A ticket as stored now, with the waiting tickets ahead of it at that same moment. */
    public record Standing(Ticket ticket, int peopleAhead) {
    }

    /**
     * Re-reads a ticket this node has just issued, with its people ahead, in one query. A ticket of
     * the last rank is counted from behind (the day's waiting count minus the few issued after
     * it), so the cost does not grow with the queue; a priority ticket is counted from the front,
     * where only other priority tickets stand. Only the state is read back: a ticket still
     * waiting can only have been let into the room since; one already called is read in full.
     */
    public Optional<Standing> justIssued(Ticket t) {
        int rank = PriorityGroup.rank(t.priorityGroup());
        int number = TicketNumber.sequence(t.number());
        int start = t.slot().startMinute();
        java.sql.Date day = Rows.sqlDate(t.day());
        Optional<DbRow> row = db.read(exec -> rank == PriorityGroup.rank(null)
                ? exec.namedGet("ticket-newest-with-ahead", t.officeId(), day, t.officeId(), day, rank, rank, start, start,
                        number, t.id())
                : countedFromTheFront(exec, t));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        TicketState state = TicketState.valueOf(Rows.str(row.get(), "state"));
        if (!state.isWaiting()) {
            return byId(t.id()).map(now -> new Standing(now, 0));
        }
        return Optional.of(new Standing(t.waitingAs(state, Rows.instant(row.get(), "admitted_at")),
                Math.max(0, (int) Rows.lng(row.get(), "ahead"))));
    }

    public Optional<Ticket> atCounter(String officeId, LocalDate day, String counterId) {
        return db.read(exec -> exec.namedGet("ticket-at-counter", officeId, Rows.sqlDate(day), counterId)
                .map(TicketStore::ticket));
    }

    /** Tickets at a counter now (called or being served), for the display. */
    public List<Ticket> atCounters(DbExecute exec, String officeId, LocalDate day) {
        return exec.namedQuery("ticket-at-counters", officeId, Rows.sqlDate(day)).map(TicketStore::ticket).toList();
    }

    /** Tickets let into the waiting room and not yet called, in queue order. */
    public List<Ticket> admitted(DbExecute exec, String officeId, LocalDate day) {
        return exec.namedQuery("ticket-admitted", officeId, Rows.sqlDate(day)).map(TicketStore::ticket).toList();
    }

    public RoomCounts roomCountsIn(DbExecute exec, String officeId, LocalDate day, int minute) {
        return roomCounts(exec, officeId, day, minute);
    }

    public int issued(DbExecute exec, String officeId, String service, LocalDate day) {
        return exec.namedGet("day-counter-get", officeId, service, Rows.sqlDate(day))
                .map(r -> Rows.intOr(r, "issued", 0)).orElse(0);
    }

    /** A ticket a counter called, and whether it was let in from outside early to be called. */
    public record Called(Ticket ticket, boolean early) {
    }

    /**
     * Calls the next resident in the waiting room. When nobody is in the room and it has space, the
     * next resident waiting outside (whatever their slot) is let in early and called in the same
     * transaction: an idle counter fills itself. Empty when nobody waits at all.
     */
    public Optional<Called> callNext(String officeId, LocalDate day, String counterId, String counterName, String actor,
                                     Instant now, int roomCapacity) {
        return callNext(officeId, day, counterId, counterName, actor, now, roomCapacity, id.antrean.domain.CounterServes.BOTH);
    }

    /** The same, from only the tickets the counter serves: recording, document pickup, or both. */
    public Optional<Called> callNext(String officeId, LocalDate day, String counterId, String counterName, String actor,
                                     Instant now, int roomCapacity, id.antrean.domain.CounterServes serves) {
        String inRoom = switch (serves) {
            case BOTH -> "ticket-call-pick";
            case RECORDING -> "ticket-call-pick-recording";
            case PICKUP -> "ticket-call-pick-pickup";
        };
        String outside = switch (serves) {
            case BOTH -> "ticket-call-pick-outside";
            case RECORDING -> "ticket-call-pick-outside-recording";
            case PICKUP -> "ticket-call-pick-outside-pickup";
        };
        return db.inTransaction(tx -> {
            Optional<Long> pick = tx.namedGet(inRoom, officeId, Rows.sqlDate(day)).map(r -> Rows.lng(r, "id"));
            boolean early = false;
            if (pick.isEmpty()) {
                // The room lock, as admissions take it: nobody is let in meanwhile, so the room is not overfilled
                // and an admitted resident is never passed over for one from outside.
                tx.namedGet("room-lock", officeId).orElseThrow();
                pick = tx.namedGet(inRoom, officeId, Rows.sqlDate(day)).map(r -> Rows.lng(r, "id"));
                if (pick.isEmpty() && present(tx, officeId, day) < roomCapacity) {
                    pick = tx.namedGet(outside, officeId, Rows.sqlDate(day)).map(r -> Rows.lng(r, "id"));
                    early = pick.isPresent();
                }
            }
            if (pick.isEmpty()) {
                return Optional.<Called>empty();
            }
            long id = pick.get();
            if (early) {
                admitEarly(tx, officeId, id, actor, now);
            }
            return Optional.of(new Called(call(tx, officeId, id, counterId, counterName, actor, now, early, false), early));
        });
    }

    /**
     * Calls one number staff chose, checked by {@link id.antrean.domain.CallPolicy} under the room lock
     * and the ticket's row lock: of two counters calling the same number, the second finds it called.
     *
     * @throws Rejected when the number cannot be called now (already called, room full, finished)
     */
    public Optional<Called> callNumber(String officeId, LocalDate day, String prefix, int number, String counterId,
                                       String counterName, Map<String, String> counterNames, String actor, Instant now,
                                       int roomCapacity) {
        return db.inTransaction(tx -> {
            tx.namedGet("room-lock", officeId).orElseThrow();
            Optional<Ticket> found = tx.namedGet("ticket-lock-by-number", officeId, Rows.sqlDate(day), prefix, number)
                    .map(TicketStore::ticket);
            if (found.isEmpty()) {
                return Optional.<Called>empty();
            }
            Ticket t = found.get();
            id.antrean.domain.CallPolicy.check(t, present(tx, officeId, day), roomCapacity,
                    t.counterId() == null ? null : counterNames.getOrDefault(t.counterId(), "Loket " + t.counterId()))
                    .ifPresent(r -> {
                        throw new Rejected(r);
                    });
            boolean early = t.state() == TicketState.BOOKED;
            if (early) {
                admitEarly(tx, officeId, t.id(), actor, now);
            }
            return Optional.of(new Called(call(tx, officeId, t.id(), counterId, counterName, actor, now, early, true), early));
        });
    }

    private void admitEarly(DbTransaction tx, String officeId, long id, String actor, Instant now) {
        tx.namedUpdate("ticket-admit", Rows.ts(now), id);
        Ticket t = byId(tx, id).orElseThrow();
        events.append(tx, officeId, "TICKET_ADMITTED", id, actor, Map.of("number", t.number(), "early", true), now);
    }

    private Ticket call(DbTransaction tx, String officeId, long id, String counterId, String counterName, String actor,
                        Instant now, boolean early, boolean chosen) {
        try {
            tx.namedUpdate("ticket-call", counterId, counterId, Rows.ts(now), id);
        } catch (RuntimeException e) {
            if (DuplicateKey.on(e, "uq_ticket_active_counter")) {
                throw new CounterBusy();
            }
            throw e;
        }
        Ticket t = byId(tx, id).orElseThrow();
        tx.namedUpdate("counter-called", officeId, t.service(), Rows.sqlDate(t.day()));
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("number", t.number());
        payload.put("counter", Map.of("id", counterId, "name", counterName));
        if (early) {
            payload.put("early", true);
        }
        if (chosen) {
            payload.put("chosen", true);
        }
        events.append(tx, officeId, "TICKET_CALLED", id, actor, payload, now);
        return t;
    }

    /**
     * Hands a ticket at a counter to another counter, where it is called again.
     *
     * @throws CounterBusy when the target counter has a resident already
     */
    public Ticket transfer(long id, String actor, Instant now, java.util.function.Function<Ticket, Optional<id.antrean.domain.Rejection>> policy,
                           String counterId, String counterName, String fromName) {
        return db.inTransaction(tx -> {
            Ticket locked = tx.namedGet("ticket-lock", id).map(TicketStore::ticket)
                    .orElseThrow(() -> new IllegalStateException("ticket vanished: " + id));
            policy.apply(locked).ifPresent(r -> {
                throw new Rejected(r);
            });
            try {
                tx.namedUpdate("ticket-transfer", counterId, counterId, Rows.ts(now), id);
            } catch (RuntimeException e) {
                if (DuplicateKey.on(e, "uq_ticket_active_counter")) {
                    throw new CounterBusy();
                }
                throw e;
            }
            Ticket after = byId(tx, id).orElseThrow();
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("number", after.number());
            payload.put("state", after.state().name());
            payload.put("counterId", counterId);
            payload.put("counter", Map.of("id", counterId, "name", counterName));
            payload.put("from", Map.of("id", locked.counterId(), "name", fromName, "state", locked.state().name()));
            events.append(tx, after.officeId(), "TICKET_TRANSFERRED", id, actor, payload, now);
            return after;
        });
    }

    /** The resident already has another active ticket that day: the caller says which. */
    public static final class NikActiveElsewhere extends RuntimeException {
        NikActiveElsewhere() {
            super("another active ticket for the NIK", null, false, false);
        }
    }

    /**
     * Puts a no-show back in the queue, waiting outside at its own place (its slot and quota place
     * were never given back); the waiting room lets it in as usual.
     *
     * @throws NikActiveElsewhere when the resident took another ticket meanwhile
     */
    public Ticket requeue(long id, String actor, Instant now, java.util.function.Function<Ticket, Optional<id.antrean.domain.Rejection>> policy) {
        return db.inTransaction(tx -> {
            Ticket locked = tx.namedGet("ticket-lock", id).map(TicketStore::ticket)
                    .orElseThrow(() -> new IllegalStateException("ticket vanished: " + id));
            policy.apply(locked).ifPresent(r -> {
                throw new Rejected(r);
            });
            try {
                tx.namedUpdate("ticket-requeue", id);
            } catch (RuntimeException e) {
                if (DuplicateKey.on(e, "uq_ticket_active_nik")) {
                    throw new NikActiveElsewhere();
                }
                throw e;
            }
            tx.namedUpdate("counter-requeued", locked.officeId(), locked.service(), Rows.sqlDate(locked.day()));
            Ticket after = byId(tx, id).orElseThrow();
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("number", after.number());
            payload.put("state", after.state().name());
            payload.put("from", locked.state().name());
            if (locked.counterId() != null) {
                payload.put("counterId", locked.counterId());
            }
            events.append(tx, after.officeId(), "TICKET_REQUEUED", id, actor, payload, now);
            return after;
        });
    }

    /** The counter already has a resident called or being served. */
    public static final class CounterBusy extends RuntimeException {
        CounterBusy() {
            super("counter busy", null, false, false);
        }
    }

    /** A staff or resident action on one ticket, checked against the lifecycle under the row lock. */
    public interface Change {
        /** Applies the change inside the transaction; returns the event payload additions. */
        Map<String, Object> apply(DbTransaction tx, Ticket locked);
    }

    /**
     * Moves a ticket to {@code target} if its lifecycle allows it, writing the event {@code eventType}.
     *
     * @throws Rejected with INVALID_STATE when the move is not allowed from the ticket's state now
     */
    public Ticket transition(long id, TicketState target, String eventType, String actor, Instant now, Change change) {
        return db.inTransaction(tx -> {
            Ticket locked = tx.namedGet("ticket-lock", id).map(TicketStore::ticket)
                    .orElseThrow(() -> new IllegalStateException("ticket vanished: " + id));
            TransitionPolicy.check(locked.state(), target).ifPresent(r -> {
                throw new Rejected(r);
            });
            Map<String, Object> extra = change.apply(tx, locked);
            Ticket after = byId(tx, id).orElseThrow();
            Map<String, Object> payload = new java.util.HashMap<>(extra);
            payload.put("number", after.number());
            payload.put("state", after.state().name());
            if (after.counterId() != null) {
                payload.put("counterId", after.counterId());
            }
            events.append(tx, after.officeId(), eventType, id, actor, payload, now);
            return after;
        });
    }

    // The steps of transitions, used by the application layer inside transition(...).

    public static void recall(DbTransaction tx, Ticket t, Instant now) {
        tx.namedUpdate("ticket-recall", Rows.ts(now), t.id());
    }

    public static void serve(DbTransaction tx, Ticket t, java.math.BigDecimal temperatureC, Instant now) {
        tx.namedUpdate("ticket-serve", Rows.ts(now), temperatureC, t.id());
    }

    /** Ends a ticket; a cancelled one gives its slot and quota place back. */
    public static void finish(DbTransaction tx, Ticket t, TicketState outcome, String refuseReason, Instant now) {
        tx.namedUpdate("ticket-finish", outcome.name(), Rows.ts(now), refuseReason, t.id());
        if (outcome == TicketState.CANCELLED) {
            tx.namedUpdate("slot-release", t.id());
            tx.namedUpdate("counter-release", t.officeId(), t.service(), Rows.sqlDate(t.day()));
            if (t.channel() == Channel.MOBILE) {
                tx.namedUpdate("counter-release-phone", t.officeId(), t.service(), Rows.sqlDate(t.day()));
            }
        }
    }

    /** Who is inside the waiting room, how many wait outside, and whether one of them is due in. */
    public record RoomCounts(int present, int outside, boolean anyoneDue) {
    }

    public RoomCounts roomCounts(String officeId, LocalDate day, int minute) {
        return db.read(exec -> roomCounts(exec, officeId, day, minute));
    }

    private static RoomCounts roomCounts(DbExecute exec, String officeId, LocalDate day, int minute) {
        return new RoomCounts(present(exec, officeId, day),
                exec.namedGet("room-outside", officeId, Rows.sqlDate(day)).map(r -> (int) Rows.lng(r, "n")).orElse(0),
                anyoneDue(exec, officeId, day, minute));
    }

    private static int present(DbExecute exec, String officeId, LocalDate day) {
        return exec.namedGet("room-present", officeId, Rows.sqlDate(day)).map(r -> (int) Rows.lng(r, "n")).orElse(0);
    }

    private static boolean anyoneDue(DbExecute exec, String officeId, LocalDate day, int minute) {
        return exec.namedGet("room-anyone-due", officeId, Rows.sqlDate(day), minute).isPresent();
    }

    /**
     * Admits waiting tickets whose slot has started while the room has space. The room row is locked,
     * so two nodes admitting at once never overfill it. Returns the tickets admitted.
     */
    public List<Ticket> admit(String officeId, LocalDate day, int minute, int roomCapacity, Instant now) {
        // A lock-free look first: most calls find the room full or nobody due, and stop here.
        boolean worthLocking = db.read(exec -> present(exec, officeId, day) < roomCapacity
                && anyoneDue(exec, officeId, day, minute));
        if (!worthLocking) {
            return List.of();
        }
        return db.inTransaction(tx -> {
            tx.namedGet("room-lock", officeId).orElseThrow();
            int free = roomCapacity - present(tx, officeId, day);
            if (free <= 0) {
                return List.<Ticket>of();
            }
            List<Long> ids = tx.namedQuery("room-candidates", officeId, Rows.sqlDate(day), minute, free)
                    .map(r -> Rows.lng(r, "id")).toList();
            List<Ticket> admitted = new java.util.ArrayList<>();
            for (long id : ids) {
                tx.namedUpdate("ticket-admit", Rows.ts(now), id);
                Ticket t = byId(tx, id).orElseThrow();
                events.append(tx, officeId, "TICKET_ADMITTED", id, null, Map.of("number", t.number()), now);
                admitted.add(t);
            }
            return admitted;
        });
    }

    static Ticket ticket(DbRow r) {
        Integer number = Rows.integer(r, "number");
        Integer start = Rows.integer(r, "slot_start_min");
        Integer end = Rows.integer(r, "slot_end_min");
        String group = Rows.str(r, "priority_group");
        String prefix = Rows.str(r, "ticket_prefix");
        return new Ticket(
                Rows.lng(r, "id"),
                Rows.str(r, "token"),
                Rows.str(r, "office_id"),
                Rows.str(r, "service"),
                Rows.date(r, "day"),
                number == null ? null : TicketNumber.format(prefix, number),
                start == null ? null : new Slot(start, end),
                TicketState.valueOf(Rows.str(r, "state")),
                group == null ? null : PriorityGroup.valueOf(group),
                Rows.str(r, "urgency_reason"),
                Rows.str(r, "urgency_note"),
                Rows.str(r, "nik_last4"),
                Rows.bool(r, "region_warning"),
                Rows.str(r, "name"),
                Rows.str(r, "phone"),
                Channel.valueOf(Rows.str(r, "channel")),
                Rows.str(r, "counter_id"),
                Rows.intOr(r, "recalls", 0),
                Rows.str(r, "refuse_reason"),
                Rows.decimal(r, "temperature_c"),
                Rows.instant(r, "issued_at"),
                Rows.instant(r, "admitted_at"),
                Rows.instant(r, "called_at"),
                Rows.instant(r, "serving_at"),
                Rows.instant(r, "finished_at"));
    }
}
