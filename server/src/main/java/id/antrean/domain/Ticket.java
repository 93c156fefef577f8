package id.antrean.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An appointment ticket (tiket antrean). The NIK itself is not kept: only its last four digits for
 * staff and, in storage, a keyed hash for the one-ticket-per-day rule.
 */
public record Ticket(
        long id,
        String token,
        String officeId,
        String service,
        LocalDate day,
        String number,
        Slot slot,
        TicketState state,
        PriorityGroup priorityGroup,
        String urgencyReason,
        String urgencyNote,
        String nikLast4,
        boolean regionWarning,
        String name,
        String phone,
        Channel channel,
        String counterId,
        int recalls,
        String refuseReason,
        BigDecimal temperatureC,
        Instant issuedAt,
        Instant admittedAt,
        Instant calledAt,
        Instant servingAt,
        Instant finishedAt) {

    /** The same ticket still waiting, possibly let into the room since (BOOKED to ADMITTED). */
    public Ticket waitingAs(TicketState waitingState, Instant admittedAt) {
        if (!waitingState.isWaiting()) {
            throw new IllegalArgumentException(waitingState + " is not a waiting state");
        }
        return new Ticket(id, token, officeId, service, day, number, slot, waitingState, priorityGroup, urgencyReason,
                urgencyNote, nikLast4, regionWarning, name, phone, channel, counterId, recalls, refuseReason,
                temperatureC, issuedAt, admittedAt, calledAt, servingAt, finishedAt);
    }
}
