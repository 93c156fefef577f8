package id.antrean.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a policy said no: a stable code for programs, a message in both languages for people, and
 * details a client can act on (never personal data).
 */
public record Rejection(RejectionCode code, Text message, Map<String, Object> details) {
    public Rejection {
        // Not Map.copyOf: a detail may be null on purpose ("nextAvailable": null), and copyOf throws on it.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Rejection of(RejectionCode code, Text message) {
        return new Rejection(code, message, Map.of());
    }

    public static Rejection of(RejectionCode code, Text message, Map<String, Object> details) {
        return new Rejection(code, message, details);
    }
}
