package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.Booking;
import id.antrean.domain.BookingSettings;
import id.antrean.domain.CheckInPolicy;
import id.antrean.domain.HealthProtocolPolicy;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.OpeningHoursPolicy;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Service;
import id.antrean.domain.ShortCode;
import id.antrean.domain.Slot;
import id.antrean.domain.SlotChoicePolicy;
import id.antrean.domain.SlotPlan;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketState;
import id.antrean.storage.BookingStore;
import id.antrean.storage.EventStore;
import id.antrean.storage.TicketStore;

/**
 * Booking from home (issue 15): the slots a resident may choose on the phone, check-in at the
 * door by the ticket's QR token or short code, moving a booking, and the booking settings.
 */
public final class Bookings {
    private final Offices offices;
    private final TicketStore tickets;
    private final BookingStore store;
    private final EventStore events;
    private final WaitingRoom room;
    private final TicketDesk desk;
    private final id.antrean.storage.Database db;
    private final Clock clock;

    public Bookings(Offices offices, TicketStore tickets, BookingStore store, EventStore events, WaitingRoom room,
                    TicketDesk desk, id.antrean.storage.Database db, Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.store = store;
        this.events = events;
        this.room = room;
        this.desk = desk;
        this.db = db;
        this.clock = clock;
    }

    public BookingSettings settings(String officeId) {
        offices.get(officeId);
        return store.settings(officeId).orElse(BookingSettings.DEFAULTS);
    }

    public BookingSettings updateSettings(String officeId, BookingSettings s, String actor) {
        offices.get(officeId);
        if (!s.problems().isEmpty()) {
            throw new InvalidSettings(s.problems());
        }
        store.saveSettings(officeId, s, actor, clock.instant());
        return s;
    }

    public Instant now() {
        return clock.instant();
    }

    /** One slot on the booking page: when, and how many phone places are left in it. */
    public record SlotOffer(Slot slot, int left) {
    }

    /** One day on the booking page: its slots not yet ended; {@code closed} when the office does not open. */
    public record DayOffer(LocalDate day, boolean today, List<SlotOffer> slots, int phoneLeft) {
    }

    /** The days and slots open to phone bookings for the office's in-office service, from today to the horizon. */
    public List<DayOffer> offers(Office office) {
        OfficeSettings settings = office.settings();
        Service service = inOffice(office);
        ZonedDateTime local = clock.instant().atZone(office.zone());
        LocalDate today = local.toLocalDate();
        int minute = local.getHour() * 60 + local.getMinute();
        int quota = settings.quota(service.code());
        int phoneQuota = settings(office.id()).phoneQuota(quota);
        List<DayOffer> days = new ArrayList<>();
        for (int d = 0; d <= settings.bookingHorizonDays(); d++) {
            LocalDate day = today.plusDays(d);
            SlotPlan plan = SlotPlan.of(settings, day);
            List<Slot> open = plan.notEndedAt(d == 0 ? minute : -1);
            if (open.isEmpty()) {
                days.add(new DayOffer(day, d == 0, List.of(), 0));
                continue;
            }
            BookingStore.DayUse use = store.dayUse(office.id(), service.code(), day, plan);
            int dayLeft = Math.max(0, Math.min(quota - use.issued(), phoneQuota - use.phoneIssued()));
            List<SlotOffer> slots = open.stream().map(s -> new SlotOffer(s,
                    Math.max(0, Math.min(dayLeft, settings.slotCapacity() - use.usedBySlot().getOrDefault(s.startMinute(), 0)))))
                    .toList();
            days.add(new DayOffer(day, d == 0, slots, dayLeft));
        }
        return days;
    }

    static Service inOffice(Office office) {
        return office.services().stream().filter(Service::inOffice).findFirst()
                .orElseThrow(() -> new Rejected(Rejection.of(RejectionCode.SERVICE_NOT_IN_OFFICE,
                        Text.of("Kantor ini tidak melayani di tempat.", "This office serves nobody in person."), Map.of())));
    }

    /** A ticket with its booking side, as the ticket page shows it. */
    public record BookedTicket(TicketStatus status, Booking booking, Instant checkInUntil) {
    }

    /** The booking side of a ticket, known by its token only. */
    public BookedTicket booked(String token) {
        Ticket t = tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        return booked(t);
    }

    private BookedTicket booked(Ticket t) {
        Office office = offices.get(t.officeId());
        Booking b = store.booking(t.id()).orElseThrow();
        Instant until = b.awaitsCheckIn() && t.slot() != null
                ? t.day().atStartOfDay(office.zone()).plusMinutes(CheckInPolicy.deadlineMinute(t, settings(t.officeId()).graceMinutes()))
                        .toInstant()
                : null;
        return new BookedTicket(desk.status(office, t), b, until);
    }

    /** How the resident showed the ticket at the door. */
    public enum Shown { QR, CODE }

    /**
     * Checks a resident in at the door of {@code officeId}: the ticket by its token (QR) or short
     * code, the door's health checklist again, then the usual admission. A code of another office
     * is unknown here (said the same way as a code that does not exist).
     */
    public BookedTicket checkIn(String officeId, Shown how, String value, Map<String, Boolean> checklist) {
        Office office = offices.get(officeId);
        Optional<Ticket> found = switch (how) {
            case QR -> value == null || value.isBlank() ? Optional.empty() : tickets.byToken(value.strip());
            case CODE -> ShortCode.normalize(value).flatMap(store::byShortCode);
        };
        Ticket t = found.filter(x -> x.officeId().equals(officeId)).orElseThrow(() -> new Rejected(unknownCode(how)));
        Booking b = store.booking(t.id()).orElseThrow();
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(office.zone());
        int minute = local.getHour() * 60 + local.getMinute();
        BookingSettings settings = settings(officeId);
        Optional<Rejection> no = CheckInPolicy.check(t, b, local.toLocalDate(), minute, settings.graceMinutes(), office.zone());
        if (no.isPresent()) {
            throw new Rejected(no.get());
        }
        Optional<Rejection> health = HealthProtocolPolicy.check(office.settings().checklist(), checklist);
        if (health.isPresent()) {
            // Turned away at the door like at the kiosk: counted, and the booking stays for a later try.
            db.inTransaction(tx -> {
                events.append(tx, officeId, "HEALTH_REFUSED", null, null, Map.of("service", t.service(),
                        "missing", health.get().details().get("missing"), "channel", t.channel().name(), "checkIn", true), now);
                return null;
            });
            throw new Rejected(health.get());
        }
        if (!store.checkIn(t, how.name(), now)) {
            // Another kiosk checked it in (or it ended) a moment ago: say what it is now.
            Ticket again = tickets.byId(t.id()).orElseThrow();
            throw new Rejected(CheckInPolicy.check(again, store.booking(t.id()).orElseThrow(), local.toLocalDate(), minute,
                    settings.graceMinutes(), office.zone()).orElse(TicketDesk.notFound()));
        }
        room.admit(office);
        return booked(tickets.byId(t.id()).orElseThrow());
    }

    private static Rejection unknownCode(Shown how) {
        return how == Shown.QR
                ? Rejection.of(RejectionCode.CHECKIN_CODE_UNKNOWN,
                        Text.of("QR ini bukan tiket kantor ini. Periksa tiket Anda atau ketik kodenya.",
                                "This QR code is not a ticket of this office. Check your ticket or type its code."), Map.of())
                : Rejection.of(RejectionCode.CHECKIN_CODE_UNKNOWN,
                        Text.of("Kode tidak dikenal. Periksa 8 huruf/angka pada tiket Anda (mis. K7QM-4TXP).",
                                "Unknown code. Check the 8 letters and digits on your ticket (e.g. K7QM-4TXP)."), Map.of());
    }

    /** Moves a booking (known by its token) to another free slot, of the same day or another one. */
    public BookedTicket move(String token, LocalDate day, int slotStart) {
        Ticket t = tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        Office office = offices.get(t.officeId());
        Instant now = clock.instant();
        var hours = id.antrean.domain.PhoneBookingDayPolicy.check(office.settings(), office.zone(), now, day);
        if (!hours.isAllowed()) {
            throw new Rejected(hours.rejection());
        }
        SlotPlan plan = SlotPlan.of(office.settings(), day);
        SlotChoicePolicy.check(plan, hours.day().fromMinute(), slotStart).ifPresent(r -> {
            throw new Rejected(r);
        });
        Slot slot = plan.slots().stream().filter(s -> s.startMinute() == slotStart).findFirst().orElseThrow();
        if (day.equals(t.day()) && t.slot() != null && t.slot().startMinute() == slotStart) {
            return booked(t);
        }
        int quota = office.settings().quota(t.service());
        TicketStore.Capacity c = new TicketStore.Capacity(quota, office.settings().slotCapacity(), plan,
                hours.day().fromMinute(), office.revision(), settings(office.id()).phoneQuota(quota), slotStart);
        try {
            store.move(t.id(), day, slot, c, now);
        } catch (BookingStore.MoveRefused e) {
            throw new Rejected(switch (e.reason()) {
                case NOT_MOVABLE -> Rejection.of(RejectionCode.TICKET_NOT_MOVABLE,
                        Text.of("Nomor ini tidak dapat dipindah lagi: hanya nomor yang dipesan lewat ponsel dan belum lapor hadir.",
                                "This number cannot be moved: only numbers booked by phone and not yet checked in."),
                        Map.of("state", tickets.byId(t.id()).map(x -> x.state().name()).orElse(TicketState.BOOKED.name())));
                case SLOT_FULL -> SlotChoicePolicy.slotFull(slotStart);
                case QUOTA_FULL -> SlotChoicePolicy.phoneShareFull(day, c.phoneQuota());
                case NIK_TAKEN -> Rejection.of(RejectionCode.ALREADY_HAS_TICKET,
                        Text.of("NIK ini sudah punya nomor lain pada hari itu.", "This NIK already has another number that day."),
                        Map.of("day", day.toString()));
            });
        }
        room.admit(office);
        return booked(t.token());
    }

    /** One day of the booking report. */
    public record DayFigures(LocalDate day, Map<String, Map<String, Integer>> channels, Map<String, Integer> refusals) {
    }

    public List<DayFigures> report(String officeId, LocalDate from, LocalDate to) {
        offices.get(officeId);
        Reports.checkRange(from, to);
        Map<LocalDate, Map<String, Map<String, Integer>>> channels = new LinkedHashMap<>();
        for (BookingStore.ChannelCounts c : store.channels(officeId, from, to)) {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("tickets", c.tickets());
            m.put("checkedIn", c.checkedIn());
            m.put("releasedNoShow", c.released());
            m.put("cancelled", c.cancelled());
            channels.computeIfAbsent(c.day(), d -> new LinkedHashMap<>()).put(c.channel().name(), m);
        }
        Map<LocalDate, Map<String, Integer>> refusals = store.refusals(officeId, from, to);
        List<DayFigures> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(new DayFigures(d, channels.getOrDefault(d, Map.of()), refusals.getOrDefault(d, Map.of())));
        }
        return days;
    }

    /** Whether the office opens on a day (for the page's day list). */
    public boolean opensOn(Office office, LocalDate day) {
        return !office.settings().hoursOn(day).isEmpty() && OpeningHoursPolicy.nextOpening(office.settings(), office.zone(),
                day.atStartOfDay(office.zone()).toInstant()).isPresent();
    }
}
