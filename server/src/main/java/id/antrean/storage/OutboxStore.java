package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.antrean.domain.DeliveryStatus;
import id.antrean.domain.NoticeKind;
import id.antrean.domain.NotificationConsent;
import id.antrean.domain.TicketNumber;
import id.antrean.domain.TicketState;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * The WhatsApp outbox and what it needs: per-office switches, residents' consent, the pace per
 * recipient. Rows are written in the caller's transaction; dispatch uses compare-and-set updates
 * (one statement each, auto-commit), never locks held across nodes.
 */
public final class OutboxStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<java.util.Map<String, String>> FACTS = new TypeReference<>() {
    };

    private final Database db;

    public OutboxStore(Database db) {
        this.db = db;
    }

    /** An office's notification switch; an office never set is off. */
    public record OfficeSwitch(boolean enabled, int nearAhead, int keepDays) {
        public static final OfficeSwitch OFF = new OfficeSwitch(false, 3, 30);
    }

    public OfficeSwitch officeSwitch(String officeId) {
        return db.read(exec -> officeSwitch(exec, officeId));
    }

    /** The same read on the caller's connection (inside a transaction: no second connection). */
    public static OfficeSwitch officeSwitch(DbExecute exec, String officeId) {
        return exec.namedGet("notify-office-get", officeId)
                .map(r -> new OfficeSwitch(Rows.bool(r, "enabled"), Rows.intOr(r, "near_ahead", 3), Rows.intOr(r, "keep_days", 30)))
                .orElse(OfficeSwitch.OFF);
    }

    public void putOfficeSwitch(String officeId, OfficeSwitch s, Instant now) {
        db.read(exec -> exec.namedInsert("notify-office-put", officeId, s.enabled(), s.nearAhead(), s.keepDays(), Rows.ts(now)));
    }

    /** Records a resident's yes, in the transaction that issues their ticket. */
    public static void consent(DbExecute tx, long ticketId, String officeId, String phone, NotificationConsent consent,
                               Instant now) {
        tx.namedInsert("consent-insert", ticketId, officeId, phone, consent.language(), consent.textVersion(), Rows.ts(now));
    }

    /** A consent as stored. */
    public record Consent(long ticketId, String phone, String language, String textVersion, Instant consentedAt,
                          Instant stoppedAt, String stoppedVia) {
    }

    public Optional<Consent> consentOf(long ticketId) {
        return db.read(exec -> exec.namedGet("consent-get", ticketId).map(r -> new Consent(Rows.lng(r, "ticket_id"),
                Rows.str(r, "phone"), Rows.str(r, "language"), Rows.str(r, "text_version"), Rows.instant(r, "consented_at"),
                Rows.instant(r, "stopped_at"), Rows.str(r, "stopped_via"))));
    }

    /** Stops messages for a ticket and drops those not yet sent, in one transaction. Returns whether it was active. */
    public boolean stop(long ticketId, String via, Instant now) {
        return db.inTransaction(tx -> {
            long changed = tx.namedUpdate("consent-stop", Rows.ts(now), via, ticketId);
            tx.namedUpdate("outbox-drop-ticket", "stopped by the resident", Rows.ts(now), ticketId);
            return changed > 0;
        });
    }

    /** Every ticket with an active consent for this number. */
    public List<Long> activeTicketsOf(String phone) {
        return db.read(exec -> exec.namedQuery("consent-active-for-phone", phone).map(r -> Rows.lng(r, "ticket_id")).toList());
    }

    /**
     * Queues one message in the caller's transaction, only if the ticket has an active consent; a
     * second row with the same dedupe key is ignored.
     */
    /** Drops a ticket's reminders not yet sent (its slot moved). */
    public static void dropReminders(DbExecute tx, long ticketId, String reason, Instant now) {
        tx.namedUpdate("outbox-drop-reminders", reason, Rows.ts(now), ticketId);
    }

    public static void enqueue(DbExecute tx, long ticketId, NoticeKind kind, String dedupeKey,
                               java.util.Map<String, String> facts, Instant notBefore, Instant now) {
        tx.namedInsert("outbox-enqueue", kind.name(), dedupeKey, json(facts), Rows.ts(notBefore), Rows.ts(notBefore),
                Rows.ts(now), ticketId);
    }

    /** A waiting ticket at the front of the queue, as far as "turn near" needs it. */
    public record FrontTicket(long id, String number, int ahead, boolean consented, boolean nearDone) {
    }

    /** The first {@code limit} waiting tickets of the day of {@code anyTicketOfTheDay}, in queue order. */
    public static List<FrontTicket> queueFront(DbExecute tx, String officeId, long anyTicketOfTheDay, int limit) {
        List<FrontTicket> front = new ArrayList<>();
        for (DbRow r : tx.namedQuery("outbox-queue-front", officeId, anyTicketOfTheDay, limit).toList()) {
            Integer number = Rows.integer(r, "number");
            front.add(new FrontTicket(Rows.lng(r, "id"),
                    number == null ? null : TicketNumber.format(Rows.str(r, "ticket_prefix"), number), front.size(),
                    Rows.raw(r, "consented") != null, Rows.lng(r, "near_done") > 0));
        }
        return front;
    }

    /** A due message with what the dispatcher needs to decide whether it still goes. */
    public record Due(long id, String officeId, long ticketId, NoticeKind kind, String recipient, String language,
                      java.util.Map<String, String> facts, int attempts, Instant notBefore, TicketState ticketState, boolean stopped) {
    }

    public List<Due> due(Instant now, int limit) {
        return db.read(exec -> exec.namedQuery("outbox-due", Rows.ts(now), Rows.ts(now), Rows.ts(now), Rows.ts(now), limit)
                .map(r -> new Due(Rows.lng(r, "id"), Rows.str(r, "office_id"), Rows.lng(r, "ticket_id"),
                        NoticeKind.valueOf(Rows.str(r, "kind")), Rows.str(r, "recipient"), Rows.str(r, "language"),
                        facts(Rows.str(r, "params")), Rows.intOr(r, "attempts", 0), Rows.instant(r, "not_before"),
                        TicketState.valueOf(Rows.str(r, "ticket_state")), Rows.raw(r, "stopped_at") != null))
                .toList());
    }

    /** Takes a row for this node until {@code until}; false when another node holds or finished it. */
    public boolean claim(long id, String node, Instant until, Instant now) {
        return db.read(exec -> exec.namedUpdate("outbox-claim", node, Rows.ts(until), id, Rows.ts(now))) == 1;
    }

    /** Takes the recipient's next send slot across nodes; false when one was sent too recently. */
    public boolean takePace(String recipient, Instant now, Instant next) {
        return db.read(exec -> exec.namedInsert("pace-insert", recipient, Rows.ts(next)) == 1
                || exec.namedUpdate("pace-take", Rows.ts(next), recipient, Rows.ts(now)) == 1);
    }

    public void sent(long id, String providerId, Instant now) {
        db.read(exec -> exec.namedUpdate("outbox-sent", providerId, Rows.ts(now), Rows.ts(now), id));
    }

    public void retryAt(long id, String node, Instant at, String reason) {
        db.read(exec -> exec.namedUpdate("outbox-retry", Rows.ts(at), cut(reason), id, node));
    }

    public void release(long id, String node, Instant at, String reason) {
        db.read(exec -> exec.namedUpdate("outbox-release", Rows.ts(at), reason == null ? null : cut(reason), id, node));
    }

    /** Ends a row: FAILED, DEAD or DROPPED, with why. */
    public void finish(long id, String state, String reason, Instant now) {
        db.read(exec -> exec.namedUpdate("outbox-final", state, cut(reason), Rows.ts(now), id));
    }

    /** A provider's status report; returns whether it moved the message's delivery forward. */
    public boolean delivery(String providerId, DeliveryStatus status, Instant at, String reason) {
        return db.read(exec -> exec.namedUpdate("outbox-delivery", status.name(), status.rank(), Rows.ts(at),
                reason == null ? null : cut(reason), providerId, status.rank())) > 0;
    }

    public boolean retry(String officeId, long id, Instant now) {
        return db.read(exec -> exec.namedUpdate("outbox-retry-manual", Rows.ts(now), id, officeId)) > 0;
    }

    /** A message as staff see it (the phone is masked by the caller). */
    public record Message(long id, long ticketId, String number, NoticeKind kind, String recipient, String state,
                          int attempts, int lostClaims, String delivery, Instant deliveryAt, String lastError,
                          Instant createdAt, Instant notBefore, Instant sentAt, String officeId) {
    }

    public List<Message> forDay(String officeId, LocalDate day, int limit) {
        return db.read(exec -> exec.namedQuery("outbox-for-day", officeId, Rows.sqlDate(day), limit).map(OutboxStore::message).toList());
    }

    public List<Message> problems(String officeId, int limit) {
        return db.read(exec -> exec.namedQuery("outbox-problems", officeId, limit).map(OutboxStore::message).toList());
    }

    public Optional<Message> byId(long id) {
        return db.read(exec -> exec.namedGet("outbox-by-id", id).map(OutboxStore::message));
    }

    /** One day's counts for the report. */
    public record DayCounts(LocalDate day, long sent, long delivered, long read, long failed, long maybeTwice) {
    }

    public List<DayCounts> report(String officeId, LocalDate from, LocalDate to) {
        return db.read(exec -> exec.namedQuery("outbox-report", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> new DayCounts(Rows.date(r, "day"), Rows.lng(r, "sent"), Rows.lng(r, "delivered"),
                        Rows.lng(r, "was_read"), Rows.lng(r, "failed"), Rows.lng(r, "maybe_twice")))
                .toList());
    }

    /** What the provider last answered on one node. */
    public record ProviderHealth(String node, boolean ok, String detail, Instant checkedAt) {
    }

    public void providerHealth(String node, boolean ok, String detail, Instant now) {
        db.read(exec -> exec.namedInsert("provider-health-put", node, ok, detail == null ? null : cut(detail), Rows.ts(now)));
    }

    public List<ProviderHealth> providerHealth() {
        return db.read(exec -> exec.namedQuery("provider-health-all").map(r -> new ProviderHealth(Rows.str(r, "node"),
                Rows.bool(r, "ok"), Rows.str(r, "detail"), Rows.instant(r, "checked_at"))).toList());
    }

    private static Message message(DbRow r) {
        Integer number = Rows.integer(r, "number");
        return new Message(Rows.lng(r, "id"), Rows.lng(r, "ticket_id"),
                number == null ? null : TicketNumber.format(Rows.str(r, "ticket_prefix"), number),
                NoticeKind.valueOf(Rows.str(r, "kind")), Rows.str(r, "recipient"), Rows.str(r, "state"),
                Rows.intOr(r, "attempts", 0), Rows.intOr(r, "lost_claims", 0), Rows.str(r, "delivery"),
                Rows.instant(r, "delivery_at"), Rows.str(r, "last_error"), Rows.instant(r, "created_at"),
                Rows.instant(r, "not_before"), Rows.instant(r, "sent_at"), Rows.str(r, "office_id"));
    }

    private static String json(java.util.Map<String, String> facts) {
        try {
            return MAPPER.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Map<String, String> facts(String json) {
        try {
            return MAPPER.readValue(json, FACTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored message parameters are not JSON", e);
        }
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
