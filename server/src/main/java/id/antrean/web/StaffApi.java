package id.antrean.web;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.StaffAccounts;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Staff accounts, for admins: list, create, change role, disable, reset password. */
public final class StaffApi implements HttpService {
    private final StaffAccounts accounts;
    private final StaffGuard guard;

    public StaffApi(StaffAccounts accounts, StaffGuard guard) {
        this.accounts = accounts;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .put("/{username}", this::update);
    }

    private void list(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        Json.ok(res, Map.of("staff", accounts.list().stream().map(Views::staff).toList()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.ADMIN);
        JsonNode body = JsonBody.tree(req);
        var created = accounts.create(JsonBody.text(body, "username"), JsonBody.text(body, "password"), role(body), who.username());
        Json.send(res, Status.CREATED_201, Views.staff(created));
    }

    private void update(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.ADMIN);
        JsonNode body = JsonBody.tree(req);
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
            throw ApiError.badRequest("INVALID_JSON", Text.of("disabled harus true atau false.", "disabled must be true or false."),
                    Map.of("field", "disabled"));
        }
        String password = body.hasNonNull("password") ? JsonBody.text(body, "password") : JsonBody.text(body, "newPassword");
        var updated = accounts.update(req.path().pathParameters().get("username"), role(body),
                disabled == null || disabled.isNull() ? null : disabled.asBoolean(), password, who.username());
        Json.ok(res, Views.staff(updated));
    }

    private static Role role(JsonNode body) {
        String raw = JsonBody.text(body, "role");
        if (raw == null) {
            return null;
        }
        try {
            return Role.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(Status.UNPROCESSABLE_CONTENT_422, "INVALID_REQUEST",
                    Text.of("Peran tidak dikenal: " + raw + ".", "Unknown role: " + raw + "."), Map.of("field", "role"));
        }
    }
}
