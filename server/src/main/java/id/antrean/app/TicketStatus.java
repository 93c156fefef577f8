package id.antrean.app;

import java.time.Instant;

import id.antrean.domain.Counter;
import id.antrean.domain.Ticket;

/**
 * A ticket with where it stands in the queue now: what residents and staff see. A position below
 * zero means unknown (the ticket is stored, but the database could not be asked where it stands).
 */
public record TicketStatus(Ticket ticket, int position, int peopleAhead, Instant estimatedCallAt, Counter counter) {
    /** The ticket as committed, when reading its place in the queue failed afterwards. */
    static TicketStatus positionUnknown(Ticket ticket) {
        return new TicketStatus(ticket, -1, -1, null, null);
    }

    public boolean positionKnown() {
        return position >= 0;
    }
}
