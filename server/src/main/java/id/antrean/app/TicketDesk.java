package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.antrean.domain.BookingDay;
import id.antrean.domain.CallEstimate;
import id.antrean.domain.HealthProtocolPolicy;
import id.antrean.domain.InOfficePolicy;
import id.antrean.domain.NikPolicy;
import id.antrean.domain.NikRegionPolicyMode;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.OpeningHoursPolicy;
import id.antrean.domain.IssueRequest;
import id.antrean.domain.QuotaPolicy;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Service;
import id.antrean.domain.SlotPlan;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketState;
import id.antrean.domain.UrgencyPolicy;
import id.antrean.storage.DatabaseUnavailable;
import id.antrean.storage.EventStore;
import id.antrean.storage.IdempotencyStore;
import id.antrean.storage.TicketStore;

/**
 * The residents' side of the queue: issuing tickets under the office's rules, following one, and
 * cancelling it.
 */
public final class TicketDesk {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Offices offices;
    private final TicketStore tickets;
    private final IdempotencyStore idempotency;
    private final EventStore events;
    private final WaitingRoom room;
    private final Secrets secrets;
    private final Clock clock;
    private final Duration perResident;
    private final id.antrean.storage.Database db;
    private Notifications notifications;

    private java.util.function.Function<String, id.antrean.domain.BookingSettings> bookingSettings =
            office -> id.antrean.domain.BookingSettings.DEFAULTS;

    /** The booking settings of an office (phone share of the quota), for tickets booked from home. */
    public void bookingSettings(java.util.function.Function<String, id.antrean.domain.BookingSettings> source) {
        this.bookingSettings = source;
    }

    /** WhatsApp notifications, when the node runs them (a yes is recorded only while they are on). */
    public void notifications(Notifications notifications) {
        this.notifications = notifications;
    }

    public TicketDesk(Offices offices, TicketStore tickets, IdempotencyStore idempotency, EventStore events,
                      WaitingRoom room, Secrets secrets, Clock clock, Duration perResident, id.antrean.storage.Database db) {
        this.offices = offices;
        this.tickets = tickets;
        this.idempotency = idempotency;
        this.events = events;
        this.room = room;
        this.secrets = secrets;
        this.clock = clock;
        this.perResident = perResident;
        this.db = db;
    }

    /**
     * Issues a ticket if every rule allows it. With an idempotency key, a repeated request gets the
     * answer of the first one and never a second ticket.
     */
    public IssueOutcome issue(String officeId, IssueRequest request, String idempotencyKey, byte[] requestHash) {
        return issue(offices.get(officeId), request, idempotencyKey, requestHash);
    }

    /** The same, for an office the caller has just read (saves reading it a second time per request). */
    public IssueOutcome issue(Office office, IssueRequest request, String idempotencyKey, byte[] requestHash) {
        String officeId = office.id();
        if (idempotencyKey != null) {
            Optional<IdempotencyStore.Stored> stored = idempotency.find(officeId, idempotencyKey);
            if (stored.isPresent()) {
                return replay(office, stored.get(), requestHash);
            }
        }
        Instant now = clock.instant();
        Attempt attempt = check(office, request, now);
        if (attempt.rejection() != null) {
            if (attempt.rejection().code() == RejectionCode.HEALTH_PROTOCOL) {
                countHealthRefusal(office, request, attempt.rejection(), now);
            }
            return refuse(office, idempotencyKey, requestHash, attempt.rejection(), now);
        }
        Service service = attempt.service();
        BookingDay day = attempt.day();
        OfficeSettings settings = office.settings();
        byte[] nikHash = secrets.nikHash(officeId, request.nik());
        // During a rotation of the NIK secret, an active ticket stored under a previous secret still counts.
        for (byte[] previous : secrets.previousNikHashes(officeId, request.nik())) {
            Optional<Ticket> active = tickets.activeForNik(officeId, day.day(), previous);
            if (active.isPresent()) {
                return refuse(office, idempotencyKey, requestHash, alreadyHasTicket(office, active.get(), now), now);
            }
        }
        TicketStore.NewTicket fresh = new TicketStore.NewTicket(Secrets.token(18), officeId, service.code(),
                service.ticketPrefix(), day.day(), request.priorityGroup(), request.urgencyReason(),
                blankToNull(request.urgencyNote()), nikHash, request.nik().substring(12),
                settings.nikRegionPolicy() == NikRegionPolicyMode.WARN && NikPolicy.outsideRegion(request.nik(), office.nikRegion()),
                blankToNull(request.name()), blankToNull(request.phone()), request.channel(), now,
                notifications == null ? null : notifications.consentFor(office, request));
        SlotPlan plan = SlotPlan.of(settings, day.day());
        boolean phone = request.channel() == id.antrean.domain.Channel.MOBILE;
        TicketStore.Capacity capacity = new TicketStore.Capacity(settings.quota(service.code()), settings.slotCapacity(),
                plan, day.fromMinute(), office.revision(),
                phone ? bookingSettings.apply(officeId).phoneQuota(settings.quota(service.code())) : -1,
                request.slotStart());
        TicketStore.IdempotencyClaim claim = idempotencyKey == null ? null
                : new TicketStore.IdempotencyClaim(idempotencyKey, requestHash);
        Ticket ticket;
        try {
            ticket = tickets.issue(fresh, capacity, claim);
        } catch (TicketStore.NikTaken e) {
            Optional<Ticket> existing = tickets.activeForNik(officeId, day.day(), nikHash);
            if (existing.isEmpty()) {
                // It ended between our insert and this read: the request may simply be sent again.
                return issue(officeId, request, idempotencyKey, requestHash);
            }
            return refuse(office, idempotencyKey, requestHash, alreadyHasTicket(office, existing.get(), now), now);
        } catch (TicketStore.KeyTaken e) {
            return replay(office, idempotency.find(officeId, idempotencyKey).orElseThrow(), requestHash);
        } catch (TicketStore.StaleSettings e) {
            // The settings changed while this request was on its way: decide again under the new ones.
            return issue(officeId, request, idempotencyKey, requestHash);
        } catch (TicketStore.NoCapacity e) {
            if (phone) {
                return refuse(office, idempotencyKey, requestHash, bookingFull(office, service, day, capacity, now), now);
            }
            return refuse(office, idempotencyKey, requestHash, full(office, service, day.day(), now), now);
        }
        try {
            return new IssueOutcome.Issued(afterCommit(office, day, ticket));
        } catch (DatabaseUnavailable e) {
            // The ticket is committed: the resident gets it, without the place in the queue for now.
            return new IssueOutcome.Issued(TicketStatus.positionUnknown(ticket));
        }
    }

    /** The admission check and the place in the queue of a ticket just committed. */
    private TicketStatus afterCommit(Office office, BookingDay day, Ticket ticket) {
        if (day.today()) {
            room.admit(office);
        }
        // One read gives both the state after admission and the position.
        Optional<TicketStore.Standing> standing = tickets.justIssued(ticket);
        if (standing.isEmpty()) {
            return status(office, ticket);
        }
        Ticket current = standing.get().ticket();
        return current.state().isWaiting() ? waiting(office, current, standing.get().peopleAhead()) : status(office, current);
    }

    /**
     * Keeps the body first answered to a request with an Idempotency-Key, so a repeat gets that
     * body again. The first kept stays; a failure here only means a repeat is answered from the
     * ticket as it is then.
     */
    public void rememberAnswer(String officeId, String idempotencyKey, long ticketId, String body) {
        try {
            idempotency.rememberAnswer(officeId, idempotencyKey, ticketId, body);
        } catch (DatabaseUnavailable e) {
            // Best effort by design: see above.
        }
    }

    /** Whether a request with this Idempotency-Key was already answered (a retry, not a new request). */
    public boolean hasAnswered(String officeId, String idempotencyKey) {
        return idempotency.find(officeId, idempotencyKey).isPresent();
    }

    /** The checks that need no database, in the order a resident meets them at the kiosk. */
    private Attempt check(Office office, IssueRequest request, Instant now) {
        Optional<Service> service = office.service(request.service());
        if (service.isEmpty()) {
            return Attempt.refused(InOfficePolicy.unknown(request.service()));
        }
        // Health first: a resident turned away at the door is counted whatever else is wrong.
        Optional<Rejection> rejection = InOfficePolicy.check(service.get())
                .or(() -> HealthProtocolPolicy.check(office.settings().checklist(), request.checklist()))
                .or(() -> UrgencyPolicy.check(office.settings(), request.urgencyReason(), request.urgencyNote()))
                .or(() -> NikPolicy.check(request.nik(), today(office, now)))
                .or(() -> NikPolicy.checkRegion(request.nik(), office.nikRegion(), office.settings().nikRegionPolicy()));
        if (rejection.isPresent()) {
            return Attempt.refused(rejection.get());
        }
        OpeningHoursPolicy.Result hours = request.channel() == id.antrean.domain.Channel.MOBILE
                ? id.antrean.domain.PhoneBookingDayPolicy.check(office.settings(), office.zone(), now, request.day())
                : OpeningHoursPolicy.check(office.settings(), office.zone(), now, request.day());
        if (!hours.isAllowed()) {
            return Attempt.refused(hours.rejection());
        }
        if (request.slotStart() != null) {
            Optional<Rejection> slot = id.antrean.domain.SlotChoicePolicy.check(
                    SlotPlan.of(office.settings(), hours.day().day()), hours.day().fromMinute(), request.slotStart());
            if (slot.isPresent()) {
                return Attempt.refused(slot.get());
            }
        }
        if (SlotPlan.of(office.settings(), hours.day().day()).notEndedAt(hours.day().fromMinute()).isEmpty()) {
            return Attempt.refused(full(office, service.get(), hours.day().day(), now));
        }
        return new Attempt(service.get(), hours.day(), null);
    }

    private record Attempt(Service service, BookingDay day, Rejection rejection) {
        static Attempt refused(Rejection rejection) {
            return new Attempt(null, null, rejection);
        }
    }

    /** QUOTA_FULL with the earliest slot still bookable from now on, within the booking horizon. */
    Rejection full(Office office, Service service, LocalDate day, Instant now) {
        OfficeSettings settings = office.settings();
        ZonedDateTime local = now.atZone(office.zone());
        LocalDate today = local.toLocalDate();
        int minute = local.getHour() * 60 + local.getMinute();
        for (int d = 0; d <= settings.bookingHorizonDays(); d++) {
            LocalDate candidate = today.plusDays(d);
            if (d == 0 && !OpeningHoursPolicy.isOpen(settings, office.zone(), now)) {
                continue;
            }
            SlotPlan plan = SlotPlan.of(settings, candidate);
            if (plan.isEmpty()) {
                continue;
            }
            TicketStore.DayAvailability a = tickets.availability(office.id(), service.code(), candidate, plan,
                    d == 0 ? minute : -1, settings.slotCapacity());
            if (a.issued() < settings.quota(service.code()) && a.firstFreeSlot() != null) {
                return QuotaPolicy.full(day, candidate, a.firstFreeSlot());
            }
        }
        return QuotaPolicy.full(day, null, null);
    }

    /** Why a phone booking found no room: the chosen slot, the phone share of the quota, or the whole quota. */
    private Rejection bookingFull(Office office, Service service, BookingDay day, TicketStore.Capacity c, Instant now) {
        TicketStore.DayAvailability a = tickets.availability(office.id(), service.code(), day.day(), c.plan(),
                day.fromMinute(), c.slotCapacity());
        if (a.issued() >= c.quota()) {
            return full(office, service, day.day(), now);
        }
        int phoneIssued = tickets.phoneIssued(office.id(), service.code(), day.day());
        if (phoneIssued >= c.phoneQuota()) {
            return id.antrean.domain.SlotChoicePolicy.phoneShareFull(day.day(), c.phoneQuota());
        }
        if (c.exactSlot() != null) {
            return id.antrean.domain.SlotChoicePolicy.slotFull(c.exactSlot());
        }
        return full(office, service, day.day(), now);
    }

    /**
     * The NIK's ticket of that day, told by number and day only. A NIK is printed on every ID card
     * and copied everywhere: knowing it gives no token, no status link and no power over the
     * ticket. A lost slip is printed again by staff at a counter, who see the ID card.
     */
    private static Rejection alreadyHasTicket(Office office, Ticket existing, Instant now) {
        boolean today = existing.day().equals(today(office, now));
        String number = existing.number();
        Text text = today
                ? Text.of("NIK ini sudah punya nomor " + number + " hari ini. Slip hilang? Minta cetak ulang di loket.",
                        "This NIK already has number " + number + " today. Lost the slip? Ask for a reprint at a counter.")
                : Text.of("NIK ini sudah punya nomor " + number + " untuk tanggal " + existing.day()
                                + ". Slip hilang? Minta cetak ulang di loket.",
                        "This NIK already has number " + number + " for " + existing.day()
                                + ". Lost the slip? Ask for a reprint at a counter.");
        return Rejection.of(RejectionCode.ALREADY_HAS_TICKET, text,
                Map.of("number", number, "day", existing.day().toString(), "reprintAtCounter", true));
    }

    private IssueOutcome refuse(Office office, String key, byte[] requestHash, Rejection rejection, Instant now) {
        if (key != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", rejection.code().name());
            body.put("message", Map.of("id", rejection.message().id(), "en", rejection.message().en()));
            body.put("details", rejection.details());
            try {
                idempotency.keep(office.id(), key, requestHash, 0, MAPPER.writeValueAsString(body), now);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new IssueOutcome.Refused(rejection);
    }

    private IssueOutcome replay(Office office, IdempotencyStore.Stored stored, byte[] requestHash) {
        if (!stored.sameRequest(requestHash)) {
            return new IssueOutcome.Refused(Rejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED,
                    Text.of("Idempotency-Key ini sudah dipakai untuk permintaan lain.",
                            "This Idempotency-Key was already used for a different request."), Map.of()));
        }
        try {
            JsonNode body = MAPPER.readTree(stored.response());
            if (stored.status() == 201) {
                Ticket ticket = tickets.byId(body.get("ticketId").asLong()).orElseThrow();
                JsonNode first = body.get("answer");
                // The first answer as it was given; only when it could not be kept, the ticket as it is now.
                return first != null ? new IssueOutcome.Issued(new TicketStatus(ticket, -1, -1, null, null), first.toString())
                        : new IssueOutcome.Issued(status(office, ticket));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> details = MAPPER.convertValue(body.get("details"), Map.class);
            return new IssueOutcome.Refused(Rejection.of(RejectionCode.valueOf(body.get("code").asText()),
                    Text.of(body.get("message").get("id").asText(), body.get("message").get("en").asText()), details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response is not JSON", e);
        }
    }

    /** Refused at the door for the health protocol: counted for the reports, with no personal data. */
    private void countHealthRefusal(Office office, IssueRequest request, Rejection rejection, Instant now) {
        db.inTransaction(tx -> {
            events.append(tx, office.id(), "HEALTH_REFUSED", null, null, Map.of(
                    "service", String.valueOf(request.service()),
                    "missing", rejection.details().get("missing"),
                    "channel", request.channel().name()), now);
            return null;
        });
    }

    public Optional<TicketStatus> status(String token) {
        return tickets.byToken(token).map(t -> status(offices.get(t.officeId()), t));
    }

    /** Where the ticket stands now; position and estimate only while it still waits. */
    public TicketStatus status(Office office, Ticket ticket) {
        var counter = ticket.counterId() == null ? null : office.settings().counter(ticket.counterId()).orElse(null);
        if (!ticket.state().isWaiting()) {
            return new TicketStatus(ticket, 0, 0, null, counter);
        }
        return waiting(office, ticket, tickets.peopleAhead(ticket));
    }

    /** Status of a waiting ticket with a known number of people ahead of it. */
    TicketStatus waiting(Office office, Ticket ticket, int ahead) {
        var counter = ticket.counterId() == null ? null : office.settings().counter(ticket.counterId()).orElse(null);
        Instant estimate = CallEstimate.at(clock.instant(), office.zone(), ticket.day(), ticket.slot(), ahead,
                office.settings().counters().size(), perResident);
        return new TicketStatus(ticket, ahead + 1, ahead, estimate, counter);
    }

    /** A resident cancels their own ticket (known by its token) while not yet called. */
    public TicketStatus cancel(String token) {
        Ticket ticket = tickets.byToken(token).orElseThrow(() -> new Rejected(notFound()));
        Office office = offices.get(ticket.officeId());
        Ticket after = tickets.transition(ticket.id(), TicketState.CANCELLED, "TICKET_CANCELLED", null, clock.instant(),
                (tx, locked) -> {
                    TicketStore.finish(tx, locked, TicketState.CANCELLED, null, clock.instant());
                    return Map.of("outcome", TicketState.CANCELLED.name());
                });
        room.admit(office);
        return status(office, after);
    }

    public static Rejection notFound() {
        return Rejection.of(RejectionCode.TICKET_NOT_FOUND,
                Text.of("Tiket tidak ditemukan.", "No such ticket."), Map.of());
    }

    /** What the kiosk shows before anyone touches it: open or not, quota left, next free slot. */
    public record KioskInfo(Office office, LocalDate today, ZonedDateTime now, boolean open,
                            java.time.LocalDateTime opensAt, String closesAt, int issued, int limit,
                            LocalDate nextFreeDay, Integer nextFreeSlot, int present, int waitingOutside) {
    }

    public KioskInfo kiosk(String officeId) {
        Office office = offices.get(officeId);
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(office.zone());
        LocalDate today = local.toLocalDate();
        OfficeSettings settings = office.settings();
        boolean open = OpeningHoursPolicy.isOpen(settings, office.zone(), now);
        int minute = local.getHour() * 60 + local.getMinute();
        String closesAt = open ? settings.hoursOn(today).stream()
                .filter(i -> i.open().toSecondOfDay() / 60 <= minute && minute < i.close().toSecondOfDay() / 60)
                .map(i -> i.close().toString()).findFirst().orElse(null) : null;
        Service inOffice = office.services().stream().filter(Service::inOffice).findFirst().orElse(null);
        int issued = 0;
        int limit = 0;
        LocalDate freeDay = null;
        Integer freeSlot = null;
        if (inOffice != null) {
            limit = settings.quota(inOffice.code());
            issued = tickets.availability(officeId, inOffice.code(), today, SlotPlan.of(settings, today), minute,
                    settings.slotCapacity()).issued();
            Rejection next = full(office, inOffice, today, now);
            @SuppressWarnings("unchecked")
            Map<String, Object> nextAvailable = (Map<String, Object>) next.details().get("nextAvailable");
            if (nextAvailable != null) {
                freeDay = LocalDate.parse((String) nextAvailable.get("day"));
                String hhmm = (String) nextAvailable.get("slotStart");
                freeSlot = Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
            }
        }
        TicketStore.RoomCounts counts = tickets.roomCounts(officeId, today, minute);
        return new KioskInfo(office, today, local, open,
                open ? null : OpeningHoursPolicy.nextOpening(settings, office.zone(), now).orElse(null),
                closesAt, issued, limit, freeDay, freeSlot, counts.present(), counts.outside());
    }

    private static LocalDate today(Office office, Instant now) {
        return now.atZone(office.zone()).toLocalDate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
