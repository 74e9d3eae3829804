package org.atlasops.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API's own OpenAPI document as a test oracle: every answer to an {@code /api/} request is checked against what
 * the document says of that operation — a documented success status, its media type, and a body valid against its
 * schema — and every problem+json answer against the Problem schema. It remembers which operations were answered
 * with a success and with an error, so a test can show that it covered them all.
 */
final class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** One documented operation. */
    record Operation(String method, String path, Pattern pattern, int params, JsonNode spec) {
        String key() {
            return method + " " + path;
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    ApiContract(JsonNode doc) {
        this.doc = doc;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            String regex = "\\Q" + p.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            int params = p.getKey().split("\\{", -1).length - 1;
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                operations.add(new Operation(
                        op.getKey().toUpperCase(Locale.ROOT),
                        p.getKey(),
                        Pattern.compile(regex),
                        params,
                        op.getValue()));
            }
        }
    }

    JsonNode document() {
        return doc;
    }

    /** Every documented operation, as "METHOD /path/{param}". */
    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        operations.forEach(o -> all.add(o.key()));
        return all;
    }

    Set<String> succeeded() {
        return Set.copyOf(succeeded);
    }

    Set<String> refused() {
        return Set.copyOf(refused);
    }

    /** The documented operation a request reaches: the literal path wins over a template ({id}). */
    Optional<Operation> find(String method, String path) {
        return operations.stream()
                .filter(o ->
                        o.method().equals(method) && o.pattern().matcher(path).matches())
                .min(java.util.Comparator.comparingInt(Operation::params));
    }

    /**
     * Checks one answer; an {@link AssertionError} names the operation, the status and every schema violation.
     * {@code body} is the answer's text (empty for binary downloads).
     */
    void check(String method, String path, int status, Optional<String> contentType, String body) {
        Optional<Operation> op = find(method, path);
        String where = method + " " + path + " answered " + status;
        String type = contentType.map(t -> t.split(";")[0].strip()).orElse("");
        if (status >= 400) {
            if (!type.equals("application/problem+json")) {
                throw new AssertionError(where + " as " + type + ", not application/problem+json");
            }
            validate(where, "#/components/schemas/Problem", body);
            op.ifPresent(o -> refused.add(o.key()));
            return;
        }
        Operation o = op.orElseThrow(
                () -> new AssertionError(where + ", but the OpenAPI document has no such " + "operation"));
        JsonNode response = o.spec().path("responses").get(String.valueOf(status));
        if (response == null) {
            throw new AssertionError(where + ", a status its OpenAPI entry does not document: "
                    + o.spec().path("responses").toString());
        }
        JsonNode content = response.path("content");
        if (status == 204 || content.isMissingNode()) {
            if (!body.isEmpty()) {
                throw new AssertionError(where + " with a body, but documents none");
            }
        } else if (!content.has(type)) {
            throw new AssertionError(where + " as " + type + ", not one of " + content.fieldNames());
        } else if (type.equals("application/json")) {
            JsonNode schema = content.get(type).get("schema");
            if (schema == null) {
                throw new AssertionError(o.key() + " documents JSON without a schema");
            }
            validate(where, schema.path("$ref").asText(""), body);
        }
        succeeded.add(o.key());
    }

    /** The errors of {@code json} against the schema at {@code ref} (a "#/components/schemas/..." pointer). */
    List<String> errors(String ref, String json) {
        if (!ref.startsWith("#/components/schemas/")) {
            throw new AssertionError("answers are documented by a $ref into components/schemas, not " + ref);
        }
        Schema schema = compiled.computeIfAbsent(ref, r -> {
            ObjectNode root = JSON.createObjectNode()
                    .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                    .put("$ref", r);
            root.set("components", doc.get("components"));
            return SCHEMAS.getSchema(root);
        });
        JsonNode value;
        try {
            value = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return schema.validate(value).stream().map(Error::toString).toList();
    }

    private void validate(String where, String ref, String body) {
        List<String> errors = errors(ref, body);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ": the body does not match " + ref + ": " + errors + "\n"
                    + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
        }
    }
}
