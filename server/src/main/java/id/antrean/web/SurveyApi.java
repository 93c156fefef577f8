package id.antrean.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.app.Offices;
import id.antrean.app.SatisfactionSurvey;
import id.antrean.domain.Ikm;
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
 * The satisfaction question of the ticket page (IKM): its state and the one answer, by the
 * ticket's token; the daily index for supervisors.
 */
public final class SurveyApi implements HttpService {
    private final SatisfactionSurvey survey;
    private final Offices offices;
    private final StaffGuard guard;

    public SurveyApi(SatisfactionSurvey survey, Offices offices, StaffGuard guard) {
        this.survey = survey;
        this.offices = offices;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/tickets/{token}/survey", this::status)
                .post("/tickets/{token}/survey", this::answer)
                .get("/offices/{office}/reports/satisfaction", this::report);
    }

    private void status(ServerRequest req, ServerResponse res) {
        Json.ok(res, view(survey.status(req.path().pathParameters().get("token"))));
    }

    private void answer(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.tree(req);
        JsonNode score = body.get("score");
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_SURVEY_ANSWER,
                    Text.of("Komentar harus berupa teks.", "The comment must be text."), Map.of("field", "comment")));
        }
        Integer value = score != null && score.isIntegralNumber() && score.canConvertToInt() ? score.intValue() : null;
        SatisfactionSurvey.Status s = survey.answer(req.path().pathParameters().get("token"), value,
                comment == null || comment.isNull() ? null : comment.asText());
        Json.send(res, Status.CREATED_201, view(s));
    }

    private static Map<String, Object> view(SatisfactionSurvey.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", s.open());
        m.put("score", s.score());
        m.put("answeredAt", s.answeredAt() == null ? null : s.answeredAt().toString());
        return m;
    }

    private void report(ServerRequest req, ServerResponse res) {
        guard.require(req, Role.SUPERVISOR);
        String officeId = req.path().pathParameters().get("office");
        offices.get(officeId);
        LocalDate today = survey.today(officeId);
        LocalDate from = ReportApi.date(req, "from", today);
        LocalDate to = ReportApi.date(req, "to", from.isAfter(today) ? from : today);
        List<SatisfactionSurvey.Day> days = survey.daily(officeId, from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", officeId);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("scale", Map.of("min", 1, "max", 4, "conversion", Ikm.CONVERSION));
        body.put("overall", ikm(survey.overall(days)));
        body.put("days", days.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day().toString());
            m.put("answers", d.ikm() == null ? 0 : d.ikm().answers());
            m.put("byScore", Map.of("1", d.byScore()[0], "2", d.byScore()[1], "3", d.byScore()[2], "4", d.byScore()[3]));
            m.put("comments", d.comments());
            m.put("ikm", ikm(d.ikm()));
            return m;
        }).toList());
        Json.ok(res, body);
    }

    private static Map<String, Object> ikm(Ikm i) {
        if (i == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answers", i.answers());
        m.put("mean", i.mean());
        m.put("converted", i.converted());
        m.put("category", i.category());
        return m;
    }
}
