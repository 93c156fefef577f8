package id.antrean.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * The event feed: one row per state change, written in the transaction that makes the change.
 * Payloads carry no personal data (no NIK, name or phone).
 */
public final class EventStore {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Database db;
    private final List<Follower> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public EventStore(Database db) {
        this.db = db;
    }

    /**
     * Work that must commit or roll back with an event (the WhatsApp outbox): called inside the
     * transaction that appends it, right after the event row is written.
     */
    public interface Follower {
        void appended(DbExecute tx, String officeId, String type, Long ticketId, String actor, Map<String, ?> payload,
                      Instant at);
    }

    public void follow(Follower follower) {
        followers.add(follower);
    }

    /** An event as read back from the feed. */
    public record Event(long id, String officeId, String type, Long ticketId, String actor, JsonNode payload,
                        Instant createdAt) {
    }

    public void append(DbExecute tx, String officeId, String type, Long ticketId, String actor,
                       Map<String, ?> payload, Instant at) {
        try {
            tx.namedInsert("event-insert", officeId, type, ticketId, actor, MAPPER.writeValueAsString(payload), Rows.ts(at));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload is not JSON", e);
        }
        for (Follower f : followers) {
            f.appended(tx, officeId, type, ticketId, actor, payload, at);
        }
    }

    /** Events of an office after the given id, oldest first. */
    public List<Event> after(String officeId, long afterId, int limit) {
        return db.read(exec -> exec.namedQuery("event-after", officeId, afterId, limit).map(EventStore::event).toList());
    }

    /** The newest event id, 0 when there is none. */
    public long maxId() {
        return db.read(exec -> exec.namedGet("event-max-id").map(r -> Rows.lng(r, "id")).orElse(0L));
    }

    /** Events of every office after the given id, oldest first: what a node's feed polls. */
    public List<Event> allAfter(long afterId, int limit) {
        return db.read(exec -> exec.namedQuery("event-all-after", afterId, limit).map(EventStore::event).toList());
    }

    /** Ids of every office above {@code afterId} and at most {@code upTo}, ascending: the feed's check for late commits. */
    public List<Long> idsBetween(long afterId, long upTo, int limit) {
        return db.read(exec -> exec.namedQuery("event-ids-between", afterId, upTo, limit)
                .map(r -> Rows.lng(r, "id")).toList());
    }

    /** One event by id. */
    public Optional<Event> byId(long id) {
        return db.read(exec -> exec.namedGet("event-get", id).map(EventStore::event));
    }

    /** Calls and recalls of an office since a moment, newest first. */
    public List<Event> recentCalls(DbExecute exec, String officeId, Instant since, int limit) {
        return exec.namedQuery("event-recent-calls", officeId, Rows.ts(since), limit).map(EventStore::event).toList();
    }

    public long maxId(DbExecute exec) {
        return exec.namedGet("event-max-id").map(r -> Rows.lng(r, "id")).orElse(0L);
    }

    /** Changes made by staff (events with an actor), newest first, before the given id. */
    public List<Event> audit(long beforeId, int limit) {
        return db.read(exec -> exec.namedQuery("event-audit", beforeId, limit).map(EventStore::event).toList());
    }

    /** The audit trail filtered by actor and type (null or blank: any), newest first, before the given id. */
    public List<Event> audit(long beforeId, String actor, String type, int limit) {
        String a = actor == null ? "" : actor.strip();
        String t = type == null ? "" : type.strip();
        return db.read(exec -> exec.namedQuery("event-audit-filtered", beforeId, a, a, t, t, limit)
                .map(EventStore::event).toList());
    }

    private static Event event(DbRow r) {
        Object ticket = Rows.raw(r, "ticket_id");
        try {
            return new Event(Rows.lng(r, "id"), Rows.str(r, "office_id"), Rows.str(r, "type"),
                    ticket == null ? null : ((Number) ticket).longValue(), Rows.str(r, "actor"),
                    MAPPER.readTree(Rows.str(r, "payload")), Rows.instant(r, "created_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event payload is not JSON", e);
        }
    }
}
