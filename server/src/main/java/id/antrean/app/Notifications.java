package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import id.antrean.domain.IssueRequest;
import id.antrean.domain.NoticeKind;
import id.antrean.domain.NotificationConsent;
import id.antrean.domain.Office;
import id.antrean.domain.PhoneMask;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.EventStore;
import id.antrean.storage.OutboxStore;
import id.antrean.storage.TicketStore;
import io.helidon.dbclient.DbExecute;

/**
 * WhatsApp notifications: which change gets which message, written to the outbox in the
 * transaction of the change (as a follower of the event feed); residents' consent and stop; the
 * office's switch. Sending is {@link NotificationDispatcher}'s.
 */
public final class Notifications implements EventStore.Follower {
    /** How long a node trusts its copy of an office's switch before reading it again. */
    private static final Duration SWITCH_TTL = Duration.ofSeconds(2);
    /** The evening reminder for a later day goes out at this local time the day before. */
    private static final LocalTime EVENING = LocalTime.of(18, 0);

    private final OutboxStore store;
    private final TicketStore tickets;
    private final Offices offices;
    private final boolean providerConfigured;
    private final Clock clock;
    private final ConcurrentHashMap<String, Switch> switches = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ZoneId> zones = new ConcurrentHashMap<>();

    private record Switch(OutboxStore.OfficeSwitch value, Instant readAt) {
    }

    public Notifications(OutboxStore store, TicketStore tickets, Offices offices, boolean providerConfigured, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.offices = offices;
        this.providerConfigured = providerConfigured;
        this.clock = clock;
    }

    public boolean providerConfigured() {
        return providerConfigured;
    }

    /** Notifications are on for the office: its switch is on and the provider is configured. */
    public boolean enabled(String officeId) {
        return providerConfigured && switchOf(officeId).enabled();
    }

    public OutboxStore.OfficeSwitch switchOf(String officeId) {
        Switch known = switches.get(officeId);
        if (known != null && known.readAt().plus(SWITCH_TTL).isAfter(clock.instant())) {
            return known.value();
        }
        OutboxStore.OfficeSwitch fresh = store.officeSwitch(officeId);
        switches.put(officeId, new Switch(fresh, clock.instant()));
        return fresh;
    }

    private OutboxStore.OfficeSwitch switchOf(DbExecute tx, String officeId) {
        Switch known = switches.get(officeId);
        if (known != null && known.readAt().plus(SWITCH_TTL).isAfter(clock.instant())) {
            return known.value();
        }
        OutboxStore.OfficeSwitch fresh = OutboxStore.officeSwitch(tx, officeId);
        switches.put(officeId, new Switch(fresh, clock.instant()));
        return fresh;
    }

    /** An admin turns notifications on or off for the office. */
    public OutboxStore.OfficeSwitch setSwitch(String officeId, boolean enabled, int nearAhead, int keepDays) {
        offices.get(officeId);
        if (nearAhead < 1 || nearAhead > 20 || keepDays < 1 || keepDays > 365) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("\"Giliran hampir tiba\" 1–20 orang; simpan nomor 1–365 hari.",
                            "\"Turn near\" takes 1 to 20 people; numbers are kept 1 to 365 days."),
                    Map.of("field", nearAhead < 1 || nearAhead > 20 ? "nearAhead" : "keepDays")));
        }
        if (enabled && !providerConfigured) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("WhatsApp Business belum diatur di server: notifikasi tidak dapat dinyalakan.",
                            "WhatsApp Business is not configured on the server: notifications cannot be turned on."),
                    Map.of("field", "enabled")));
        }
        OutboxStore.OfficeSwitch s = new OutboxStore.OfficeSwitch(enabled, nearAhead, keepDays);
        store.putOfficeSwitch(officeId, s, clock.instant());
        switches.remove(officeId);
        return s;
    }

    /**
     * The consent to record with a new ticket: only when the resident said yes, gave a number and
     * the office sends messages at all (with notifications off, nothing is promised or kept as consent).
     */
    public NotificationConsent consentFor(Office office, IssueRequest request) {
        zones.put(office.id(), office.zone());
        if (request.consent() == null || request.phone() == null || !enabled(office.id())) {
            return null;
        }
        return request.consent();
    }

    /** A resident stops messages from the ticket page. Returns whether they were on. */
    public boolean stop(String token) {
        Ticket ticket = tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        return store.stop(ticket.id(), "TICKET_PAGE", clock.instant());
    }

    /** An inbound STOP / BERHENTI: every active consent of that number ends. Returns how many. */
    private volatile java.util.function.Consumer<String> alsoOnStop;

    /** Something else that messages this number and must stop too (document pickup). */
    public void alsoOnStop(java.util.function.Consumer<String> stop) {
        this.alsoOnStop = stop;
    }

    public int stopNumber(String e164) {
        java.util.function.Consumer<String> other = alsoOnStop;
        if (other != null) {
            other.accept(e164);
        }
        int n = 0;
        for (long ticketId : store.activeTicketsOf(e164)) {
            if (store.stop(ticketId, "WHATSAPP_REPLY", clock.instant())) {
                n++;
            }
        }
        return n;
    }

    /** Whether a ticket's resident gets messages now (for the ticket page). */
    public Optional<OutboxStore.Consent> consentOfToken(String token) {
        Ticket ticket = tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        return store.consentOf(ticket.id());
    }

    @Override
    public void appended(DbExecute tx, String officeId, String type, Long ticketId, String actor, Map<String, ?> payload,
                         Instant at) {
        if (ticketId == null || officeId == null || !providerConfigured) {
            return;
        }
        OutboxStore.OfficeSwitch sw = switchOf(tx, officeId);
        if (!sw.enabled()) {
            return;
        }
        long id = ticketId;
        switch (type) {
            case "TICKET_ISSUED" -> issued(tx, officeId, id, payload, at);
            case "TICKET_MOVED" -> {
                // Booking from home moved to another slot (issue 15): reminders for the old time go.
                OutboxStore.dropReminders(tx, id, "moved to another slot", at);
                reminders(tx, officeId, id, payload, at, ":" + payload.get("day") + "@" + ((Map<?, ?>) payload.get("slot")).get("start"));
            }
            case "TICKET_ADMITTED" -> OutboxStore.enqueue(tx, id, NoticeKind.ADMITTED, "admitted:" + id, Map.of(), at, at);
            case "TICKET_CALLED" -> {
                OutboxStore.enqueue(tx, id, NoticeKind.CALLED, "called:" + id, Map.of(), at, at);
                turnNear(tx, officeId, id, sw.nearAhead(), at);
            }
            case "TICKET_RECALLED" -> OutboxStore.enqueue(tx, id, NoticeKind.RECALLED,
                    "recalled:" + id + ":" + payload.get("recalls"), Map.of(), at, at);
            case "TICKET_FINISHED" -> {
                Object outcome = payload.get("outcome");
                if ("NO_SHOW".equals(outcome)) {
                    OutboxStore.enqueue(tx, id, NoticeKind.NO_SHOW, "no-show:" + id, Map.of(), at, at);
                } else if ("REFUSED".equals(outcome)) {
                    OutboxStore.enqueue(tx, id, NoticeKind.REFUSED, "refused:" + id, Map.of(), at, at);
                }
            }
            case "TICKET_CANCELLED" -> {
                // A resident who cancelled knows it; staff cancelling is news to them.
                if (actor != null) {
                    OutboxStore.enqueue(tx, id, NoticeKind.CANCELLED, "cancelled:" + id, Map.of(), at, at);
                }
                turnNear(tx, officeId, id, sw.nearAhead(), at);
            }
            default -> {
            }
        }
    }

    private void issued(DbExecute tx, String officeId, long id, Map<String, ?> payload, Instant at) {
        OutboxStore.enqueue(tx, id, NoticeKind.ISSUED, "issued:" + id, Map.of(), at, at);
        reminders(tx, officeId, id, payload, at, "");
    }

    /** The evening-before and hour-before reminders of a ticket for a later day ({@code keySuffix} tells a moved one's apart). */
    private void reminders(DbExecute tx, String officeId, long id, Map<String, ?> payload, Instant at, String keySuffix) {
        ZoneId zone = zones.get(officeId);
        Object day = payload.get("day");
        Object slot = payload.get("slot");
        if (zone == null || day == null || !(slot instanceof Map<?, ?> s)) {
            return;
        }
        LocalDate ticketDay = LocalDate.parse(day.toString());
        if (!ticketDay.isAfter(at.atZone(zone).toLocalDate())) {
            return;
        }
        Instant evening = ticketDay.minusDays(1).atTime(EVENING).atZone(zone).toInstant();
        if (evening.isAfter(at)) {
            OutboxStore.enqueue(tx, id, NoticeKind.REMINDER_EVENING, "evening:" + id + keySuffix, Map.of(), evening, at);
        }
        Instant hourBefore = ticketDay.atTime(LocalTime.parse(s.get("start").toString())).atZone(zone).toInstant()
                .minus(Duration.ofHours(1));
        if (hourBefore.isAfter(at)) {
            OutboxStore.enqueue(tx, id, NoticeKind.REMINDER_HOUR, "hour:" + id + keySuffix, Map.of(), hourBefore, at);
        }
    }

    /** Once per ticket, when at most N people are ahead of it. */
    private static void turnNear(DbExecute tx, String officeId, long anyTicketOfTheDay, int nearAhead, Instant at) {
        List<OutboxStore.FrontTicket> front = OutboxStore.queueFront(tx, officeId, anyTicketOfTheDay, nearAhead + 1);
        for (OutboxStore.FrontTicket t : front) {
            if (t.consented() && !t.nearDone()) {
                OutboxStore.enqueue(tx, t.id(), NoticeKind.TURN_NEAR, "near:" + t.id(),
                        Map.of("ahead", Integer.toString(t.ahead())), at, at);
            }
        }
    }

    /** A message as supervisors see it: the number masked to its last four digits. */
    public record MessageView(OutboxStore.Message message, String maskedPhone) {
    }

    public List<MessageView> forDay(String officeId, LocalDate day) {
        offices.get(officeId);
        return store.forDay(officeId, day, 500).stream().map(m -> new MessageView(m, PhoneMask.mask(m.recipient()))).toList();
    }

    public List<MessageView> problems(String officeId) {
        offices.get(officeId);
        return store.problems(officeId, 200).stream().map(m -> new MessageView(m, PhoneMask.mask(m.recipient()))).toList();
    }

    /** A supervisor sends a failed or dead message again. */
    public MessageView retry(String officeId, long id) {
        if (!store.retry(officeId, id, clock.instant())) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of("Hanya pesan yang gagal dapat dikirim ulang.", "Only a failed message can be sent again."),
                    Map.of("id", id)));
        }
        OutboxStore.Message m = store.byId(id).orElseThrow();
        return new MessageView(m, PhoneMask.mask(m.recipient()));
    }

    public List<OutboxStore.DayCounts> report(String officeId, LocalDate from, LocalDate to) {
        offices.get(officeId);
        return store.report(officeId, from, to);
    }

    public List<OutboxStore.ProviderHealth> providerHealth() {
        return store.providerHealth();
    }
}
