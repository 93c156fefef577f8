package id.antrean.contract;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The served OpenAPI document as a checker: which operations exist, and whether a real answer
 * (status, content type, required headers, body) is one the document promises. Schemas are checked
 * by networknt's JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1), {@code $ref}s resolved
 * within the served document.
 */
final class OpenApiContract {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String IRI = "https://antrean.test/openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    record Operation(String id, String method, String template, JsonNode node) {
        String key() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, String> schemaLocations = new LinkedHashMap<>();
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final SchemaRegistry registry;

    OpenApiContract(JsonNode served) {
        this.doc = served;
        ObjectNode copy = served.deepCopy();
        ObjectNode extra = (ObjectNode) copy.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> p = served.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                Operation operation = new Operation(op.path("operationId").asText(null), method, path.getKey(), op);
                if (operation.id() == null) {
                    throw new AssertionError("operation without operationId: " + operation.key());
                }
                operations.add(operation);
                for (Iterator<Map.Entry<String, JsonNode>> r = op.path("responses").fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = r.next();
                    JsonNode resolved = resolve(response.getValue());
                    for (Iterator<Map.Entry<String, JsonNode>> c = resolved.path("content").fields(); c.hasNext(); ) {
                        Map.Entry<String, JsonNode> media = c.next();
                        JsonNode schema = media.getValue().get("schema");
                        if (schema == null) {
                            continue;
                        }
                        // Inline schemas get a name of their own so the validator can find them by a plain pointer.
                        String name = "__" + operation.id() + "_" + response.getKey() + "_" + media.getKey().replaceAll("[^a-z]", "_");
                        extra.set(name, schema);
                        schemaLocations.put(operation.id() + " " + response.getKey() + " " + media.getKey(),
                                "#/components/schemas/" + name);
                    }
                }
            }
        }
        String text = copy.toString();
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemas(Map.of(IRI, text)));
    }

    JsonNode document() {
        return doc;
    }

    List<Operation> operations() {
        return operations;
    }

    Operation operation(String id) {
        return operations.stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + id + " in the document"));
    }

    /** A response object, its {@code $ref} followed; null when the status is not documented. */
    JsonNode response(Operation op, int status) {
        JsonNode r = op.node().path("responses").get(String.valueOf(status));
        if (r == null) {
            r = op.node().path("responses").get(status / 100 + "XX");
        }
        if (r == null) {
            r = op.node().path("responses").get("default");
        }
        return r == null ? null : resolve(r);
    }

    JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node != null && node.has("$ref") && guard++ < 10) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("not a local reference: " + ref);
            }
            node = doc.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new AssertionError("dangling reference: " + ref);
            }
        }
        return node;
    }

    /**
     * What is wrong with a real answer to the operation (empty when it matches the document): the
     * status must be documented, the content type must be one the status lists, required headers
     * present, and a JSON body valid against its schema.
     */
    List<String> problems(Operation op, int status, String contentType, String body, Map<String, List<String>> headers) {
        List<String> problems = new ArrayList<>();
        JsonNode response = response(op, status);
        if (response == null) {
            problems.add(op.key() + ": status " + status + " is not documented");
            return problems;
        }
        for (Iterator<Map.Entry<String, JsonNode>> h = response.path("headers").fields(); h.hasNext(); ) {
            Map.Entry<String, JsonNode> header = h.next();
            if (resolve(header.getValue()).path("required").asBoolean(false) && values(headers, header.getKey()).isEmpty()) {
                problems.add(op.key() + " " + status + ": header " + header.getKey() + " is documented as required but missing");
            }
        }
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add(op.key() + " " + status + ": documented without a body, got " + abbreviate(body));
            }
            return problems;
        }
        String media = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            problems.add(op.key() + " " + status + ": content type '" + contentType + "' is not documented (" + fieldNames(content) + ")");
            return problems;
        }
        if (media.equals("application/json")) {
            JsonNode json;
            try {
                json = MAPPER.readTree(body);
            } catch (Exception e) {
                problems.add(op.key() + " " + status + ": body is not JSON: " + abbreviate(body));
                return problems;
            }
            String location = schemaLocations.get(op.id() + " " + statusKey(op, status) + " " + media);
            if (location != null) {
                for (Error e : schema(location).validate(json)) {
                    problems.add(op.key() + " " + status + ": " + e.getInstanceLocation() + " " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /** Problems of a body against a named component schema, e.g. {@code Error}. */
    List<String> validate(String component, JsonNode json) {
        List<String> problems = new ArrayList<>();
        for (Error e : schema("#/components/schemas/" + component).validate(json)) {
            problems.add(e.getInstanceLocation() + " " + e.getMessage());
        }
        return problems;
    }

    private String statusKey(Operation op, int status) {
        JsonNode responses = op.node().path("responses");
        if (responses.has(String.valueOf(status))) {
            return String.valueOf(status);
        }
        return responses.has(status / 100 + "XX") ? status / 100 + "XX" : "default";
    }

    private Schema schema(String location) {
        return schemas.computeIfAbsent(location, l -> registry.getSchema(SchemaLocation.of(IRI + l)));
    }

    static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
