package id.antrean.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import id.antrean.domain.Text;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;

/** Reads a request's JSON body with the checks every endpoint needs: type, size and syntax. */
public final class JsonBody {
    /** Largest body any endpoint accepts. */
    public static final int MAX_BYTES = 16 * 1024;
    /** A whole body (16 KB at most) arrives well within this, even from a phone on a poor network. */
    private static final java.time.Duration BODY_TIMEOUT = java.time.Duration.ofSeconds(10);

    private JsonBody() {
    }

    public static <T> T read(ServerRequest req, Class<T> type) {
        return convert(tree(req), type);
    }

    /** Maps an already read body onto a type; a field of the wrong type is a 400 naming it. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().getLast().getFieldName();
            throw ApiError.badRequest("INVALID_JSON",
                    Text.of("Isian tidak sesuai jenisnya" + (field == null ? "." : ": " + field + "."),
                            "A field has the wrong type" + (field == null ? "." : ": " + field + ".")),
                    field == null ? Map.of() : Map.of("field", field));
        } catch (JsonProcessingException e) {
            throw malformed();
        }
    }

    public static JsonNode tree(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase().startsWith("application/json")) {
            throw new ApiError(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE",
                    Text.of("Kirim data sebagai JSON (Content-Type: application/json).",
                            "Send the data as JSON (Content-Type: application/json)."),
                    Map.of("contentType", type));
        }
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        ReadDeadline deadline = ReadDeadline.arm(BODY_TIMEOUT);
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            // The client hung up or stalled mid-body: nobody is left to answer, so the connection
            // is closed quietly (no error answer, no stack trace in the log).
            deadline.disarm();
            throw new CloseConnectionException("Request body incomplete", e);
        }
        if (deadline.disarm()) {
            throw new CloseConnectionException("Request body took too long");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            if (why.startsWith("Duplicate field")) {
                throw ApiError.badRequest("DUPLICATE_FIELD",
                        Text.of("Ada isian yang tertulis dua kali.", "A field appears twice."), Map.of());
            }
            throw malformed();
        }
        if (node == null || !node.isObject()) {
            throw malformed();
        }
        rejectNonFiniteNumbers(node, null);
        return node;
    }

    /**
     * A number too large for a double (e.g. 1e309) is read as infinity: refuse it here, with the field
     * named, instead of failing later where it is converted.
     */
    private static void rejectNonFiniteNumbers(JsonNode node, String field) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw ApiError.badRequest("NUMBER_OUT_OF_RANGE",
                    Text.of("Angka di luar batas" + (field == null ? "." : ": " + field + "."),
                            "A number is out of range" + (field == null ? "." : ": " + field + ".")),
                    field == null ? Map.of() : Map.of("field", field));
        }
        if (node.isObject()) {
            node.properties().forEach(e -> rejectNonFiniteNumbers(e.getValue(), e.getKey()));
        } else if (node.isArray()) {
            node.forEach(child -> rejectNonFiniteNumbers(child, field));
        }
    }

    /** A text field of a JSON object, or null when it is absent or not text. */
    public static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static ApiError tooLarge() {
        return new ApiError(Status.REQUEST_ENTITY_TOO_LARGE_413, "BODY_TOO_LARGE",
                Text.of("Data terlalu besar (paling banyak 16 KB).", "The request body is too large (16 KB at most)."),
                Map.of("maxBytes", MAX_BYTES));
    }

    private static ApiError malformed() {
        return ApiError.badRequest("MALFORMED_JSON",
                Text.of("Data tidak dapat dibaca (JSON tidak sah).", "The request body is not valid JSON."), Map.of());
    }
}
