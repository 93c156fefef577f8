package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

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
    private final int maxFailures;
    private final Duration lockFor;
    private final Duration idleTimeout;

    public StaffAccounts(StaffStore staff, SessionStore sessions, Clock clock, int maxFailures, Duration lockFor,
                         Duration idleTimeout) {
        this.staff = staff;
        this.sessions = sessions;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
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
        if (staff.create("admin", PasswordHasher.hash(password), Role.ADMIN, "system", clock.instant())
                && (configuredPassword == null || configuredPassword.isBlank())) {
            // Shown once so the office can log in; change it from the staff pages.
            LOG.warning("Created the account 'admin' with the one-time password: " + password);
        }
    }

    public Login login(String username, String password) {
        Instant now = clock.instant();
        Optional<StaffStore.Credentials> found = username == null ? Optional.empty() : staff.credentials(username);
        if (found.isPresent() && found.get().member().lockedUntil() != null && found.get().member().lockedUntil().isAfter(now)) {
            throw new Rejected(locked(found.get().member().lockedUntil()));
        }
        boolean ok = PasswordHasher.matches(password == null ? "" : password, found.map(StaffStore.Credentials::passwordHash).orElse(null));
        if (!ok || found.get().member().disabled()) {
            if (found.isPresent()) {
                staff.loginFailed(username, maxFailures, now.plus(lockFor));
                if (found.get().failedLogins() + 1 >= maxFailures) {
                    throw new Rejected(locked(now.plus(lockFor)));
                }
            }
            throw new Rejected(Rejection.of(RejectionCode.LOGIN_FAILED,
                    Text.of("Nama pengguna atau kata sandi salah.", "Wrong username or password."), Map.of()));
        }
        staff.loginSucceeded(username);
        String token = Secrets.token(32);
        String csrf = Secrets.token(24);
        sessions.create(Secrets.sha256(token), username, csrf, now);
        return new Login(token, csrf, found.get().member());
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
        PasswordPolicy.check(password).ifPresent(r -> {
            throw new Rejected(r);
        });
        if (role == null) {
            throw new Rejected(invalid("role", "Peran wajib: OPERATOR, SUPERVISOR atau ADMIN.",
                    "A role is required: OPERATOR, SUPERVISOR or ADMIN."));
        }
        if (!staff.create(username, PasswordHasher.hash(password), role, actor, clock.instant())) {
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
            PasswordPolicy.check(newPassword).ifPresent(r -> {
                throw new Rejected(r);
            });
        }
        staff.update(username, role == null ? current.role() : role, disabled == null ? current.disabled() : disabled,
                newPassword == null ? null : PasswordHasher.hash(newPassword), actor, clock.instant());
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

    private static Rejection locked(Instant until) {
        return Rejection.of(RejectionCode.ACCOUNT_LOCKED,
                Text.of("Akun dikunci sementara karena terlalu banyak percobaan masuk. Coba lagi nanti.",
                        "The account is locked for a while after too many failed logins. Try again later."),
                Map.of("lockedUntil", until.toString()));
    }

    private static Rejection notLoggedIn(String reason) {
        return Rejection.of(RejectionCode.NOT_LOGGED_IN,
                "EXPIRED".equals(reason)
                        ? Text.of("Sesi berakhir. Silakan masuk lagi.", "Your session has expired. Please log in again.")
                        : Text.of("Silakan masuk terlebih dahulu.", "Please log in first."),
                Map.of("reason", reason));
    }
}
