package id.antrean.app;

import id.antrean.domain.Rejection;

/** What a ticket request ended in: a ticket, or a refusal (the NIK's ticket of that day among them). */
public sealed interface IssueOutcome {
    /**
     * A ticket. {@code firstAnswer} is set when this repeats an Idempotency-Key whose first answer
     * was kept: that body is given again as it was, not the ticket's state of now.
     */
    record Issued(TicketStatus status, String firstAnswer) implements IssueOutcome {
        public Issued(TicketStatus status) {
            this(status, null);
        }
    }

    record Refused(Rejection rejection) implements IssueOutcome {
    }
}
