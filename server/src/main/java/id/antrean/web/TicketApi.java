package id.antrean.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.IssueOutcome;
import id.antrean.app.Offices;
import id.antrean.app.Secrets;
import id.antrean.app.TicketDesk;
import id.antrean.app.TicketStatus;
import id.antrean.domain.Rejected;
import id.antrean.domain.Text;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Residents' ticket endpoints: issue one, follow it by its token, cancel it. */
public final class TicketApi implements HttpService {
    private static final io.helidon.http.HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final TicketDesk desk;
    private final Offices offices;

    public TicketApi(TicketDesk desk, Offices offices) {
        this.desk = desk;
        this.offices = offices;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/offices/{office}/tickets", this::issue)
                .get("/tickets/{token}", this::status)
                .delete("/tickets/{token}", this::cancel);
    }

    private void issue(ServerRequest req, ServerResponse res) {
        String officeId = req.path().pathParameters().get("office");
        var office = offices.get(officeId);
        String key = req.headers().first(IDEMPOTENCY_KEY).map(String::strip).orElse(null);
        if (key != null && !key.matches("[\\x21-\\x7E]{1,128}")) {
            throw ApiError.badRequest("INVALID_IDEMPOTENCY_KEY",
                    Text.of("Idempotency-Key harus 1–128 karakter ASCII tanpa spasi.",
                            "Idempotency-Key must be 1 to 128 printable ASCII characters."), Map.of());
        }
        JsonNode tree = JsonBody.tree(req);
        TicketRequestBody body = JsonBody.convert(tree, TicketRequestBody.class);
        byte[] requestHash = Secrets.sha256(tree.toString());
        var request = body.toRequest();
        if (request.channel() == id.antrean.domain.Channel.MOBILE) {
            // Phone bookings have their own route, with its limits per NIK, the phone share and check-in.
            throw new Rejected(id.antrean.domain.Rejection.of(id.antrean.domain.RejectionCode.INVALID_REQUEST,
                    Text.of("Pemesanan dari ponsel melalui halaman pemesanan (/book/).",
                            "Bookings from a phone go through the booking page (/book/)."), Map.of("field", "channel")));
        }
        IssueOutcome outcome = desk.issue(office, request, key, requestHash);
        switch (outcome) {
            case IssueOutcome.Issued issued when issued.firstAnswer() != null -> {
                res.status(Status.CREATED_201);
                res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                res.send(issued.firstAnswer().getBytes(StandardCharsets.UTF_8));
            }
            case IssueOutcome.Issued issued -> {
                byte[] answer = Json.bytes(Views.issued(issued.status(), office.zone()));
                res.status(Status.CREATED_201);
                res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                res.send(answer);
                if (key != null) {
                    // After the answer has gone: a repeat of this key gets these very bytes.
                    desk.rememberAnswer(office.id(), key, issued.status().ticket().id(),
                            new String(answer, StandardCharsets.UTF_8));
                }
            }
            case IssueOutcome.Refused refused -> throw new Rejected(refused.rejection());
        }
    }

    private void status(ServerRequest req, ServerResponse res) {
        TicketStatus status = desk.status(req.path().pathParameters().get("token"))
                .orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        Json.ok(res, Views.publicTicket(status, offices.get(status.ticket().officeId())));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        TicketStatus status = desk.cancel(req.path().pathParameters().get("token"));
        Json.ok(res, Views.publicTicket(status, offices.get(status.ticket().officeId())));
    }
}
