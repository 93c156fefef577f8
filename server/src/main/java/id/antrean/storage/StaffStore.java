package id.antrean.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.Role;
import id.antrean.domain.StaffMember;
import io.helidon.dbclient.DbRow;

/** Staff accounts. Every change is also an event with its actor, for the audit list. */
public final class StaffStore {
    private final Database db;
    private final EventStore events;

    public StaffStore(Database db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    /** An account with its password hash and login-failure state, for authentication only. */
    public record Credentials(StaffMember member, String passwordHash, int failedLogins) {
    }

    public Optional<Credentials> credentials(String username) {
        return db.read(exec -> exec.namedGet("staff-get", username)
                .map(r -> new Credentials(member(r), Rows.str(r, "password_hash"), Rows.intOr(r, "failed_logins", 0))));
    }

    public Optional<StaffMember> find(String username) {
        return credentials(username).map(Credentials::member);
    }

    public List<StaffMember> list() {
        return db.read(exec -> exec.namedQuery("staff-list").map(StaffStore::member).toList());
    }

    public long count() {
        return db.read(exec -> exec.namedGet("staff-count").map(r -> Rows.lng(r, "n")).orElse(0L));
    }

    /** Creates an account; false when the username is taken. */
    public boolean create(String username, String passwordHash, Role role, String actor, Instant now) {
        try {
            db.inTransaction(tx -> {
                tx.namedInsert("staff-insert", username, passwordHash, role.name(), Rows.ts(now), Rows.ts(now));
                events.append(tx, null, "STAFF_CREATED", null, actor, Map.of("username", username, "role", role.name()), now);
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            if (DuplicateKey.on(e, "PRIMARY")) {
                return false;
            }
            throw e;
        }
    }

    /** Changes role, disabled flag and (when given) password; disabling or a new password ends sessions. */
    public void update(String username, Role role, boolean disabled, String newPasswordHash, String actor, Instant now) {
        db.inTransaction(tx -> {
            StaffMember before = tx.namedGet("staff-get", username).map(StaffStore::member).orElseThrow();
            tx.namedUpdate("staff-update", role.name(), disabled, Rows.ts(now), username);
            if (newPasswordHash != null) {
                tx.namedUpdate("staff-set-password", newPasswordHash, Rows.ts(now), username);
            }
            if (disabled || newPasswordHash != null || before.role() != role) {
                tx.namedDelete("session-delete-user", username);
            }
            events.append(tx, null, "STAFF_UPDATED", null, actor, Map.of("username", username,
                    "role", Map.of("old", before.role().name(), "new", role.name()),
                    "disabled", Map.of("old", before.disabled(), "new", disabled),
                    "passwordReset", newPasswordHash != null), now);
            return null;
        });
    }

    private static StaffMember member(DbRow r) {
        return new StaffMember(Rows.str(r, "username"), Role.valueOf(Rows.str(r, "role")), Rows.bool(r, "disabled"),
                Rows.instant(r, "locked_until"), Rows.instant(r, "created_at"));
    }
}
