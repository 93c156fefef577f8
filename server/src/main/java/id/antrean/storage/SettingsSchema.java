package id.antrean.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import id.antrean.domain.SettingsProblem;
import id.antrean.domain.Text;

/**
 * The shape of the settings document, described once in {@code api/office-settings.schema.json}
 * (JSON Schema 2020-12, also the API contract) and checked by a maintained validator. Each problem
 * is reported at its field path with the bilingual text the schema gives that field ({@code x-message}).
 */
public final class SettingsSchema {
    public static final String RESOURCE = "api/office-settings.schema.json";
    private static final String MESSAGE = "x-message";

    private static final JsonNode DOCUMENT = load();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
            .getSchema(DOCUMENT);

    private SettingsSchema() {
    }

    /** The schema document itself, e.g. for the API description. */
    public static JsonNode document() {
        return DOCUMENT.deepCopy();
    }

    /** Every problem with the document's shape, in document order, each path once per message. */
    public static List<SettingsProblem> problems(JsonNode settings) {
        Set<SettingsProblem> problems = new LinkedHashSet<>();
        for (Error error : SCHEMA.validate(settings)) {
            problems.add(problem(error));
        }
        return new ArrayList<>(problems);
    }

    private static SettingsProblem problem(Error error) {
        String at = path(error.getInstanceLocation());
        String fragment = error.getSchemaLocation().getFragment().toString();
        String keyword = error.getKeyword();
        return switch (keyword) {
            case "required" -> new SettingsProblem(child(at, error.getProperty()),
                    messageOr(propertySchema(parent(fragment), error.getProperty()),
                            Text.of("Wajib diisi", "Required")));
            case "additionalProperties" -> new SettingsProblem(child(at, error.getProperty()),
                    Text.of("Isian tidak dikenal di sini", "Not a known field here"));
            case "propertyNames" -> new SettingsProblem(child(at, error.getProperty()),
                    messageOr(at(fragment), Text.of("Nama isian tidak sah", "Not a valid field name")));
            default -> new SettingsProblem(at, messageOr(at(parent(fragment)),
                    Text.of("Isian tidak sah", "Not a valid value")));
        };
    }

    /** "counters[0].name" from the validator's node path (JSON Pointer segments). */
    static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number n) {
                path.append('[').append(n.intValue()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static String child(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static String parent(String pointer) {
        int cut = pointer.lastIndexOf('/');
        return cut <= 0 ? "" : pointer.substring(0, cut);
    }

    private static JsonNode at(String pointer) {
        return follow(DOCUMENT.at(pointer));
    }

    private static JsonNode propertySchema(String objectPointer, String property) {
        JsonNode properties = at(objectPointer).path("properties");
        return follow(properties.path(property));
    }

    /** A local {@code $ref} (the only kind the document uses) leads to the named definition. */
    private static JsonNode follow(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.isTextual() && ref.asText().startsWith("#") ? DOCUMENT.at(ref.asText().substring(1)) : node;
    }

    private static Text messageOr(JsonNode schema, Text fallback) {
        JsonNode message = schema.get(MESSAGE);
        if (message == null || !message.isTextual()) {
            return fallback;
        }
        String text = message.asText();
        int cut = text.indexOf(" / ");
        return cut < 0 ? Text.of(text, text) : Text.of(text.substring(0, cut), text.substring(cut + 3));
    }

    private static JsonNode load() {
        try (InputStream in = SettingsSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable " + RESOURCE, e);
        }
    }
}
