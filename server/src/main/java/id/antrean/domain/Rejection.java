package id.antrean.domain;

import java.util.Map;

/**
 * Why a policy said no: a stable code for programs, a message in both languages for people, and
 * details a client can act on (never personal data).
 */
public record Rejection(RejectionCode code, Text message, Map<String, Object> details) {
    public Rejection {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Rejection of(RejectionCode code, Text message) {
        return new Rejection(code, message, Map.of());
    }

    public static Rejection of(RejectionCode code, Text message, Map<String, Object> details) {
        return new Rejection(code, message, details);
    }
}
