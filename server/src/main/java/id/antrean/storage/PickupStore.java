package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.antrean.domain.Collector;
import id.antrean.domain.CounterServes;
import id.antrean.domain.DocumentType;
import id.antrean.domain.NoticeKind;
import id.antrean.domain.Channel;
import id.antrean.domain.PickupDocument;
import id.antrean.domain.PickupRejections;
import id.antrean.domain.PickupSettings;
import id.antrean.domain.PickupState;
import id.antrean.domain.PriorityGroup;
import id.antrean.domain.Rejected;
import id.antrean.domain.Slot;
import id.antrean.domain.SlotPlan;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketNumber;
import id.antrean.domain.TicketState;
import id.antrean.domain.TransitionPolicy;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

/**
 * Finished documents, their pickup appointments and pickup tickets. Appointment capacity is kept
 * in one row per day (locked by every booking of that day) and one per pickup slot, changed only
 * under the day's lock, so neither a slot nor a day is ever booked past its capacity, whatever
 * the number of staff, imports and nodes at once.
 */
public final class PickupStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String SERVICE = "PICKUP";
    public static final String TICKET_PREFIX = "B";

    private final Database db;
    private final EventStore events;
    /** Days whose pickup_day row this node has seen created; rows are never deleted. */
    private final Set<String> preparedDays = ConcurrentHashMap.newKeySet();

    public PickupStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    // ---- settings

    public PickupSettings settings(String officeId) {
        return db.read(exec -> exec.namedGet("pickup-settings-get", officeId).map(PickupStore::settings)
                .orElse(PickupSettings.DEFAULTS));
    }

    /** Saves the settings and records who changed them (the audit trail), in one transaction. */
    public void putSettings(String officeId, PickupSettings s, String actor, Instant now) {
        String serves;
        try {
            serves = MAPPER.writeValueAsString(new TreeMap<>(s.counterServes()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.inTransaction(tx -> {
            tx.namedInsert("pickup-settings-put", officeId, s.slotMinutes(), s.slotCapacity(), s.dayCapacity(),
                    s.horizonDays(), s.leadDays(), s.overdueDays(), s.secondReminderDays(), s.archiveDays(), serves, Rows.ts(now));
            events.append(tx, officeId, "PICKUP_SETTINGS_CHANGED", null, actor, Map.of("slotMinutes", s.slotMinutes(),
                    "slotCapacity", s.slotCapacity(), "dayCapacity", s.dayCapacity(), "horizonDays", s.horizonDays(),
                    "counterServes", new TreeMap<>(s.counterServes())), now);
            return null;
        });
    }

    private static PickupSettings settings(DbRow r) {
        Map<String, CounterServes> serves = new LinkedHashMap<>();
        try {
            Map<String, String> raw = MAPPER.readValue(Rows.str(r, "counter_serves"), new TypeReference<Map<String, String>>() {
            });
            raw.forEach((k, v) -> serves.put(k, CounterServes.valueOf(v)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Edited by hand badly: every counter serves both, as when nothing is set.
            serves.clear();
        }
        return new PickupSettings(Rows.integer(r, "slot_minutes"), Rows.integer(r, "slot_capacity"),
                Rows.integer(r, "day_capacity"), Rows.integer(r, "horizon_days"), Rows.integer(r, "lead_days"),
                Rows.integer(r, "overdue_days"), Rows.integer(r, "second_reminder_days"), Rows.integer(r, "archive_days"),
                serves);
    }

    // ---- registering and scheduling

    /** A document about to be registered (already checked), with its link token and code hash. */
    public record NewDocument(DocumentType type, String reference, String name, String phone, String nikLast4,
                              String language, String linkToken, byte[] codeHash) {
    }

    /** Where appointments may fall: the candidate days in order, each with its pickup slots. */
    public record Schedule(List<LocalDate> days, Function<LocalDate, SlotPlan> plans, LocalDate today, int nowMinute,
                           int slotCapacity, int dayCapacity) {
    }

    /** The row {@code index} (0-based) could not get an appointment: no free slot within the horizon. */
    public static final class NoSlot extends RuntimeException {
        public final int index;

        NoSlot(int index) {
            super("no pickup slot", null, false, false);
            this.index = index;
        }
    }

    /** The row {@code index} names a document (type and reference) that is registered already. */
    public static final class Duplicate extends RuntimeException {
        public final int index;

        Duplicate(int index) {
            super("duplicate reference", null, false, false);
            this.index = index;
        }
    }

    /** Two documents came out with one code (about one in 10^9 per pair): the caller draws again. */
    public static final class CodeClash extends RuntimeException {
        public final int index;

        CodeClash(int index) {
            super("code clash", null, false, false);
            this.index = index;
        }
    }

    /** What the consent of a registration rests on: a basis code and the version of its text. */
    public record ConsentBasis(String basis, String textVersion) {
    }

    /**
     * Registers every document with an appointment and queues its message, all in one transaction:
     * either all are stored or none.
     *
     * @throws NoSlot when a document finds no free slot within the horizon
     * @throws Duplicate when a document is registered already
     * @throws CodeClash when a generated code is taken
     */
    public List<PickupDocument> register(String officeId, List<NewDocument> docs, Schedule schedule, ConsentBasis consent,
                                         boolean notify, String actor, Instant now) {
        prepareDays(officeId, schedule.days());
        return db.inTransaction(tx -> {
            List<PickupDocument> stored = new ArrayList<>();
            Map<LocalDate, DayState> locked = new TreeMap<>();
            for (int i = 0; i < docs.size(); i++) {
                NewDocument d = docs.get(i);
                Appointment a = book(tx, officeId, schedule, locked, null).orElseThrow(noSlot(i));
                long id;
                try {
                    id = tx.createNamedInsert("pickup-insert")
                            .params(officeId, d.type().name(), d.reference(), d.name(), d.phone(), d.nikLast4(), d.language(),
                                    d.linkToken(), d.codeHash(), Rows.sqlDate(a.day()), a.slot().startMinute(),
                                    a.slot().endMinute(), consent.basis(), consent.textVersion(), Rows.ts(now),
                                    Rows.sqlDate(schedule.today()), actor)
                            .returnGeneratedKeys()
                            .insert()
                            .generatedKeys()
                            .findFirst()
                            .map(r -> ((Number) r.column(1).get()).longValue())
                            .orElseThrow();
                } catch (RuntimeException e) {
                    if (DuplicateKey.on(e, "uq_pickup_reference")) {
                        throw new Duplicate(i);
                    }
                    if (DuplicateKey.on(e, "uq_pickup_code") || DuplicateKey.on(e, "uq_pickup_token")) {
                        throw new CodeClash(i);
                    }
                    throw e;
                }
                if (notify) {
                    enqueue(tx, id, NoticeKind.PICKUP_READY, "pickup-ready:" + id, now);
                }
                // Everything in the row is known here: no read-back per document.
                stored.add(new PickupDocument(id, officeId, d.type(), d.reference(), d.name(), d.phone(), d.nikLast4(),
                        d.linkToken(), PickupState.READY, a.day(), a.slot(), 0, 0, null, null,
                        now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), actor, null, null, null, null, null, d.language()));
            }
            flush(tx, officeId, locked);
            // One event per registration (a file is one): who registered how many, no personal data.
            Map<String, Long> byType = new TreeMap<>();
            stored.forEach(d -> byType.merge(d.type().name(), 1L, Long::sum));
            events.append(tx, officeId, "PICKUP_REGISTERED", null, actor, Map.of("count", stored.size(), "types", byType,
                    "firstId", stored.getFirst().id(), "lastId", stored.getLast().id()), now);
            return stored;
        });
    }

    private static java.util.function.Supplier<NoSlot> noSlot(int i) {
        return () -> new NoSlot(i);
    }

    /** An appointment: a day and one of its pickup slots. */
    public record Appointment(LocalDate day, Slot slot) {
    }

    /**
     * A day as this transaction has locked it: its booked count and its slots (start → end, booked),
     * kept here so that a file of many documents reads each day once. {@code added} is written back
     * by {@link #flush} before the commit.
     */
    private static final class DayState {
        int booked;
        int added;
        final TreeMap<Integer, int[]> slots = new TreeMap<>();
    }

    /**
     * Books the earliest free slot of the schedule's days (or exactly {@code wanted}) in the caller's
     * transaction: the day's row is locked first, its slot rows are (re)made for the day's layout
     * under that lock, and both counts rise only below their capacities.
     */
    private Optional<Appointment> book(DbTransaction tx, String officeId, Schedule s, Map<LocalDate, DayState> locked,
                                       Appointment wanted) {
        for (LocalDate day : wanted == null ? s.days() : List.of(wanted.day())) {
            SlotPlan plan = s.plans().apply(day);
            if (plan.isEmpty()) {
                continue;
            }
            DayState state = lockDay(tx, officeId, day, plan, locked);
            if (state.booked >= s.dayCapacity()) {
                continue;
            }
            int from = day.equals(s.today()) ? s.nowMinute() : 0;
            Integer start = null;
            for (Map.Entry<Integer, int[]> e : state.slots.entrySet()) {
                boolean fits = e.getValue()[0] > from && e.getValue()[1] < s.slotCapacity();
                if (fits && (wanted == null || e.getKey() == wanted.slot().startMinute())) {
                    start = e.getKey();
                    break;
                }
            }
            if (start == null) {
                continue;
            }
            int[] slot = state.slots.get(start);
            tx.namedUpdate("pickup-slot-take", officeId, Rows.sqlDate(day), start);
            slot[1]++;
            state.booked++;
            state.added++;
            return Optional.of(new Appointment(day, new Slot(start, slot[0])));
        }
        return Optional.empty();
    }

    /** Writes the days' new bookings to their rows (still under their locks). */
    private static void flush(DbTransaction tx, String officeId, Map<LocalDate, DayState> locked) {
        locked.forEach((day, state) -> {
            if (state.added != 0) {
                tx.namedUpdate("pickup-day-add", state.added, officeId, Rows.sqlDate(day));
                state.added = 0;
            }
        });
    }

    /** Locks a day's row (once per transaction) and makes its slot rows for the plan's layout. */
    private DayState lockDay(DbTransaction tx, String officeId, LocalDate day, SlotPlan plan, Map<LocalDate, DayState> locked) {
        DayState known = locked.get(day);
        if (known != null) {
            return known;
        }
        Optional<DbRow> found = tx.namedGet("pickup-day-lock", officeId, Rows.sqlDate(day));
        if (found.isEmpty()) {
            // Removed since this node made it (data retention, tests): made again here, once.
            tx.namedInsert("pickup-day-create", officeId, Rows.sqlDate(day));
            found = tx.namedGet("pickup-day-lock", officeId, Rows.sqlDate(day));
        }
        DbRow row = found.orElseThrow(() -> new IllegalStateException("pickup day row missing: " + day));
        Integer layout = Rows.integer(row, "layout");
        DayState state = new DayState();
        state.booked = Rows.integer(row, "booked");
        if (layout == null || layout != plan.layout()) {
            // New day, or the hours or slot length changed: count the day's appointments into the new slots.
            List<int[]> windows = tx.namedQuery("pickup-windows-booked", officeId, Rows.sqlDate(day))
                    .map(r -> new int[] {Rows.integer(r, "appt_start_min"), Rows.integer(r, "appt_end_min"), (int) Rows.lng(r, "n")})
                    .toList();
            tx.namedDelete("pickup-slots-clear", officeId, Rows.sqlDate(day));
            for (Slot slot : plan.slots()) {
                int persons = windows.stream().filter(w -> w[0] < slot.endMinute() && w[1] > slot.startMinute())
                        .mapToInt(w -> w[2]).sum();
                tx.namedInsert("pickup-slot-insert", officeId, Rows.sqlDate(day), slot.startMinute(), slot.endMinute(), persons);
                state.slots.put(slot.startMinute(), new int[] {slot.endMinute(), persons});
            }
            tx.namedUpdate("pickup-day-layout", plan.layout(), officeId, Rows.sqlDate(day));
        } else {
            tx.namedQuery("pickup-slots-of-day", officeId, Rows.sqlDate(day)).forEach(r -> state.slots.put(
                    Rows.integer(r, "start_min"), new int[] {Rows.integer(r, "end_min"), Rows.integer(r, "booked")}));
        }
        locked.put(day, state);
        return state;
    }

    /** Creates the days' rows outside the booking transaction (an INSERT IGNORE inside would deadlock). */
    private void prepareDays(String officeId, List<LocalDate> days) {
        List<LocalDate> missing = days.stream().filter(d -> !preparedDays.contains(officeId + "|" + d)).toList();
        if (missing.isEmpty()) {
            return;
        }
        db.read(exec -> {
            for (LocalDate d : missing) {
                exec.namedInsert("pickup-day-create", officeId, Rows.sqlDate(d));
            }
            return null;
        });
        missing.forEach(d -> preparedDays.add(officeId + "|" + d));
    }

    /** A day's pickup slots with their free places, for the resident's choice (a hint, not a rule). */
    public record FreeSlot(LocalDate day, Slot slot, int free) {
    }

    public List<FreeSlot> freeSlots(String officeId, Schedule s) {
        prepareDays(officeId, s.days());
        return db.read(exec -> {
            List<FreeSlot> free = new ArrayList<>();
            Map<LocalDate, int[]> days = new LinkedHashMap<>();
            exec.namedQuery("pickup-days-booked", officeId, Rows.sqlDate(s.days().getFirst()), Rows.sqlDate(s.days().getLast()))
                    .forEach(r -> days.put(Rows.date(r, "day"), new int[] {Rows.integer(r, "booked"),
                            Rows.integer(r, "layout") == null ? 0 : Rows.integer(r, "layout")}));
            for (LocalDate day : s.days()) {
                SlotPlan plan = s.plans().apply(day);
                int[] d = days.getOrDefault(day, new int[] {0, 0});
                if (plan.isEmpty() || d[0] >= s.dayCapacity()) {
                    continue;
                }
                int from = day.equals(s.today()) ? s.nowMinute() : 0;
                Map<Integer, Integer> used = new java.util.HashMap<>();
                if (d[1] == plan.layout()) {
                    exec.namedQuery("pickup-slots-of-day", officeId, Rows.sqlDate(day))
                            .forEach(r -> used.put(Rows.integer(r, "start_min"), Rows.integer(r, "booked")));
                } else {
                    List<int[]> windows = exec.namedQuery("pickup-windows-booked", officeId, Rows.sqlDate(day))
                            .map(r -> new int[] {Rows.integer(r, "appt_start_min"), Rows.integer(r, "appt_end_min"), (int) Rows.lng(r, "n")})
                            .toList();
                    for (Slot slot : plan.slots()) {
                        used.put(slot.startMinute(), windows.stream().filter(w -> w[0] < slot.endMinute() && w[1] > slot.startMinute())
                                .mapToInt(w -> w[2]).sum());
                    }
                }
                for (Slot slot : plan.slots()) {
                    int left = s.slotCapacity() - used.getOrDefault(slot.startMinute(), 0);
                    if (slot.endMinute() > from && left > 0) {
                        free.add(new FreeSlot(day, slot, Math.min(left, s.dayCapacity() - d[0])));
                    }
                }
            }
            return free;
        });
    }

    /**
     * Moves a document's appointment to the slot asked for, if it is still free: the new place is
     * taken and the old one given back in one transaction (both days locked in date order).
     *
     * @return the document as moved, or empty when that slot is full (or not a slot)
     */
    public Optional<PickupDocument> move(String officeId, long id, Appointment wanted, Schedule s, boolean notify, Instant now) {
        prepareDays(officeId, List.of(wanted.day()));
        return db.inTransaction(tx -> {
            PickupDocument d = tx.namedGet("pickup-lock", id).map(PickupStore::document).orElseThrow();
            if (d.state() != PickupState.READY) {
                throw new Rejected(PickupRejections.notWaiting(d.state()));
            }
            if (d.day().equals(wanted.day()) && d.slot().startMinute() == wanted.slot().startMinute()) {
                return Optional.of(d);
            }
            Map<LocalDate, DayState> locked = new TreeMap<>();
            // Locks in date order, so two moves between the same days cannot deadlock.
            for (LocalDate day : new java.util.TreeSet<>(List.of(d.day(), wanted.day()))) {
                if (!day.isBefore(s.today())) {
                    SlotPlan plan = s.plans().apply(day);
                    if (!plan.isEmpty()) {
                        lockDay(tx, d.officeId(), day, plan, locked);
                    }
                }
            }
            Optional<Appointment> a = book(tx, d.officeId(), s, locked, wanted);
            if (a.isEmpty()) {
                return Optional.<PickupDocument>empty();
            }
            flush(tx, d.officeId(), locked);
            if (!d.day().isBefore(s.today())) {
                tx.namedUpdate("pickup-slot-release", d.officeId(), Rows.sqlDate(d.day()), d.slot().startMinute());
                tx.namedUpdate("pickup-day-release", d.officeId(), Rows.sqlDate(d.day()));
            }
            tx.namedUpdate("pickup-move", Rows.sqlDate(a.get().day()), a.get().slot().startMinute(), a.get().slot().endMinute(), id);
            events.append(tx, d.officeId(), "PICKUP_RESCHEDULED", null, null, Map.of("pickupId", id,
                    "day", a.get().day().toString(), "slot", Map.of("start", Slot.hhmm(a.get().slot().startMinute()),
                            "end", Slot.hhmm(a.get().slot().endMinute()))), now);
            if (notify) {
                enqueue(tx, id, NoticeKind.PICKUP_MOVED, "pickup-moved:" + id + ":" + (d.reschedules() + 1), now);
            }
            return byId(tx, id);
        });
    }

    /** Names who will collect the document instead of the resident (or nobody, with nulls). */
    public PickupDocument representative(long id, String name, String relation, Instant now) {
        return db.inTransaction(tx -> {
            PickupDocument d = tx.namedGet("pickup-lock", id).map(PickupStore::document).orElseThrow();
            if (d.state() != PickupState.READY) {
                throw new Rejected(PickupRejections.notWaiting(d.state()));
            }
            tx.namedUpdate("pickup-representative", name, relation, id);
            // The event says that someone was named, never who (personal data stays in its row).
            events.append(tx, d.officeId(), "PICKUP_REPRESENTATIVE", null, null, Map.of("pickupId", id, "named", name != null), now);
            return byId(tx, id).orElseThrow();
        });
    }

    // ---- reading

    public Optional<PickupDocument> byId(long id) {
        return db.read(exec -> byId(exec, id));
    }

    private static Optional<PickupDocument> byId(DbExecute exec, long id) {
        return exec.namedGet("pickup-by-id", id).map(PickupStore::document);
    }

    public Optional<PickupDocument> byToken(String token) {
        return db.read(exec -> exec.namedGet("pickup-by-token", token).map(PickupStore::document));
    }

    public Optional<PickupDocument> byCode(String officeId, byte[] codeHash) {
        return db.read(exec -> exec.namedGet("pickup-by-code", officeId, codeHash).map(PickupStore::document));
    }

    public Optional<PickupDocument> byTicket(long ticketId) {
        return db.read(exec -> exec.namedGet("pickup-by-ticket", ticketId).map(PickupStore::document));
    }

    /** The staff lists. */
    public enum ListKind { READY, TODAY, COLLECTED, OVERDUE }

    public List<PickupDocument> list(String officeId, ListKind kind, String query, LocalDate today, LocalDate overdueBy,
                                     int limit) {
        String q = query == null ? "" : query.strip();
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.read(exec -> (switch (kind) {
            case READY -> exec.namedQuery("pickup-list-ready", officeId, q, like, like, q, limit);
            case TODAY -> exec.namedQuery("pickup-list-today", officeId, Rows.sqlDate(today), q, like, like, q, limit);
            case COLLECTED -> exec.namedQuery("pickup-list-collected", officeId, q, like, like, q, limit);
            case OVERDUE -> exec.namedQuery("pickup-list-overdue", officeId, Rows.sqlDate(overdueBy), q, like, like, q, limit);
        }).map(PickupStore::document).toList());
    }

    /** One message about a document as staff see it. */
    public record MessageState(NoticeKind kind, String state, String delivery, Instant createdAt, Instant sentAt) {
    }

    public List<MessageState> messages(long id) {
        return db.read(exec -> exec.namedQuery("pickup-outbox-of", id).map(r -> new MessageState(
                NoticeKind.valueOf(Rows.str(r, "kind")), Rows.str(r, "state"), Rows.str(r, "delivery"),
                Rows.instant(r, "created_at"), Rows.instant(r, "sent_at"))).toList());
    }

    // ---- at the door and the counter

    /** The document is no longer waiting, or is not for today: the caller tells the resident why. */
    public interface ArrivalCheck {
        void check(PickupDocument locked);
    }

    /**
     * Gives the resident of a document a pickup ticket for today's appointment slot: a ticket of
     * service PICKUP with its own numbers ("B-004"), waiting like any other. A second arrival with
     * the same code while the first ticket is still active gets that ticket again.
     */
    public Ticket arrive(long id, ArrivalCheck check, String token, byte[] ticketKey, LocalDate today, Instant now) {
        db.read(exec -> exec.namedInsert("pickup-counter-create", officeIdOf(exec, id), Rows.sqlDate(today)));
        return db.inTransaction(tx -> {
            PickupDocument d = tx.namedGet("pickup-lock", id).map(PickupStore::document).orElseThrow();
            check.check(d);
            if (d.ticketId() != null) {
                Optional<Ticket> current = tx.namedGet("ticket-by-id", d.ticketId()).map(TicketStore::ticket);
                if (current.isPresent() && current.get().day().equals(today) && current.get().state().isActive()) {
                    return current.get();
                }
            }
            long ticketId = tx.createNamedInsert("ticket-insert")
                    .params(token, d.officeId(), SERVICE, TICKET_PREFIX, Rows.sqlDate(today), null,
                            PriorityGroup.rank(null), SERVICE, null, ticketKey, d.nikLast4(), ticketKey,
                            false, null, null, Channel.KIOSK.name(), Rows.ts(now))
                    .returnGeneratedKeys()
                    .insert()
                    .generatedKeys()
                    .findFirst()
                    .map(r -> ((Number) r.column(1).get()).longValue())
                    .orElseThrow();
            tx.namedUpdate("pickup-counter-take", d.officeId(), Rows.sqlDate(today));
            int number = tx.namedGet("pickup-counter-number", d.officeId(), Rows.sqlDate(today))
                    .map(r -> Rows.integer(r, "last_number")).orElseThrow();
            tx.namedUpdate("ticket-set-number", number, d.slot().startMinute(), d.slot().endMinute(), 0, ticketId);
            tx.namedUpdate("pickup-set-ticket", ticketId, id);
            String formatted = TicketNumber.format(TICKET_PREFIX, number);
            events.append(tx, d.officeId(), "TICKET_ISSUED", ticketId, null, Map.of(
                    "number", formatted, "service", SERVICE, "day", today.toString(),
                    "slot", Map.of("start", Slot.hhmm(d.slot().startMinute()), "end", Slot.hhmm(d.slot().endMinute())),
                    "priority", false, "channel", Channel.KIOSK.name(), "pickupId", id), now);
            return tx.namedGet("ticket-by-id", ticketId).map(TicketStore::ticket).orElseThrow();
        });
    }

    private static String officeIdOf(DbExecute exec, long id) {
        return exec.namedGet("pickup-by-id", id).map(r -> Rows.str(r, "office_id")).orElseThrow();
    }

    /**
     * Records the handover at the counter: the document is collected (by whom, checked by which
     * staff member) and the pickup ticket is done, in one transaction.
     */
    public PickupDocument handOver(long ticketId, Collector collector, String repName, String repRelation, String actor,
                                   LocalDate today, Instant now) {
        return db.inTransaction(tx -> {
            Ticket t = tx.namedGet("ticket-lock", ticketId).map(TicketStore::ticket)
                    .orElseThrow(() -> new Rejected(PickupRejections.notAPickupTicket()));
            PickupDocument d = tx.namedGet("pickup-by-ticket", ticketId).map(PickupStore::document)
                    .orElseThrow(() -> new Rejected(PickupRejections.notAPickupTicket()));
            d = tx.namedGet("pickup-lock", d.id()).map(PickupStore::document).orElseThrow();
            if (t.state() != TicketState.CALLED && t.state() != TicketState.SERVING) {
                TransitionPolicy.check(t.state(), TicketState.DONE).ifPresent(r -> {
                    throw new Rejected(r);
                });
            }
            if (tx.namedUpdate("pickup-collect", Rows.ts(now), Rows.sqlDate(today), collector.name(), actor, repName, repRelation,
                    d.id()) != 1) {
                throw new Rejected(PickupRejections.notWaiting(d.state()));
            }
            tx.namedUpdate("pickup-ticket-done", Rows.ts(now), Rows.ts(now), ticketId);
            Map<String, Object> payload = new java.util.HashMap<>();
            payload.put("number", t.number());
            payload.put("state", TicketState.DONE.name());
            payload.put("outcome", TicketState.DONE.name());
            if (t.counterId() != null) {
                payload.put("counterId", t.counterId());
            }
            events.append(tx, d.officeId(), "TICKET_FINISHED", ticketId, actor, payload, now);
            events.append(tx, d.officeId(), "PICKUP_COLLECTED", ticketId, actor, Map.of("pickupId", d.id(),
                    "type", d.type().name(), "collector", collector.name()), now);
            return byId(tx, d.id()).orElseThrow();
        });
    }

    // ---- overdue

    public List<PickupDocument> overdueCandidates(String officeId, LocalDate dayOnOrBefore, int limit) {
        return db.read(exec -> exec.namedQuery("pickup-overdue-candidates", officeId, Rows.sqlDate(dayOnOrBefore), limit)
                .map(PickupStore::document).toList());
    }

    /** Sends the n-th reminder (1 or 2) unless another node did or the document moved; returns whether this call did. */
    public boolean remind(PickupDocument d, int n, LocalDate today, boolean notify, Instant now) {
        return db.inTransaction(tx -> {
            if (tx.namedUpdate("pickup-remind", n, Rows.sqlDate(today), d.id(), n - 1, d.reschedules()) != 1) {
                return false;
            }
            events.append(tx, d.officeId(), "PICKUP_REMINDED", null, null, Map.of("pickupId", d.id(), "reminder", n), now);
            if (notify) {
                enqueue(tx, d.id(), n == 1 ? NoticeKind.PICKUP_REMINDER : NoticeKind.PICKUP_LAST_REMINDER,
                        "pickup-reminder:" + d.id() + ":" + d.reschedules() + ":" + n, now);
            }
            return true;
        });
    }

    public boolean archive(PickupDocument d, boolean notify, Instant now) {
        return db.inTransaction(tx -> {
            if (tx.namedUpdate("pickup-archive", Rows.ts(now), d.id(), d.reschedules()) != 1) {
                return false;
            }
            // Archiving comes days after the appointment: its (past) slot is not given back.
            events.append(tx, d.officeId(), "PICKUP_ARCHIVED", null, null, Map.of("pickupId", d.id(), "type", d.type().name()), now);
            if (notify) {
                enqueue(tx, d.id(), NoticeKind.PICKUP_ARCHIVED, "pickup-archived:" + d.id(), now);
            }
            return true;
        });
    }

    // ---- messages

    private static void enqueue(DbExecute tx, long pickupId, NoticeKind kind, String dedupeKey, Instant now) {
        tx.namedInsert("pickup-outbox-enqueue", kind.name(), dedupeKey, Rows.ts(now), Rows.ts(now), Rows.ts(now), pickupId);
    }

    /** An inbound STOP from this number: no more pickup messages to it, and none still queued. */
    public void stopMessages(String phone, Instant now) {
        db.inTransaction(tx -> {
            tx.namedUpdate("pickup-stop-phone", Rows.ts(now), phone);
            tx.namedUpdate("pickup-outbox-drop-phone", "stopped by the resident", Rows.ts(now), phone);
            return null;
        });
    }

    /** A due pickup message with what the dispatcher needs to decide whether it still goes. */
    public record Due(long id, String officeId, long pickupId, NoticeKind kind, String recipient, String language,
                      int attempts, Instant notBefore, PickupState state, boolean stopped) {
    }

    public List<Due> due(Instant now, int limit) {
        return db.read(exec -> exec.namedQuery("pickup-outbox-due", Rows.ts(now), Rows.ts(now), Rows.ts(now), Rows.ts(now), limit)
                .map(r -> new Due(Rows.lng(r, "id"), Rows.str(r, "office_id"), Rows.lng(r, "pickup_id"),
                        NoticeKind.valueOf(Rows.str(r, "kind")), Rows.str(r, "recipient"), Rows.str(r, "language"),
                        Rows.intOr(r, "attempts", 0), Rows.instant(r, "not_before"),
                        PickupState.valueOf(Rows.str(r, "pickup_state")), Rows.raw(r, "messages_stopped_at") != null))
                .toList());
    }

    // ---- report

    /** Per day and document type: registered, scheduled (appointments on the day), collected, became overdue. */
    public record DayFigures(LocalDate day, DocumentType type, long registered, long scheduled, long collected, long overdue) {
    }

    public List<DayFigures> report(String officeId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<DocumentType, long[]>> days = new TreeMap<>();
        db.read(exec -> {
            String[] names = {"pickup-report-registered", "pickup-report-scheduled", "pickup-report-collected", "pickup-report-overdue"};
            for (int i = 0; i < names.length; i++) {
                int column = i;
                exec.namedQuery(names[i], officeId, Rows.sqlDate(from), Rows.sqlDate(to)).forEach(r -> days
                        .computeIfAbsent(Rows.date(r, "day"), k -> new EnumMap<>(DocumentType.class))
                        .computeIfAbsent(DocumentType.valueOf(Rows.str(r, "doc_type")), k -> new long[4])[column] = Rows.lng(r, "n"));
            }
            return null;
        });
        List<DayFigures> out = new ArrayList<>();
        days.forEach((day, types) -> types.forEach((type, n) -> out.add(new DayFigures(day, type, n[0], n[1], n[2], n[3]))));
        return out;
    }

    static PickupDocument document(DbRow r) {
        String collector = Rows.str(r, "collector");
        Long ticket = Rows.raw(r, "ticket_id") == null ? null : Rows.lng(r, "ticket_id");
        return new PickupDocument(Rows.lng(r, "id"), Rows.str(r, "office_id"), DocumentType.valueOf(Rows.str(r, "doc_type")),
                Rows.str(r, "reference"), Rows.str(r, "resident_name"), Rows.str(r, "whatsapp_phone"), Rows.str(r, "nik_last4"),
                Rows.str(r, "link_token"), PickupState.valueOf(Rows.str(r, "state")), Rows.date(r, "appt_day"),
                new Slot(Rows.integer(r, "appt_start_min"), Rows.integer(r, "appt_end_min")), Rows.intOr(r, "reschedules", 0),
                Rows.intOr(r, "reminders_sent", 0), Rows.str(r, "representative_name"), Rows.str(r, "representative_relation"),
                Rows.instant(r, "registered_at"), Rows.str(r, "registered_by"), ticket, Rows.instant(r, "collected_at"),
                collector == null ? null : Collector.valueOf(collector), Rows.str(r, "collected_by"),
                Rows.instant(r, "archived_at"), Rows.str(r, "language"));
    }
}
