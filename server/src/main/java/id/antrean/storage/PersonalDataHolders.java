package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every place residents' personal data is stored, and how the retention job erases it once its
 * time is up. A feature that stores personal data in a table of its own adds one entry here (and
 * its named statement in {@code db/statements.yaml}); the job, its claim across nodes, its batches
 * and its audit entry then cover it without further code.
 */
public final class PersonalDataHolders {
    private PersonalDataHolders() {
    }

    /**
     * The moments before which data is past its time, for one office and one run: after a ticket
     * ended ({@code ticket}, and the office-local day {@code ticketDay}: a ticket whose whole day
     * lies before it has ended whatever its state), the earlier cutoff for WhatsApp numbers
     * ({@code phone}: what the kiosk promised, if shorter), after a document was collected
     * ({@code pickup}), and the window in which a kiosk may retry a request ({@code retry}).
     */
    public record Cutoffs(Instant now, Instant ticket, LocalDate ticketDay, Instant phone, LocalDate phoneDay,
                          Instant pickup, Instant retry) {
    }

    /** Binds a holder's statement parameters (all but the batch size, which comes last). */
    public interface Params {
        Object[] of(String officeId, Cutoffs c);
    }

    /**
     * One holder: what it is (the key of the run's counts in the audit entry), its named statement
     * (an idempotent UPDATE or DELETE ending in {@code LIMIT ?}, touching only rows that still hold
     * personal data), and its parameters.
     */
    public record Holder(String what, String statement, Params params) {
    }

    /** In order: the ticket's own columns last, as the others find their rows through the ticket's end. */
    public static final List<Holder> ALL = List.of(
            // WhatsApp numbers: the consent records, the outbox's recipients and message facts, the pace rows.
            new Holder("consents", "erase-consent",
                    (o, c) -> new Object[]{o, o, Rows.ts(c.phone()), Rows.sqlDate(c.phoneDay())}),
            new Holder("messages", "erase-outbox",
                    (o, c) -> new Object[]{o, o, Rows.ts(c.phone()), Rows.sqlDate(c.phoneDay())}),
            new Holder("pace", "erase-pace", (o, c) -> new Object[]{Rows.ts(c.phone())}),
            new Holder("ticketPhones", "erase-ticket-phone",
                    (o, c) -> new Object[]{o, Rows.ts(c.phone()), Rows.sqlDate(c.phoneDay())}),
            // Refusal reasons in the event feed (the audit trail keeps the refusal, not its words).
            new Holder("refusalReasons", "erase-event-reason", (o, c) -> new Object[]{o, Rows.ts(c.ticket())}),
            // Satisfaction survey comments (free text; the score and the count of comments stay for reports).
            new Holder("surveyComments", "erase-survey-comment",
                    (o, c) -> new Object[]{o, o, Rows.ts(c.ticket()), Rows.sqlDate(c.ticketDay())}),
            // Document pickups: their messages, then the document's name, number, last 4 and representative.
            new Holder("pickupMessages", "erase-pickup-outbox",
                    (o, c) -> new Object[]{o, o, Rows.ts(c.pickup()), Rows.ts(c.pickup())}),
            new Holder("pickups", "erase-pickup",
                    (o, c) -> new Object[]{Rows.ts(c.now()), o, Rows.ts(c.pickup()), Rows.ts(c.pickup())}),
            // Kiosk retries' stored answers and request hashes.
            new Holder("idempotencyKeys", "erase-idempotency", (o, c) -> new Object[]{o, Rows.ts(c.retry())}),
            // The ticket: NIK hash and last 4, name, phone, notes, temperature, priority group.
            new Holder("tickets", "erase-ticket",
                    (o, c) -> new Object[]{Rows.ts(c.now()), o, Rows.ts(c.ticket()), Rows.sqlDate(c.ticketDay())}));
}
