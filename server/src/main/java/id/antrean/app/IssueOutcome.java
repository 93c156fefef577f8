package id.antrean.app;

import id.antrean.domain.Rejection;

/** What a ticket request ended in: a ticket, a refusal, or the ticket this NIK already has today. */
public sealed interface IssueOutcome {
    record Issued(TicketStatus status) implements IssueOutcome {
    }

    record Refused(Rejection rejection) implements IssueOutcome {
    }

    record AlreadyHasTicket(Rejection rejection, TicketStatus existing) implements IssueOutcome {
    }
}
