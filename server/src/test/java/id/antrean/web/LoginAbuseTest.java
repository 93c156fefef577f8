package id.antrean.web;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.Antrean;
import id.antrean.support.Api;
import id.antrean.support.MutableClock;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, defect 6: no account enumeration, no lockout of an account by strangers, per-client rate
 * limits with Retry-After, no password that contains the username. Behind a trusted proxy
 * (127.0.0.1 here) each X-Forwarded-For address is a client of its own.
 */
@ExtendWith(TestDatabase.class)
class LoginAbuseTest {
    static final MutableClock CLOCK = MutableClock.atWib("2026-12-01T09:00");
    static Antrean proxied;
    static Antrean strict;
    static Antrean direct;
    static Api admin;

    @BeforeAll
    static void start(TestDatabase.Db db) {
        proxied = TestServer.start(db, CLOCK, Map.of("antrean.proxy.trusted", "127.0.0.1", "antrean.login.delay.ms", "10"));
        // Small limits, and nobody trusted: X-Forwarded-For must be ignored.
        strict = TestServer.start(db, CLOCK, Map.of(
                "antrean.rate-limit.login.per-minute", "3",
                "antrean.rate-limit.kiosk.per-minute", "2",
                "antrean.rate-limit.ticket.per-minute", "3",
                "antrean.rate-limit.refusal-delay-ms", "0"));
        direct = TestServer.start(db, CLOCK, Map.of("antrean.login.delay.ms", "10"));
        admin = new Api(proxied.port()).loginAsAdmin();
        assertThat(admin.post("/api/v1/staff", Map.of("username", "clerk", "password", "right-password-1", "role", "OPERATOR")).status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        proxied.close();
        strict.close();
        direct.close();
    }

    private static Api.Response login(Antrean node, String from, String user, String password) {
        return new Api(node.port()).post("/api/v1/auth/login", Map.of("username", user, "password", password),
                from == null ? Map.of() : Map.of("X-Forwarded-For", from));
    }

    private static JsonNode answer(Api.Response r) {
        return r.json();
    }

    @Test
    void unknownNameWrongPasswordAndLockedAccountAnswerAlike() {
        Api.Response wrong = login(proxied, "10.1.0.1", "clerk", "wrong-password");
        Api.Response unknown = login(proxied, "10.1.0.1", "ghost", "wrong-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(answer(wrong)).isEqualTo(answer(unknown));
        assertThat(wrong.error()).isEqualTo("LOGIN_FAILED");

        // Another client locks itself out of both names: the same answer for the real and the unknown name.
        Api.Response lockedReal = null;
        Api.Response lockedGhost = null;
        for (int i = 0; i < 6; i++) {
            lockedReal = login(proxied, "10.1.0.2", "clerk", "wrong-password");
            lockedGhost = login(proxied, "10.1.0.2", "ghost", "wrong-password");
        }
        assertThat(lockedReal.status()).isEqualTo(429);
        assertThat(lockedReal.error()).isEqualTo("LOGIN_LOCKED");
        assertThat(lockedReal.headers().firstValue("Retry-After")).isPresent();
        assertThat(lockedGhost.status()).isEqualTo(lockedReal.status());
        assertThat(lockedGhost.error()).isEqualTo(lockedReal.error());
        assertThat(answer(lockedGhost).get("messages")).isEqualTo(answer(lockedReal).get("messages"));

        // For the first client, the account locked by the other looks exactly like an unknown name.
        Api.Response afterLock = login(proxied, "10.1.0.1", "clerk", "wrong-password");
        assertThat(afterLock.status()).isEqualTo(401);
        assertThat(answer(afterLock)).isEqualTo(answer(login(proxied, "10.1.0.1", "ghost-2", "wrong-password")));
    }

    @Test
    void aStrangerCannotLockAdminOutOfTheOffice() {
        for (int i = 0; i < 10; i++) {
            Api.Response r = login(proxied, "203.0.113.66", "admin", "guess-" + i);
            assertThat(r.status()).isIn(401, 429);
        }
        assertThat(login(proxied, "203.0.113.66", "admin", Api.ADMIN_PASSWORD).error()).isEqualTo("LOGIN_LOCKED");
        // The office's own computer, another address: admin logs in.
        assertThat(login(proxied, "192.168.1.10", "admin", Api.ADMIN_PASSWORD).status()).isEqualTo(200);
        assertThat(login(proxied, null, "admin", Api.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void forgedForwardedForIsIgnoredWithoutATrustedProxy() {
        for (int i = 0; i < 5; i++) {
            login(direct, "10.9.0." + i, "clerk", "wrong-password");
        }
        // Every attempt came from 127.0.0.1 whatever the header said: that pair is locked.
        Api.Response r = login(direct, "10.9.0.99", "clerk", "right-password-1");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.error()).isEqualTo("LOGIN_LOCKED");
    }

    @Test
    void perClientLimitsAnswer429WithRetryAfter() {
        Api kiosk = new Api(strict.port());
        assertThat(kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(9001))).status()).isEqualTo(201);
        Api.Response second = kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(9002)));
        assertThat(second.status()).isEqualTo(201);
        String token = second.json().get("token").asText();
        Api.Response third = kiosk.post("/api/v1/offices/oki/tickets", ticketRequest(nik(9003)), Map.of("X-Forwarded-For", "10.0.0.3"));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.error()).isEqualTo("RATE_LIMITED");
        assertThat(third.json().get("messages").get("id").asText()).isNotBlank();
        assertThat(third.json().get("details").get("limit").asText()).isEqualTo("kiosk");
        long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);

        for (int i = 0; i < 3; i++) {
            assertThat(kiosk.get("/api/v1/tickets/" + token).status()).isEqualTo(200);
        }
        Api.Response status = kiosk.get("/api/v1/tickets/" + token);
        assertThat(status.status()).isEqualTo(429);
        assertThat(status.headers().firstValue("Retry-After")).isPresent();
        assertThat(kiosk.delete("/api/v1/tickets/" + token).status()).isEqualTo(429);

        for (int i = 0; i < 3; i++) {
            assertThat(login(strict, null, "ghost", "wrong-password").status()).isEqualTo(401);
        }
        Api.Response login = login(strict, null, "ghost", "wrong-password");
        assertThat(login.status()).isEqualTo(429);
        assertThat(login.error()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void aPasswordContainingTheUsernameIsRefused() {
        Api.Response created = admin.post("/api/v1/staff", Map.of("username", "budi", "password", "Budi-Kantor-2026", "role", "OPERATOR"));
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.error()).isEqualTo("PASSWORD_CONTAINS_USERNAME");
        assertThat(admin.post("/api/v1/staff", Map.of("username", "budi", "password", "loket-satu-2026", "role", "OPERATOR")).status())
                .isEqualTo(201);
        Api.Response changed = admin.put("/api/v1/staff/budi", Map.of("password", "xxBUDIxx-2026"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.error()).isEqualTo("PASSWORD_CONTAINS_USERNAME");
        assertThat(login(proxied, "10.3.0.1", "budi", "loket-satu-2026").status()).isEqualTo(200);
    }
}
