package id.antrean.app;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import id.antrean.domain.Counter;
import id.antrean.domain.CounterStatus;
import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.domain.TransferPolicy;
import id.antrean.storage.CounterStatusStore;
import id.antrean.storage.TicketStore;

/**
 * Staff hand the resident at their counter to another counter (the device failed, another counter
 * does this case): the ticket is called to the other counter, so the display and the resident's
 * page send them there, and that counter starts with the PPE check.
 */
public final class TicketTransfer {
    private final Offices offices;
    private final TicketStore tickets;
    private final CounterStatusStore statuses;
    private final TicketDesk desk;
    private final Clock clock;

    public TicketTransfer(Offices offices, TicketStore tickets, CounterStatusStore statuses, TicketDesk desk, Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.statuses = statuses;
        this.desk = desk;
        this.clock = clock;
    }

    public TicketStatus transfer(long ticketId, String targetCounterId, String actor) {
        Ticket ticket = tickets.byId(ticketId).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        Office office = offices.get(ticket.officeId());
        if (targetCounterId == null || targetCounterId.isBlank()) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Pilih loket tujuan.", "Choose the counter to transfer to."), Map.of("field", "counter")));
        }
        Counter target = office.settings().counter(targetCounterId).orElseThrow(() -> new Rejected(Rejection.of(
                RejectionCode.INVALID_REQUEST, Text.of("Loket tujuan tidak dikenal: " + targetCounterId + ".",
                        "No such counter to transfer to: " + targetCounterId + "."),
                Map.of("field", "counter"))));
        CounterStatusStore.Entry entry = statuses.all(office.id()).get(target.id());
        CounterStatus targetStatus = entry == null ? CounterStatus.OPEN : entry.status();
        String fromName = ticket.counterId() == null ? "" : office.settings().counter(ticket.counterId())
                .map(Counter::name).orElse("Loket " + ticket.counterId());
        try {
            Ticket after = tickets.transfer(ticketId, actor, clock.instant(),
                    locked -> TransferPolicy.check(locked, target, targetStatus), target.id(), target.name(), fromName);
            return desk.status(office, after);
        } catch (TicketStore.CounterBusy e) {
            LocalDate today = clock.instant().atZone(office.zone()).toLocalDate();
            Ticket other = tickets.atCounter(office.id(), today, target.id()).orElseThrow(() -> e);
            throw new Rejected(CounterDesk.busy(target, other));
        }
    }
}
