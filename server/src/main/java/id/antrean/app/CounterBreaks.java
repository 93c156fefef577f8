package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.antrean.domain.Counter;
import id.antrean.domain.CounterOpenPolicy;
import id.antrean.domain.CounterStatus;
import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Ticket;
import id.antrean.storage.CounterStatusStore;
import id.antrean.storage.TicketStore;

/**
 * Staff mark their counter on break (istirahat) or closed (tutup), and open again. A counter that
 * is not open calls nobody and receives no transfer; the display shows its status.
 */
public final class CounterBreaks {
    private final Offices offices;
    private final CounterStatusStore store;
    private final TicketStore tickets;
    private final Clock clock;

    public CounterBreaks(Offices offices, CounterStatusStore store, TicketStore tickets, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** A counter of the settings with its status now. */
    public record CounterNow(Counter counter, CounterStatus status, Instant since, String by) {
    }

    public List<CounterNow> counters(Office office) {
        Map<String, CounterStatusStore.Entry> set = store.all(office.id());
        List<CounterNow> out = new ArrayList<>();
        for (Counter c : office.settings().counters()) {
            CounterStatusStore.Entry e = set.get(c.id());
            out.add(e == null ? new CounterNow(c, CounterStatus.OPEN, null, null) : new CounterNow(c, e.status(), e.since(), e.by()));
        }
        return out;
    }

    public Map<String, CounterStatus> statuses(String officeId) {
        Map<String, CounterStatus> out = new LinkedHashMap<>();
        store.all(officeId).forEach((id, e) -> out.put(id, e.status()));
        return out;
    }

    public CounterNow set(String officeId, String counterId, CounterStatus status, String actor) {
        Office office = offices.get(officeId);
        Counter counter = CounterDesk.counter(office, counterId);
        Instant now = clock.instant();
        LocalDate today = now.atZone(office.zone()).toLocalDate();
        CounterStatusStore.Entry e = store.set(officeId, counterId, counter.name(), status, actor, now, tx -> {
            Ticket current = tickets.atCounter(officeId, today, counterId).orElse(null);
            CounterOpenPolicy.canLeave(counter, status, current).ifPresent(r -> {
                throw new Rejected(r);
            });
        });
        return new CounterNow(counter, e.status(), e.since(), e.by());
    }
}
