package id.antrean.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import id.antrean.app.StaffAccounts;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling a staff endpoint: the session cookie names them, the role must be enough, and a
 * state-changing request must carry the session's CSRF token in {@code X-CSRF-Token}.
 */
public final class StaffGuard {
    public static final String COOKIE = "antrean_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final StaffAccounts accounts;

    public StaffGuard(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    public StaffAccounts.Principal require(ServerRequest req, Role role) {
        StaffAccounts.Principal principal = signedIn(req);
        StaffAccounts.require(principal, role);
        return principal;
    }

    /** Any staff account with a live session, whatever its role (who am I, log out). */
    public StaffAccounts.Principal signedIn(ServerRequest req) {
        String token = req.headers().cookies().first(COOKIE).orElse(null);
        StaffAccounts.Principal principal = accounts.authenticate(token);
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            String sent = req.headers().first(io.helidon.http.HeaderNames.create(CSRF_HEADER)).orElse("");
            if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    principal.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw new ApiError(Status.FORBIDDEN_403, "CSRF_TOKEN_MISSING",
                        Text.of("Permintaan ditolak: token CSRF tidak ada atau salah. Muat ulang halaman.",
                                "Request refused: the CSRF token is missing or wrong. Reload the page."), Map.of());
            }
        }
        return principal;
    }
}
