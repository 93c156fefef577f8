package id.antrean.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import id.antrean.storage.SettingsSchema;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The API's OpenAPI 3.1 document at {@code /openapi}: YAML, or JSON when the client asks for it.
 * Served self-contained: the office settings' JSON Schema (one file, also used to check every save)
 * is bundled in as {@code components.schemas.OfficeSettings}, its own references pointed there.
 */
public final class OpenApiDocument implements HttpService {
    static final String RESOURCE = "api/openapi.yaml";
    private static final String SETTINGS = "#/components/schemas/OfficeSettings";
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private final byte[] yaml;
    private final byte[] json;

    public OpenApiDocument() {
        JsonNode document = bundled();
        try {
            this.yaml = YAML.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("The OpenAPI document cannot be written as YAML", e);
        }
        this.json = Json.bytes(document);
    }

    /** The served document as a tree: the source with the settings schema bundled in. */
    public static JsonNode bundled() {
        JsonNode document = load();
        ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
        if (schemas.isMissingNode() || !schemas.has("OfficeSettings")) {
            throw new IllegalStateException(RESOURCE + " has no components.schemas.OfficeSettings to bundle into");
        }
        ObjectNode settings = (ObjectNode) SettingsSchema.document();
        settings.remove("$schema");
        settings.remove("$id");
        pointRefs(settings);
        schemas.set("OfficeSettings", settings);
        return document;
    }

    /** The schema's own {@code #/$defs/x} references, made to resolve inside the bundled document. */
    private static void pointRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                object.set("$ref", TextNode.valueOf(SETTINGS + ref.asText().substring(1)));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                pointRefs(it.next().getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(OpenApiDocument::pointRefs);
        }
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable " + RESOURCE, e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        boolean wantsJson = String.join(",", req.headers().values(HeaderNames.ACCEPT))
                .toLowerCase(Locale.ROOT).contains("application/json");
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, wantsJson ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(wantsJson ? json : yaml);
    }
}
