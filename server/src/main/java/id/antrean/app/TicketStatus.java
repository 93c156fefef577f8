package id.antrean.app;

import java.time.Instant;

import id.antrean.domain.Counter;
import id.antrean.domain.Ticket;

/** A ticket with where it stands in the queue now: what residents and staff see. */
public record TicketStatus(Ticket ticket, int position, int peopleAhead, Instant estimatedCallAt, Counter counter) {
}
