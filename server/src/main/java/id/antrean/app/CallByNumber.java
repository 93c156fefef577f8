package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.antrean.domain.Counter;
import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Service;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.TicketStore;

/**
 * Staff call one number of today's queue to their counter: a resident who stands at the desk, a
 * priority case, a number asked for by the supervisor. One still outside is let in early (while
 * the room has space). Of two counters calling the same number at once, one wins; the other is told
 * where it went (409 ALREADY_CALLED).
 */
public final class CallByNumber {
    /** "A-007", "a7", "A 007", or just "7" when the office has one in-office prefix. */
    private static final Pattern NUMBER = Pattern.compile("^\\s*([A-Za-z]{1,4})?\\s*-?\\s*(\\d{1,5})\\s*$");

    private final Offices offices;
    private final TicketStore tickets;
    private final CounterDesk desk;
    private final TicketDesk statuses;
    private final WaitingRoom room;
    private final Clock clock;

    public CallByNumber(Offices offices, TicketStore tickets, CounterDesk desk, TicketDesk statuses, WaitingRoom room,
                        Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.desk = desk;
        this.statuses = statuses;
        this.room = room;
        this.clock = clock;
    }

    public CounterDesk.Call call(String officeId, String counterId, String number, String actor) {
        Office office = offices.get(officeId);
        Counter counter = CounterDesk.counter(office, counterId);
        String[] parsed = parse(office, number);
        desk.requireOpen(office, counter);
        Instant now = clock.instant();
        LocalDate today = now.atZone(office.zone()).toLocalDate();
        Optional<Ticket> current = tickets.atCounter(officeId, today, counterId);
        if (current.isPresent()) {
            throw new Rejected(CounterDesk.busy(counter, current.get()));
        }
        Map<String, String> names = new LinkedHashMap<>();
        office.settings().counters().forEach(c -> names.put(c.id(), c.name()));
        String formatted = id.antrean.domain.TicketNumber.format(parsed[0], Integer.parseInt(parsed[1]));
        try {
            Optional<TicketStore.Called> called = tickets.callNumber(officeId, today, parsed[0], Integer.parseInt(parsed[1]),
                    counter.id(), counter.name(), names, actor, now, office.settings().roomCapacity());
            TicketStore.Called c = called.orElseThrow(() -> new Rejected(Rejection.of(RejectionCode.TICKET_NOT_FOUND,
                    Text.of("Nomor " + formatted + " tidak ada di antrean hari ini.",
                            "Number " + formatted + " is not in today's queue."),
                    Map.of("number", formatted))));
            if (c.early()) {
                room.admit(office);
            }
            return new CounterDesk.Call(statuses.status(office, c.ticket()), c.early());
        } catch (TicketStore.CounterBusy e) {
            Ticket other = tickets.atCounter(officeId, today, counterId).orElseThrow(() -> e);
            throw new Rejected(CounterDesk.busy(counter, other));
        }
    }

    /** Prefix and sequence of a number as staff type it; the prefix defaults to the office's only one. */
    static String[] parse(Office office, String raw) {
        Matcher m = raw == null ? null : NUMBER.matcher(raw);
        java.util.List<String> prefixes = office.services().stream().filter(Service::inOffice)
                .map(Service::ticketPrefix).filter(java.util.Objects::nonNull).distinct().toList();
        if (m == null || !m.matches() || (m.group(1) == null && prefixes.size() != 1)) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Tulis nomor antrean seperti A-007.", "Write the queue number like A-007."),
                    Map.of("field", "number")));
        }
        String prefix = m.group(1) == null ? prefixes.getFirst() : m.group(1).toUpperCase(Locale.ROOT);
        return new String[] {prefix, String.valueOf(Integer.parseInt(m.group(2)))};
    }
}
