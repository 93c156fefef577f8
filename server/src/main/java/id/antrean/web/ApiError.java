package id.antrean.web;

import java.util.LinkedHashMap;
import java.util.Map;

import id.antrean.domain.Rejection;
import id.antrean.domain.Text;
import io.helidon.http.Status;

/**
 * An HTTP error with the body every client can rely on:
 * {@code {"error": CODE, "message": "id / en", "messages": {"id","en"}, "details": {...}}}.
 */
public final class ApiError extends RuntimeException {
    private final Status status;
    private final String code;
    private final Text text;
    private final Map<String, Object> details;

    public ApiError(Status status, String code, Text text, Map<String, Object> details) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.text = text;
        this.details = details == null ? Map.of() : details;
    }

    public static ApiError of(Rejection rejection) {
        return new ApiError(status(rejection.code().kind()), rejection.code().name(), rejection.message(),
                rejection.details());
    }

    public static ApiError badRequest(String code, Text text, Map<String, Object> details) {
        return new ApiError(Status.BAD_REQUEST_400, code, text, details);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", text.joined());
        body.put("messages", Map.of("id", text.id(), "en", text.en()));
        body.put("details", details);
        return body;
    }

    static Status status(id.antrean.domain.RejectionCode.Kind kind) {
        return switch (kind) {
            case INVALID -> Status.UNPROCESSABLE_CONTENT_422;
            case CONFLICT -> Status.CONFLICT_409;
            case NOT_FOUND -> Status.NOT_FOUND_404;
            case UNAUTHENTICATED -> Status.UNAUTHORIZED_401;
            case TOO_MANY -> Status.TOO_MANY_REQUESTS_429;
            case FORBIDDEN -> Status.FORBIDDEN_403;
        };
    }
}
