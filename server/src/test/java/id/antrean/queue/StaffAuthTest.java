package id.antrean.queue;

import java.time.Duration;
import java.util.Map;

import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestData;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff accounts: login, lockout, sessions, CSRF and roles, enforced by the API itself. */
@ExtendWith(TestDatabase.class)
class StaffAuthTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static TestDatabase.Db db;
    static Antrean node;
    static Api admin;

    @BeforeAll
    static void start(TestDatabase.Db database) {
        db = database;
        node = TestServer.start(db, CLOCK);
        admin = new Api(node.port()).loginAsAdmin();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndStoresOnlyItsHash() {
        Api api = new Api(node.port());
        Api.Response r = api.login("admin", Api.ADMIN_PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(r.json().get("csrfToken").asText()).isNotBlank();
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").startsWith("antrean_session=");
        String token = cookie.substring("antrean_session=".length(), cookie.indexOf(';'));
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM staff_session WHERE token_hash = UNHEX(SHA2('" + token + "', 256))"))
                .isEqualTo(1);
        assertThat(TestData.string(db, "SELECT password_hash FROM staff WHERE username = 'admin'")).startsWith("$argon2id$");
        assertThat(api.get("/api/v1/auth/me").json().get("username").asText()).isEqualTo("admin");
        assertThat(api.post("/api/v1/auth/logout", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void fiveFailedLoginsLockTheAccountForFifteenMinutes() {
        admin.post("/api/v1/staff", Map.of("username", "lockme", "password", "right-password-1", "role", "OPERATOR"));
        Api api = new Api(node.port());
        for (int i = 0; i < 4; i++) {
            assertThat(api.login("lockme", "wrong-password").status()).isEqualTo(401);
        }
        // Locked for this client and this name (429 with Retry-After, never an account-wide 423).
        Api.Response fifth = api.login("lockme", "wrong-password");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.error()).isEqualTo("LOGIN_LOCKED");
        assertThat(fifth.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.login("lockme", "right-password-1").error()).isEqualTo("LOGIN_LOCKED");
        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(api.login("lockme", "right-password-1").status()).isEqualTo(200);
        CLOCK.setWib("2026-12-01T09:00");
        assertThat(api.login("nobody", "whatever-password").error()).isEqualTo("LOGIN_FAILED");
    }

    @Test
    void withoutSessionOrCsrfOrRoleTheApiRefuses() {
        Api anonymous = new Api(node.port());
        assertThat(anonymous.get("/api/v1/offices/oki/queue").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/offices/oki/counters/1/call-next", null).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/staff").status()).isEqualTo(401);

        Api operator = admin.newStaff("op-roles", "OPERATOR");
        assertThat(operator.get("/api/v1/offices/oki/queue").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/staff").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/offices/oki/settings").status()).isEqualTo(403);
        Api supervisor = admin.newStaff("sup-roles", "SUPERVISOR");
        assertThat(supervisor.get("/api/v1/offices/oki/settings").status()).isEqualTo(403);
        assertThat(supervisor.get("/api/v1/offices/oki/queue").status()).isEqualTo(200);

        operator.forgetCsrf();
        Api.Response noCsrf = operator.post("/api/v1/offices/oki/counters/1/call-next", null);
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.error()).isEqualTo("CSRF_TOKEN_MISSING");
    }

    @Test
    void adminManagesAccountsWithPasswordRulesAndAudit() {
        assertThat(admin.post("/api/v1/staff", Map.of("username", "short", "password", "123", "role", "OPERATOR")).error())
                .isEqualTo("INVALID_PASSWORD");
        assertThat(admin.post("/api/v1/staff", Map.of("username", "x", "password", "long-enough-1", "role", "OPERATOR")).status())
                .isEqualTo(422);
        assertThat(admin.post("/api/v1/staff", Map.of("username", "clerk", "password", "long-enough-1", "role", "BOSS")).status())
                .isEqualTo(422);
        assertThat(admin.post("/api/v1/staff", Map.of("username", "clerk", "password", "long-enough-1", "role", "OPERATOR")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/staff", Map.of("username", "clerk", "password", "long-enough-1", "role", "OPERATOR")).error())
                .isEqualTo("STAFF_EXISTS");
        Api clerk = new Api(node.port());
        assertThat(clerk.login("clerk", "long-enough-1").status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/staff/clerk", Map.of("role", "SUPERVISOR")).json().get("role").asText()).isEqualTo("SUPERVISOR");
        // A role change ends the sessions of that account.
        assertThat(clerk.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(admin.put("/api/v1/staff/clerk", Map.of("password", "a-new-password-2")).status()).isEqualTo(200);
        assertThat(clerk.login("clerk", "long-enough-1").status()).isEqualTo(401);
        assertThat(clerk.login("clerk", "a-new-password-2").status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/staff/clerk", Map.of("disabled", true)).json().get("disabled").asBoolean()).isTrue();
        assertThat(clerk.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(clerk.login("clerk", "a-new-password-2").status()).isEqualTo(401);
        assertThat(admin.put("/api/v1/staff/nobody", Map.of("disabled", true)).status()).isEqualTo(404);
        assertThat(TestData.count(db, "SELECT COUNT(*) FROM event WHERE type = 'STAFF_UPDATED' AND actor = 'admin'"))
                .isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/api/v1/staff").json().get("staff").toString()).doesNotContain("argon2");
    }

    @Test
    void idleSessionsExpire() {
        Api api = new Api(node.port());
        api.login("admin", Api.ADMIN_PASSWORD);
        CLOCK.advance(Duration.ofHours(9));
        Api.Response expired = api.get("/api/v1/auth/me");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("details").get("reason").asText()).isEqualTo("EXPIRED");
        CLOCK.setWib("2026-12-01T09:00");
        admin.loginAsAdmin();
    }
}
