package id.antrean.storage;

import java.time.Instant;
import java.util.Optional;

import id.antrean.domain.Role;

/** Staff login sessions, looked up by the hash of the cookie's token. */
public final class SessionStore {
    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** A session with what each request needs to know about its staff member. */
    public record Session(String username, String csrfToken, Instant lastSeenAt, Role role, boolean disabled) {
    }

    public void create(byte[] tokenHash, String username, String csrfToken, Instant now) {
        db.read(exec -> exec.namedInsert("session-insert", tokenHash, username, csrfToken, Rows.ts(now), Rows.ts(now)));
    }

    public Optional<Session> find(byte[] tokenHash) {
        return db.read(exec -> exec.namedGet("session-get", tokenHash)
                .map(r -> new Session(Rows.str(r, "username"), Rows.str(r, "csrf_token"), Rows.instant(r, "last_seen_at"),
                        Role.valueOf(Rows.str(r, "role")), Rows.bool(r, "disabled"))));
    }

    public void touch(byte[] tokenHash, Instant now) {
        db.read(exec -> exec.namedUpdate("session-touch", Rows.ts(now), tokenHash));
    }

    public void delete(byte[] tokenHash) {
        db.read(exec -> exec.namedDelete("session-delete", tokenHash));
    }
}
