package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.antrean.domain.Booking;
import id.antrean.domain.BookingSettings;
import id.antrean.domain.Channel;
import id.antrean.domain.Slot;
import id.antrean.domain.ShortCode;
import id.antrean.domain.SlotPlan;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketNumber;
import id.antrean.domain.TicketState;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbResultDml;
import io.helidon.dbclient.DbTransaction;

/**
 * Tickets booked from home (issue 15): their short codes and check-in, releasing those whose
 * resident never came, moving them to another slot, the supervisor's booking settings and the
 * counts of refused booking requests.
 */
public final class BookingStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database db;
    private final EventStore events;
    private final TicketStore tickets;

    public BookingStore(Database db, EventStore events, TicketStore tickets) {
        this.db = db;
        this.events = events;
        this.tickets = tickets;
    }

    /** Inside the issuing transaction: the ticket waits for check-in and gets its short code. */
    static void markBooked(DbTransaction tx, long ticketId) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.namedUpdate("booking-mark", ShortCode.random(), ticketId);
                return;
            } catch (RuntimeException e) {
                // Two codes alike among 6.6 × 10^11: draw again.
                if (attempt >= 3 || !DuplicateKey.on(e, "uq_ticket_short_code")) {
                    throw e;
                }
            }
        }
    }

    public Optional<Booking> booking(long ticketId) {
        return db.read(exec -> exec.namedGet("booking-get", ticketId).map(BookingStore::booking));
    }

    /** The booking side of a day's tickets booked from home, by ticket id. */
    public Map<Long, Booking> day(String officeId, LocalDate day) {
        Map<Long, Booking> m = new HashMap<>();
        db.read(exec -> exec.namedQuery("booking-day", officeId, Rows.sqlDate(day)).map(BookingStore::booking).toList())
                .forEach(b -> m.put(b.ticketId(), b));
        return m;
    }

    public Optional<Ticket> byShortCode(String code) {
        return db.read(exec -> exec.namedGet("ticket-by-short-code", code).map(TicketStore::ticket));
    }

    private static Booking booking(io.helidon.dbclient.DbRow r) {
        return new Booking(Rows.lng(r, "id"), Rows.str(r, "short_code"), Rows.bool(r, "awaits_checkin"),
                Rows.instant(r, "checked_in_at"));
    }

    /** Checks the resident in; false when another request did it first (or the ticket ended meanwhile). */
    public boolean checkIn(Ticket t, String via, Instant now) {
        return db.inTransaction(tx -> {
            if (tx.namedUpdate("booking-checkin", Rows.ts(now), t.id()) == 0) {
                return false;
            }
            events.append(tx, t.officeId(), "TICKET_CHECKED_IN", t.id(), null,
                    Map.of("number", t.number(), "via", via, "channel", t.channel().name()), now);
            return true;
        });
    }

    /** Booked tickets whose check-in time has passed: earlier days, or today's ending before {@code minute} − grace. */
    public List<Long> due(String officeId, LocalDate today, int minute, int graceMinutes, int limit) {
        return db.read(exec -> exec.namedQuery("booking-due", officeId, Rows.sqlDate(today), Rows.sqlDate(today),
                graceMinutes, minute, limit).map(r -> Rows.lng(r, "id")).toList());
    }

    /**
     * Releases one booked ticket as a no-show, giving its slot and its quota place back. A
     * compare-and-set: when several nodes release at once, one changes the ticket and writes the
     * event, the others change nothing (no row lock needed, so it holds on Galera too).
     */
    public Optional<Ticket> release(long ticketId, Instant now) {
        return db.inTransaction(tx -> {
            Optional<Ticket> before = tx.namedGet("ticket-by-id", ticketId).map(TicketStore::ticket);
            if (before.isEmpty() || tx.namedUpdate("booking-release", Rows.ts(now), ticketId) == 0) {
                return Optional.<Ticket>empty();
            }
            Ticket t = before.get();
            tx.namedUpdate("slot-release", t.id());
            tx.namedUpdate("counter-release", t.officeId(), t.service(), Rows.sqlDate(t.day()));
            tx.namedUpdate("counter-release-phone", t.officeId(), t.service(), Rows.sqlDate(t.day()));
            events.append(tx, t.officeId(), "TICKET_RELEASED", t.id(), null, Map.of("number", t.number(),
                    "state", TicketState.NO_SHOW.name(), "outcome", TicketState.NO_SHOW.name(), "day", t.day().toString(),
                    "channel", t.channel().name()), now);
            return Optional.of(t);
        });
    }

    /** One day's slots with the persons in each, for the booking page; empty before anyone booked. */
    public record DayUse(int issued, int phoneIssued, Map<Integer, Integer> usedBySlot) {
    }

    public DayUse dayUse(String officeId, String service, LocalDate day, SlotPlan plan) {
        return db.read(exec -> {
            var counter = exec.namedGet("day-counter-phone", officeId, service, Rows.sqlDate(day));
            Map<Integer, Integer> used = new HashMap<>();
            if (counter.isEmpty()) {
                return new DayUse(0, 0, used);
            }
            Integer layout = Rows.integer(counter.get(), "layout");
            if (layout != null && layout == plan.layout()) {
                exec.namedQuery("slot-usage-day", officeId, service, Rows.sqlDate(day), plan.layout())
                        .forEach(r -> used.put(Rows.integer(r, "start_min"), Rows.integer(r, "used")));
            } else {
                // Counted under another layout: count booked persons against this layout's slots.
                for (Slot s : plan.slots()) {
                    int n = exec.namedQuery("slot-windows-booked", officeId, Rows.sqlDate(day), service)
                            .filter(r -> Rows.integer(r, "slot_start_min") < s.endMinute()
                                    && Rows.integer(r, "slot_end_min") > s.startMinute())
                            .mapToInt(r -> (int) Rows.lng(r, "n")).sum();
                    used.put(s.startMinute(), n);
                }
            }
            return new DayUse(Rows.intOr(counter.get(), "issued", 0), Rows.intOr(counter.get(), "phone_issued", 0), used);
        });
    }

    /** Why a move could not be made. */
    public enum MoveRefusal { NOT_MOVABLE, SLOT_FULL, QUOTA_FULL, NIK_TAKEN }

    /** Thrown inside the move's transaction, which is then rolled back. */
    public static final class MoveRefused extends RuntimeException {
        private final MoveRefusal reason;

        MoveRefused(MoveRefusal reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public MoveRefusal reason() {
            return reason;
        }
    }

    /**
     * Moves a ticket still waiting for check-in to another slot, of its day (same number) or of
     * another day (the next number of that day, under that day's quota and phone share). The old
     * slot and quota place are given back in the same transaction.
     *
     * @throws MoveRefused when the ticket may not move now or the slot has no room
     */
    public Ticket move(long ticketId, LocalDate day, Slot slot, TicketStore.Capacity c, Instant now) {
        Ticket current = tickets.byId(ticketId).orElseThrow();
        tickets.prepareDay(current.officeId(), current.service(), day, c);
        tickets.align(current.officeId(), current.service(), day, c);
        try {
            return moveOnce(ticketId, day, slot, c, now);
        } catch (MoveRefused e) {
            // The rows this node remembers may have been removed since (e.g. by data retention).
            if (e.reason() != MoveRefusal.NOT_MOVABLE && tickets.prepareDayAgain(current.officeId(), current.service(), day, c)) {
                return moveOnce(ticketId, day, slot, c, now);
            }
            throw e;
        }
    }

    private Ticket moveOnce(long ticketId, LocalDate day, Slot slot, TicketStore.Capacity c, Instant now) {
        return db.inTransaction(tx -> {
            Ticket t = tx.namedGet("ticket-lock", ticketId).map(TicketStore::ticket).orElseThrow();
            boolean awaits = tx.namedGet("booking-get", ticketId).map(r -> Rows.bool(r, "awaits_checkin")).orElse(false);
            if (t.state() != TicketState.BOOKED || !awaits || t.channel() != Channel.MOBILE) {
                throw new MoveRefused(MoveRefusal.NOT_MOVABLE);
            }
            // Free the old place first (slot-release reads the ticket's old slot).
            tx.namedUpdate("slot-release", t.id());
            int taken = tx.namedUpdate("slot-take-exact", t.officeId(), t.service(), Rows.sqlDate(day), c.plan().layout(),
                    slot.startMinute(), c.fromMinute(), c.slotCapacity()) > 0 ? 1 : 0;
            if (taken == 0) {
                throw new MoveRefused(MoveRefusal.SLOT_FULL);
            }
            String number = t.number();
            if (day.equals(t.day())) {
                tx.namedUpdate("ticket-move-slot", slot.startMinute(), slot.endMinute(), c.plan().layout(), t.id());
            } else {
                tx.namedUpdate("counter-release", t.officeId(), t.service(), Rows.sqlDate(t.day()));
                tx.namedUpdate("counter-release-phone", t.officeId(), t.service(), Rows.sqlDate(t.day()));
                DbResultDml counter = tx.createNamedUpdate("counter-take-phone")
                        .params(t.officeId(), t.service(), Rows.sqlDate(day), c.quota(), c.revision(), c.phoneQuota())
                        .returnGeneratedKeys().insert();
                if (counter.result() == 0) {
                    throw new MoveRefused(MoveRefusal.QUOTA_FULL);
                }
                int seq = counter.generatedKeys().findFirst().map(r -> ((Number) r.column(1).get()).intValue())
                        .orElseThrow();
                try {
                    tx.namedUpdate("ticket-move-day", Rows.sqlDate(day), seq, slot.startMinute(), slot.endMinute(),
                            c.plan().layout(), t.id());
                } catch (RuntimeException e) {
                    if (DuplicateKey.on(e, "uq_ticket_active_nik")) {
                        throw new MoveRefused(MoveRefusal.NIK_TAKEN);
                    }
                    throw e;
                }
                number = TicketNumber.format(t.number().substring(0, t.number().indexOf('-')), seq);
            }
            events.append(tx, t.officeId(), "TICKET_MOVED", t.id(), null, Map.of("number", number,
                    "from", Map.of("day", t.day().toString(), "start", Slot.hhmm(t.slot().startMinute())),
                    "day", day.toString(), "slot", Map.of("start", Slot.hhmm(slot.startMinute()), "end", Slot.hhmm(slot.endMinute())),
                    "channel", t.channel().name()), now);
            return tx.namedGet("ticket-by-id", t.id()).map(TicketStore::ticket).orElseThrow();
        });
    }

    public Optional<BookingSettings> settings(String officeId) {
        return db.read(exec -> exec.namedGet("booking-settings-get", officeId).map(r -> {
            try {
                JsonNode n = MAPPER.readTree(Rows.str(r, "settings"));
                BookingSettings d = BookingSettings.DEFAULTS;
                return new BookingSettings(n.path("phoneSharePercent").asInt(d.phoneSharePercent()),
                        n.path("graceMinutes").asInt(d.graceMinutes()), n.path("addressPerHour").asInt(d.addressPerHour()),
                        n.path("nikPerHour").asInt(d.nikPerHour()), n.path("wrongCodesPerHour").asInt(d.wrongCodesPerHour()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("booking settings are not JSON", e);
            }
        }));
    }

    public void saveSettings(String officeId, BookingSettings s, String actor, Instant now) {
        ObjectNode n = MAPPER.createObjectNode().put("phoneSharePercent", s.phoneSharePercent())
                .put("graceMinutes", s.graceMinutes()).put("addressPerHour", s.addressPerHour())
                .put("nikPerHour", s.nikPerHour()).put("wrongCodesPerHour", s.wrongCodesPerHour());
        db.inTransaction(tx -> {
            tx.namedInsert("booking-settings-put", officeId, n.toString(), Rows.ts(now), actor);
            events.append(tx, officeId, "BOOKING_SETTINGS_CHANGED", null, actor, Map.of("settings", n), now);
            return null;
        });
    }

    /** Adds counted refusals (kind → count) of one office and day. */
    public void addRefusals(String officeId, LocalDate day, Map<String, Integer> counts) {
        db.inTransaction(tx -> {
            counts.forEach((kind, n) -> tx.namedInsert("booking-refusal-add", officeId, Rows.sqlDate(day), kind, n));
            return null;
        });
    }

    /** Per day: refusals by kind. */
    public Map<LocalDate, Map<String, Integer>> refusals(String officeId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Integer>> m = new HashMap<>();
        db.read(exec -> exec.namedQuery("booking-refusal-report", officeId, Rows.sqlDate(from), Rows.sqlDate(to)).toList())
                .forEach(r -> m.computeIfAbsent(Rows.date(r, "day"), d -> new HashMap<>())
                        .put(Rows.str(r, "kind"), Rows.intOr(r, "n", 0)));
        return m;
    }

    /** Tickets of a day per channel: issued, checked in, released unchecked, cancelled. */
    public record ChannelCounts(LocalDate day, Channel channel, int tickets, int checkedIn, int released, int cancelled) {
    }

    public List<ChannelCounts> channels(String officeId, LocalDate from, LocalDate to) {
        return db.read(exec -> exec.namedQuery("booking-report-channels", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> new ChannelCounts(Rows.date(r, "day"), Channel.valueOf(Rows.str(r, "channel")),
                        (int) Rows.lng(r, "n"), (int) num(r, "checked_in"), (int) num(r, "released"), (int) num(r, "cancelled")))
                .toList());
    }

    private static long num(io.helidon.dbclient.DbRow r, String column) {
        Object v = Rows.raw(r, column);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
