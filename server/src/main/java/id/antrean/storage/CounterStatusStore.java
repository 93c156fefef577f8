package id.antrean.storage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.CounterStatus;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** Which counters are on break or closed (V40); a counter without a row is open. */
public final class CounterStatusStore {
    private final Database db;
    private final EventStore events;

    public CounterStatusStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    /** A counter's status as last set, with when and by whom (null for a counter never set). */
    public record Entry(String counterId, CounterStatus status, Instant since, String by) {
    }

    public Map<String, Entry> all(String officeId) {
        return db.read(exec -> all(exec, officeId));
    }

    public Map<String, Entry> all(DbExecute exec, String officeId) {
        Map<String, Entry> out = new LinkedHashMap<>();
        exec.namedQuery("counter-status-all", officeId).forEach(r -> {
            Entry e = entry(r);
            out.put(e.counterId(), e);
        });
        return out;
    }

    public Optional<Entry> get(DbExecute exec, String officeId, String counterId) {
        return exec.namedGet("counter-status-get", officeId, counterId).map(CounterStatusStore::entry);
    }

    /** Sets the status and writes the COUNTER_STATUS event (audit and displays) in one transaction. */
    public Entry set(String officeId, String counterId, String counterName, CounterStatus status, String actor, Instant now,
                     java.util.function.Consumer<DbExecute> check) {
        return db.inTransaction(tx -> {
            check.accept(tx);
            CounterStatus previous = get(tx, officeId, counterId).map(Entry::status).orElse(CounterStatus.OPEN);
            tx.namedInsert("counter-status-put", officeId, counterId, status.name(), Rows.ts(now), actor);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("counter", Map.of("id", counterId, "name", counterName));
            payload.put("status", status.name());
            payload.put("previous", previous.name());
            events.append(tx, officeId, "COUNTER_STATUS", null, actor, payload, now);
            return new Entry(counterId, status, now, actor);
        });
    }

    private static Entry entry(DbRow r) {
        CounterStatus s = CounterStatus.parse(Rows.str(r, "status"));
        return new Entry(Rows.str(r, "counter_id"), s == null ? CounterStatus.OPEN : s, Rows.instant(r, "since"),
                Rows.str(r, "changed_by"));
    }
}
