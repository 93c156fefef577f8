package id.antrean.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** Responses already given for a client's Idempotency-Key, so a retry gets the same answer. */
public final class IdempotencyStore {
    private final Database db;

    public IdempotencyStore(Database db) {
        this.db = db;
    }

    /** What was answered: for a ticket, its id; for a refusal, the error body as JSON. */
    public record Stored(byte[] requestHash, int status, String response) {
        public boolean sameRequest(byte[] hash) {
            return Arrays.equals(requestHash, hash);
        }
    }

    public Optional<Stored> find(String officeId, String key) {
        return db.read(exec -> exec.namedGet("idem-get", officeId, key)
                .map(r -> new Stored(Rows.bytes(r, "request_hash"), Rows.integer(r, "status"), Rows.str(r, "response"))));
    }

    /**
     * Keeps the body first answered for a ticket next to its id, unless one is kept already. Its
     * own statement after the answer has gone out: the issuing transaction knows the ticket, not
     * yet its place in the queue.
     */
    public void rememberAnswer(String officeId, String key, long ticketId, String answer) {
        String response = "{\"ticketId\":" + ticketId + ",\"answer\":" + answer + "}";
        db.read(exec -> exec.namedUpdate("idem-answer", response, officeId, key, ticketId));
    }

    /** Keeps a refusal; if another request stored its answer first, that one stays. */
    public void keep(String officeId, String key, byte[] requestHash, int status, String response, Instant now) {
        db.read(exec -> exec.namedInsert("idem-insert-ignore", officeId, key, requestHash, status, response, Rows.ts(now)));
    }
}
