package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.Ticket;
import io.helidon.dbclient.DbRow;

/**
 * Residents' personal data over its lifetime: each office's retention settings, the retention
 * job's claim and erasure batches, erasing one ticket's data at once, and the reads that contact
 * tracing and a resident's own data need.
 */
public final class PrivacyStore {
    private final Database db;
    private final EventStore events;

    public PrivacyStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    /** An office's retention settings and its last retention run. */
    public record Retention(int keepDaysTicket, int keepDaysPickup, Instant lastRunAt, Integer lastRunErased) {
        public static final Retention DEFAULT = new Retention(30, 30, null, null);
    }

    public Retention retention(String officeId) {
        return db.read(exec -> exec.namedGet("privacy-office-get", officeId)
                .map(r -> new Retention(Rows.intOr(r, "keep_days_ticket", 30), Rows.intOr(r, "keep_days_pickup", 30),
                        Rows.instant(r, "last_run_at"), Rows.integer(r, "last_run_erased")))
                .orElse(Retention.DEFAULT));
    }

    /** Saves an office's retention settings and records the change in the audit trail. */
    public void putRetention(String officeId, int keepDaysTicket, int keepDaysPickup, String actor, Instant now) {
        db.inTransaction(tx -> {
            tx.namedInsert("privacy-office-ensure", officeId);
            tx.namedUpdate("privacy-office-put", keepDaysTicket, keepDaysPickup, Rows.ts(now), officeId);
            events.append(tx, officeId, "RETENTION_CHANGED", null, actor,
                    Map.of("keepDaysAfterTicket", keepDaysTicket, "keepDaysAfterPickup", keepDaysPickup), now);
            return null;
        });
    }

    /**
     * Claims the office's retention run for this node: only when no other node holds a live claim
     * and the last run is at least as old as {@code lastRunBefore}. Returns whether it was claimed.
     */
    public boolean claimRun(String officeId, String node, Instant now, Instant claimUntil, Instant lastRunBefore) {
        return db.read(exec -> {
            exec.namedInsert("privacy-office-ensure", officeId);
            return exec.namedUpdate("privacy-run-claim", node, Rows.ts(claimUntil), officeId, Rows.ts(now),
                    Rows.ts(lastRunBefore)) == 1;
        });
    }

    /**
     * Erases one holder's data past its time, batch by batch, each batch one auto-commit statement.
     * Returns how many rows were changed.
     */
    public long erase(PersonalDataHolders.Holder holder, String officeId, PersonalDataHolders.Cutoffs cutoffs, int batch) {
        Object[] bound = holder.params().of(officeId, cutoffs);
        Object[] params = java.util.Arrays.copyOf(bound, bound.length + 1);
        params[bound.length] = batch;
        long total = 0;
        while (true) {
            long changed = db.read(exec -> exec.namedDml(holder.statement(), params));
            total += changed;
            if (changed < batch) {
                return total;
            }
        }
    }

    /** Ends this node's claim and records the run: its counts go to the audit trail when anything was erased. */
    public void finishRun(String officeId, String node, Map<String, Long> counts, Instant now) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        db.inTransaction(tx -> {
            tx.namedUpdate("privacy-run-done", Rows.ts(now), (int) Math.min(Integer.MAX_VALUE, total), officeId, node);
            if (total > 0) {
                Map<String, Object> payload = new LinkedHashMap<>(counts);
                payload.put("total", total);
                events.append(tx, officeId, "PERSONAL_DATA_RETENTION_RUN", null, "system:retensi", payload, now);
            }
            return null;
        });
    }

    /**
     * Erases one ticket's personal data now (its consent, its messages' numbers and facts, the
     * reason in its refusal event): for a resident's request at the counter. Returns whether the
     * ticket still held any.
     */
    public boolean eraseTicketNow(Ticket t, Instant now, io.helidon.dbclient.DbExecute tx) {
        tx.namedDelete("erase-consent-of", t.id());
        tx.namedUpdate("erase-outbox-of", Rows.ts(now), t.id());
        if (t.finishedAt() != null) {
            tx.namedUpdate("erase-event-reason-of", t.officeId(), Rows.ts(t.finishedAt()), t.id());
        }
        return tx.namedUpdate("erase-ticket-now", Rows.ts(now), t.id()) > 0;
    }

    /** A resident deletes their WhatsApp number: consent withdrawn and the number gone from the ticket, consent and outbox. */
    public boolean eraseWhatsApp(Ticket t, Instant now) {
        return db.inTransaction(tx -> {
            boolean had = t.phone() != null;
            tx.namedUpdate("erase-ticket-phone-now", t.id());
            had |= tx.namedUpdate("consent-withdraw", Rows.ts(now), "MY_DATA", t.id()) > 0;
            had |= tx.namedUpdate("erase-outbox-of", Rows.ts(now), t.id()) > 0;
            events.append(tx, t.officeId(), "WHATSAPP_NUMBER_DELETED", t.id(), null, Map.of("number", t.number()), now);
            return had;
        });
    }

    public Database database() {
        return db;
    }

    /** A ticket's consent as stored (the number may be erased already). */
    public record ConsentRecord(String phone, String language, String textVersion, Instant consentedAt, Instant stoppedAt,
                                String stoppedVia) {
    }

    public Optional<ConsentRecord> consent(long ticketId) {
        return db.read(exec -> exec.namedGet("privacy-consent-of", ticketId).map(r -> new ConsentRecord(
                Rows.str(r, "phone"), Rows.str(r, "language"), Rows.str(r, "text_version"), Rows.instant(r, "consented_at"),
                Rows.instant(r, "stopped_at"), Rows.str(r, "stopped_via"))));
    }

    /** Messages of a ticket, and how many of them still carry the number. */
    public record MessageCount(long messages, long withNumber) {
    }

    public MessageCount messages(long ticketId) {
        return db.read(exec -> exec.namedGet("privacy-outbox-count", ticketId)
                .map(r -> new MessageCount(Rows.lng(r, "n"), Rows.lng(r, "with_number")))
                .orElse(new MessageCount(0, 0)));
    }

    /** The tickets issued to one NIK (its keyed hash), newest first; erased tickets no longer match. */
    public List<Ticket> ticketsOfNik(String officeId, byte[] nikHash, int limit) {
        return db.read(exec -> exec.namedQuery("privacy-tickets-of-nik", officeId, nikHash, limit)
                .map(TicketStore::ticket).toList());
    }

    public Optional<Ticket> ticketByNumber(String officeId, LocalDate day, String prefix, int number) {
        return db.read(exec -> exec.namedGet("trace-ticket-by-number", officeId, Rows.sqlDate(day), prefix, number)
                .map(TicketStore::ticket));
    }

    /** A ticket let into the room on the traced day, with its consent to messages, if any. */
    public record Present(Ticket ticket, Instant erasedAt, boolean consented, String consentPhone, Instant consentStopped) {
    }

    /** Everyone let into the waiting room on a day. */
    public List<Present> presentOn(String officeId, LocalDate day) {
        return db.read(exec -> exec.namedQuery("trace-day-present", officeId, Rows.sqlDate(day))
                .map(r -> new Present(TicketStore.ticket(r), Rows.instant(r, "erased_at"), Rows.raw(r, "consent_ticket") != null,
                        Rows.str(r, "consent_phone"), Rows.instant(r, "consent_stopped")))
                .toList());
    }

    /** A call, recall or start of service at a counter: who (staff) and when. */
    public record CounterStep(long ticketId, String actor, Instant at) {
    }

    public List<CounterStep> counterSteps(String officeId, Instant from, Instant to) {
        return db.read(exec -> {
            List<CounterStep> out = new ArrayList<>();
            exec.namedQuery("trace-day-calls", officeId, Rows.ts(from), Rows.ts(to)).forEach(r -> {
                Object id = Rows.raw(r, "ticket_id");
                if (id != null) {
                    out.add(new CounterStep(((Number) id).longValue(), Rows.str(r, "actor"), Rows.instant(r, "created_at")));
                }
            });
            return out;
        });
    }

    /** Whether a ticket's personal data has been erased, and when. */
    public Optional<Instant> erasedAt(long ticketId) {
        return db.read(exec -> exec.namedGet("ticket-by-id", ticketId).map(r -> Rows.instant(r, "erased_at")));
    }
}
