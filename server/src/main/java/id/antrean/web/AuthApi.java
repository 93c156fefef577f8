package id.antrean.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.StaffAccounts;
import id.antrean.domain.Rejected;
import id.antrean.domain.RejectionCode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Staff login and logout; the session lives in an HttpOnly, SameSite=Strict cookie. */
public final class AuthApi implements HttpService {
    private final StaffAccounts accounts;
    private final StaffGuard guard;
    private final boolean secureCookie;
    private final ClientAddress clients;

    public AuthApi(StaffAccounts accounts, StaffGuard guard, boolean secureCookie, ClientAddress clients) {
        this.accounts = accounts;
        this.guard = guard;
        this.secureCookie = secureCookie;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/login", this::login)
                .get("/me", this::me)
                .post("/logout", this::logout);
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.tree(req);
        String username = JsonBody.text(body, "username");
        String password = JsonBody.text(body, "password");
        StaffAccounts.Login login;
        try {
            login = accounts.login(username, password, clients.of(req));
        } catch (Rejected e) {
            if (e.rejection().code().kind() != RejectionCode.Kind.TOO_MANY) {
                throw e;
            }
            RateLimits.tooMany(res, e.rejection());
            return;
        }
        res.header(HeaderNames.SET_COOKIE, cookie(login.sessionToken(), false));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("csrfToken", login.csrfToken());
        out.put("username", login.member().username());
        out.put("role", login.member().role().name());
        Json.ok(res, out);
    }

    private void me(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.signedIn(req);
        Json.ok(res, Map.of("username", who.username(), "role", who.role().name(), "csrfToken", who.csrfToken()));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.signedIn(req);
        accounts.logout(who);
        res.header(HeaderNames.SET_COOKIE, cookie("", true));
        Json.ok(res, Map.of("loggedOut", true));
    }

    private String cookie(String value, boolean expire) {
        return StaffGuard.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }
}
