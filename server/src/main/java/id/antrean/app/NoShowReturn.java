package id.antrean.app;

import java.time.Clock;
import java.time.LocalDate;

import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.RequeuePolicy;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.TicketStore;

/**
 * A resident marked "Tidak hadir" comes after all, the same day: staff put the ticket back in the
 * queue at the place its slot gives it. It waits outside and the waiting room lets it in as usual
 * (at once when its slot has begun and there is space).
 */
public final class NoShowReturn {
    private final Offices offices;
    private final TicketStore tickets;
    private final WaitingRoom room;
    private final TicketDesk desk;
    private final Clock clock;

    public NoShowReturn(Offices offices, TicketStore tickets, WaitingRoom room, TicketDesk desk, Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.room = room;
        this.desk = desk;
        this.clock = clock;
    }

    public TicketStatus requeue(long ticketId, String actor) {
        Ticket ticket = tickets.byId(ticketId).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        Office office = offices.get(ticket.officeId());
        LocalDate today = clock.instant().atZone(office.zone()).toLocalDate();
        try {
            tickets.requeue(ticketId, actor, clock.instant(), locked -> RequeuePolicy.check(locked, today));
        } catch (TicketStore.NikActiveElsewhere e) {
            throw new Rejected(Rejection.of(RejectionCode.ALREADY_HAS_TICKET,
                    Text.of("Warga ini sudah mengambil nomor lain hari ini; " + ticket.number() + " tidak dapat dikembalikan.",
                            "This resident has taken another number today; " + ticket.number() + " cannot return."),
                    java.util.Map.of("number", ticket.number())));
        }
        room.admit(office);
        return desk.status(office, tickets.byId(ticketId).orElseThrow());
    }
}
