package id.antrean.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.antrean.domain.Role;
import id.antrean.domain.Text;
import id.antrean.storage.EventStore;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Who did what, when: the events that name a staff member, newest first, for admins. */
public final class AuditApi implements HttpService {
    private static final int MAX_FILTER = 64;
    private final EventStore events;
    private final StaffGuard guard;

    public AuditApi(EventStore events, StaffGuard guard) {
        this.events = events;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", this::audit);
    }

    private void audit(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.ADMIN);
        int limit = (int) OfficeApi.longParam(req, "limit", 100, 1, 500);
        long before = OfficeApi.longParam(req, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<EventStore.Event> list = events.audit(before, filter(req, "actor"), filter(req, "type"), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", list.stream().map(Views::event).toList());
        // The cursor for the next (older) page; null once the trail is exhausted.
        body.put("before", list.size() < limit ? null : list.getLast().id());
        Json.ok(res, body);
    }

    private static String filter(ServerRequest req, String name) {
        String v = req.query().first(name).orElse("").strip();
        if (v.length() > MAX_FILTER) {
            throw ApiError.badRequest("INVALID_PARAMETER",
                    Text.of("Filter " + name + " paling banyak " + MAX_FILTER + " karakter.",
                            "Filter " + name + " may have at most " + MAX_FILTER + " characters."),
                    Map.of("parameter", name));
        }
        return v;
    }
}
