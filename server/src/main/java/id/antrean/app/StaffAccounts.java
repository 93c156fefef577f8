package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import id.antrean.domain.LoginThrottlePolicy;
import id.antrean.domain.PasswordPolicy;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Role;
import id.antrean.domain.StaffMember;
import id.antrean.domain.Text;
import id.antrean.storage.SessionStore;
import id.antrean.storage.StaffStore;

/** Staff accounts, logins and sessions. */
public final class StaffAccounts {
    private static final Logger LOG = Logger.getLogger(StaffAccounts.class.getName());

    private final StaffStore staff;
    private final SessionStore sessions;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final LoginAttempts attempts;
    private final Duration idleTimeout;

    public StaffAccounts(StaffStore staff, SessionStore sessions, Clock clock, PasswordHasher hasher,
                         LoginThrottlePolicy throttle, Duration idleTimeout) {
        this.staff = staff;
        this.sessions = sessions;
        this.clock = clock;
        this.hasher = hasher;
        this.attempts = new LoginAttempts(throttle, 100_000);
        this.idleTimeout = idleTimeout;
    }

    /** A logged-in staff member, as each request sees them. */
    public record Principal(String username, Role role, String csrfToken, byte[] tokenHash) {
    }

    /** A new session: the token goes into the cookie, the CSRF token to the page. */
    public record Login(String sessionToken, String csrfToken, StaffMember member) {
    }

    /** On the very first start there is nobody to log in: create the admin account. */
    public void ensureAdmin(String configuredPassword) {
        if (staff.count() > 0) {
            return;
        }
        String password = configuredPassword == null || configuredPassword.isBlank() ? Secrets.token(12) : configuredPassword;
        PasswordPolicy.check(password).ifPresent(r -> {
            throw new IllegalStateException("ANTREAN_ADMIN_PASSWORD: " + r.message().en());
        });
        if (PasswordPolicy.check(password, "admin").isPresent()) {
            // Not refused: the first start must succeed; the password is meant to be changed at once.
            LOG.warning("ANTREAN_ADMIN_PASSWORD contains the username 'admin': change it from the staff pages");
        }
        if (staff.create("admin", hasher.hash(password), Role.ADMIN, "system", clock.instant())
                && (configuredPassword == null || configuredPassword.isBlank())) {
            // Shown once so the office can log in; change it from the staff pages.
            LOG.warning("Created the account 'admin' with the one-time password: " + password);
        }
    }

    /**
     * Checks a login from {@code client} (its address). An unknown name, a wrong password and a
     * disabled account get the same answer after the same hash work; only the client's own failures
     * for that name lock it, never the account for everyone. The hash runs with no connection held.
     */
    public Login login(String username, String password, String client) {
        Instant now = clock.instant();
        LoginAttempts.Attempt attempt;
        try {
            attempt = attempts.begin(client, username, now);
        } catch (Rejected locked) {
            // A locked pair waits as long as the longest slowdown: retrying at once gains nothing.
            pause(attempts.policy().delay(attempts.policy().maxFailures()));
            throw locked;
        }
        Checked checked;
        try {
            checked = hasher.submit(() -> {
                // The read gives its connection back before the hash starts.
                Optional<StaffStore.Credentials> credentials = username == null || username.isBlank()
                        ? Optional.empty() : staff.credentials(username);
                return new Checked(credentials, PasswordHasher.matches(password == null ? "" : password,
                        credentials.map(StaffStore.Credentials::passwordHash).orElse(null)));
            });
        } catch (RuntimeException e) {
            attempt.cancelled();
            throw e;
        }
        Optional<StaffStore.Credentials> found = checked.found();
        boolean ok = checked.ok();
        if (!ok || found.get().member().disabled()) {
            if (attempt.locked()) {
                throw new Rejected(attempts.policy().locked(attempts.lockedUntil(attempt), now));
            }
            pause(attempt.delay());
            throw new Rejected(Rejection.of(RejectionCode.LOGIN_FAILED,
                    Text.of("Nama pengguna atau kata sandi salah.", "Wrong username or password."), Map.of()));
        }
        attempt.succeeded();
        String token = Secrets.token(32);
        String csrf = Secrets.token(24);
        sessions.create(Secrets.sha256(token), found.get().member().username(), csrf, now);
        return new Login(token, csrf, found.get().member());
    }

    private record Checked(Optional<StaffStore.Credentials> found, boolean ok) {
    }

    /** The growing slowdown: a parked virtual thread, holding no connection and no core. */
    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The staff member behind a session cookie, or why there is none. */
    public Principal authenticate(String sessionToken) {
        if (sessionToken == null || sessionToken.isBlank()) {
            throw new Rejected(notLoggedIn("MISSING"));
        }
        byte[] hash = Secrets.sha256(sessionToken);
        SessionStore.Session session = sessions.find(hash).orElseThrow(() -> new Rejected(notLoggedIn("UNKNOWN")));
        Instant now = clock.instant();
        if (session.disabled()) {
            sessions.delete(hash);
            throw new Rejected(notLoggedIn("DISABLED"));
        }
        if (session.lastSeenAt().plus(idleTimeout).isBefore(now)) {
            sessions.delete(hash);
            throw new Rejected(notLoggedIn("EXPIRED"));
        }
        // One write a minute at most per session keeps the idle clock without a write per request.
        if (session.lastSeenAt().plusSeconds(60).isBefore(now)) {
            sessions.touch(hash, now);
        }
        return new Principal(session.username(), session.role(), session.csrfToken(), hash);
    }

    public void logout(Principal principal) {
        sessions.delete(principal.tokenHash());
    }

    public static void require(Principal principal, Role role) {
        if (!principal.role().includes(role)) {
            throw new Rejected(Rejection.of(RejectionCode.FORBIDDEN,
                    Text.of("Halaman ini hanya untuk peran " + role + ".", "This needs the role " + role + "."),
                    Map.of("required", role.name(), "role", principal.role().name())));
        }
    }

    public List<StaffMember> list() {
        return staff.list();
    }

    public StaffMember create(String username, String password, Role role, String actor) {
        checkUsername(username);
        PasswordPolicy.check(password, username).ifPresent(r -> {
            throw new Rejected(r);
        });
        if (role == null) {
            throw new Rejected(invalid("role", "Peran wajib: OPERATOR, SUPERVISOR atau ADMIN.",
                    "A role is required: OPERATOR, SUPERVISOR or ADMIN."));
        }
        if (!staff.create(username, hasher.hash(password), role, actor, clock.instant())) {
            throw new Rejected(Rejection.of(RejectionCode.STAFF_EXISTS,
                    Text.of("Nama pengguna sudah dipakai: " + username + ".", "Username already taken: " + username + "."),
                    Map.of("username", username)));
        }
        return staff.find(username).orElseThrow();
    }

    /** Changes an account; fields left null stay as they are. */
    public StaffMember update(String username, Role role, Boolean disabled, String newPassword, String actor) {
        StaffMember current = staff.find(username).orElseThrow(() -> new Rejected(Rejection.of(RejectionCode.STAFF_NOT_FOUND,
                Text.of("Akun tidak ditemukan: " + username + ".", "No such account: " + username + "."),
                Map.of("username", username))));
        if (newPassword != null) {
            PasswordPolicy.check(newPassword, username).ifPresent(r -> {
                throw new Rejected(r);
            });
        }
        staff.update(username, role == null ? current.role() : role, disabled == null ? current.disabled() : disabled,
                newPassword == null ? null : hasher.hash(newPassword), actor, clock.instant());
        return staff.find(username).orElseThrow();
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[a-z0-9._-]{3,64}")) {
            throw new Rejected(invalid("username", "Nama pengguna: 3–64 huruf kecil, angka, titik, garis.",
                    "Username: 3–64 lower-case letters, digits, dots, dashes or underscores."));
        }
    }

    private static Rejection invalid(String field, String id, String en) {
        return Rejection.of(RejectionCode.INVALID_REQUEST, Text.of(id, en), Map.of("field", field));
    }

    private static Rejection notLoggedIn(String reason) {
        return Rejection.of(RejectionCode.NOT_LOGGED_IN,
                "EXPIRED".equals(reason)
                        ? Text.of("Sesi berakhir. Silakan masuk lagi.", "Your session has expired. Please log in again.")
                        : Text.of("Silakan masuk terlebih dahulu.", "Please log in first."),
                Map.of("reason", reason));
    }
}
