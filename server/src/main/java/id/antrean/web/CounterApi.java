package id.antrean.web;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.CallByNumber;
import id.antrean.app.CounterBreaks;
import id.antrean.app.CounterDesk;
import id.antrean.app.NoShowReturn;
import id.antrean.app.TicketTransfer;
import id.antrean.app.Offices;
import id.antrean.app.StaffAccounts;
import id.antrean.app.TicketDesk;
import id.antrean.app.TicketStatus;
import id.antrean.domain.CounterStatus;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Role;
import id.antrean.domain.Text;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What staff do at a counter: call the next resident or a chosen number, recall, start, complete,
 * no-show, refuse, transfer to another counter, return a no-show to the queue, break / close / open.
 */
public final class CounterApi implements HttpService {
    private final CounterDesk desk;
    private final Offices offices;
    private final StaffGuard guard;
    private final CallByNumber byNumber;
    private final TicketTransfer transfers;
    private final NoShowReturn returns;
    private final CounterBreaks breaks;

    public CounterApi(CounterDesk desk, Offices offices, StaffGuard guard, CallByNumber byNumber, TicketTransfer transfers,
                      NoShowReturn returns, CounterBreaks breaks) {
        this.desk = desk;
        this.offices = offices;
        this.guard = guard;
        this.byNumber = byNumber;
        this.transfers = transfers;
        this.returns = returns;
        this.breaks = breaks;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/counters", this::counters)
                .post("/offices/{office}/counters/{counter}/call-next", this::callNext)
                .get("/staff-tickets/{id}", this::ticket)
                .post("/tickets/{id}/recall", (req, res) -> act(req, res, (id, who, body) -> desk.recall(id, who)))
                .post("/tickets/{id}/start", (req, res) -> act(req, res, this::start))
                .post("/tickets/{id}/complete", (req, res) -> act(req, res, (id, who, body) -> desk.complete(id, who)))
                .post("/tickets/{id}/no-show", (req, res) -> act(req, res, (id, who, body) -> desk.noShow(id, who)))
                .post("/tickets/{id}/refuse", (req, res) -> act(req, res, (id, who, body) -> desk.refuse(id,
                        body != null && body.hasNonNull("reason") && body.get("reason").isTextual()
                                ? body.get("reason").asText() : null, who)))
                .post("/offices/{office}/counters/{counter}/call", this::callNumber)
                .put("/offices/{office}/counters/{counter}/status", this::setStatus)
                .post("/tickets/{id}/transfer", (req, res) -> act(req, res, (id, who, body) -> transfers.transfer(id,
                        body == null ? null : JsonBody.text(body, "counter"), who)))
                .post("/tickets/{id}/requeue", (req, res) -> act(req, res, (id, who, body) -> returns.requeue(id, who)));
    }

    /** Calls one number staff typed (or chose in the queue) to this counter. */
    private void callNumber(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        var office = offices.get(officeId);
        JsonNode body = req.content().hasEntity() ? JsonBody.tree(req) : null;
        String number = body == null || !body.isObject() ? null : JsonBody.text(body, "number");
        CounterDesk.Call call = byNumber.call(officeId, req.path().pathParameters().get("counter"), number, who.username());
        Json.ok(res, called(call, office.zone()));
    }

    /** Marks the counter open, on break or closed (the display shows it). */
    private void setStatus(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        var office = offices.get(officeId);
        JsonNode body = req.content().hasEntity() ? JsonBody.tree(req) : null;
        CounterStatus status = CounterStatus.parse(body == null || !body.isObject() ? null : JsonBody.text(body, "status"));
        if (status == null) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Status loket harus OPEN, BREAK atau CLOSED.", "The counter status must be OPEN, BREAK or CLOSED."),
                    Map.of("field", "status")));
        }
        CounterBreaks.CounterNow now = breaks.set(officeId, req.path().pathParameters().get("counter"), status, who.username());
        Json.ok(res, Views.counterNow(now, office.zone()));
    }

    private static Map<String, Object> called(CounterDesk.Call call, java.time.ZoneId zone) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Views.staffTicket(call.status(), zone));
        m.put("calledEarly", call.early());
        return m;
    }

    /** The counters staff may choose from; the settings themselves are for admins only. */
    private void counters(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        var office = offices.get(req.path().pathParameters().get("office"));
        Json.ok(res, Map.of("counters", breaks.counters(office).stream().map(c -> Views.counterNow(c, office.zone())).toList()));
    }

    private void callNext(ServerRequest req, ServerResponse res) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        String officeId = req.path().pathParameters().get("office");
        var office = offices.get(officeId);
        desk.callNext(officeId, req.path().pathParameters().get("counter"), who.username()).ifPresentOrElse(
                call -> Json.ok(res, called(call, office.zone())),
                () -> {
                    res.status(Status.NO_CONTENT_204);
                    res.send();
                });
    }

    private void ticket(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.OPERATOR);
        TicketStatus status = desk.status(id(req));
        Json.ok(res, Views.staffTicket(status, offices.get(status.ticket().officeId()).zone()));
    }

    private TicketStatus start(long id, String who, JsonNode body) {
        Map<String, Boolean> ppe = new java.util.HashMap<>();
        BigDecimal temperature = null;
        if (body != null) {
            JsonNode p = body.get("ppe");
            if (p != null && p.isObject()) {
                p.fields().forEachRemaining(e -> ppe.put(e.getKey(), e.getValue().isBoolean() && e.getValue().asBoolean()));
            }
            JsonNode t = body.get("temperatureC");
            if (t != null && !t.isNull()) {
                // A number, or the text staff typed: "38,2" (Indonesian decimal comma) or "38.2".
                BigDecimal typed = t.isNumber() ? t.decimalValue() : t.isTextual() ? decimal(t.asText()) : null;
                if (typed == null) {
                    throw ApiError.badRequest("INVALID_JSON", Text.of("Suhu harus angka, misalnya 36,6.",
                                    "The temperature must be a number, e.g. 36.6."),
                            Map.of("field", "temperatureC"));
                }
                temperature = typed.setScale(1, java.math.RoundingMode.HALF_UP);
            }
        }
        return desk.start(id, ppe, temperature, who);
    }

    private static BigDecimal decimal(String typed) {
        String v = typed.strip().replace(',', '.');
        return v.matches("\\d{1,3}(\\.\\d{1,2})?") ? new BigDecimal(v) : null;
    }

    private interface Action {
        TicketStatus apply(long ticketId, String actor, JsonNode body);
    }

    private void act(ServerRequest req, ServerResponse res, Action action) {
        StaffAccounts.Principal who = guard.require(req, Role.OPERATOR);
        long id = id(req);
        JsonNode body = req.content().hasEntity() ? JsonBody.tree(req) : null;
        TicketStatus status = action.apply(id, who.username(), body);
        Json.ok(res, Views.staffTicket(status, offices.get(status.ticket().officeId()).zone()));
    }

    private static long id(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new Rejected(TicketDesk.notFound());
        }
    }
}
