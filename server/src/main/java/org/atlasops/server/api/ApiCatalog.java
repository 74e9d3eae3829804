package org.atlasops.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.server.auth.Access;

/**
 * Every API endpoint, registered once: the server routes them and the OpenAPI 3.1 document at
 * {@code /api/openapi.json} is built from the same list, so the two cannot drift apart.
 */
public final class ApiCatalog {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
    private final List<Endpoint> endpoints = new ArrayList<>();

    public void add(Endpoint e) {
        endpoints.add(e);
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    public ObjectNode openApi(String version) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "atlas-ops API").put("version", version)
                .put("description", "MITRE ATLAS knowledge base, Navigator layers and team data. Errors are "
                        + "application/problem+json (RFC 9457). The knowledge base is public; team data needs a "
                        + "session or an API token (Authorization: Bearer).");
        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "atlas_session");
        ObjectNode paths = doc.putObject("paths");
        for (Endpoint e : endpoints) {
            ObjectNode path = paths.has(e.path()) ? (ObjectNode) paths.get(e.path()) : paths.putObject(e.path());
            ObjectNode op = path.putObject(e.method().toLowerCase(Locale.ROOT));
            op.put("summary", e.summary()).put("operationId", operationId(e));
            op.putArray("tags").add(e.tag());
            ArrayNode params = op.putArray("parameters");
            Matcher m = PATH_PARAM.matcher(e.path());
            while (m.find()) {
                params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            for (Endpoint.Param p : e.query()) {
                params.addObject().put("name", p.name()).put("in", "query").put("required", p.required())
                        .put("description", p.description()).putObject("schema").put("type", "string");
            }
            if (!e.body().mediaType().isEmpty()) {
                op.putObject("requestBody").put("required", true).put("description", e.body().description())
                        .putObject("content").putObject(e.body().mediaType()).putObject("schema");
            }
            if (e.access() != Access.PUBLIC) {
                ArrayNode sec = op.putArray("security");
                sec.addObject().putArray("bearer");
                sec.addObject().putArray("session");
                op.put("x-required-role", e.access().role().map(r -> r.label()).orElse(""));
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject(e.method().equals("POST") && e.summary().startsWith("Create")
                    ? "201" : "200").put("description", "success").putObject("content");
            for (String type : e.produces()) {
                ok.putObject(type);
            }
            responses.putObject("default").put("description", "an error, as application/problem+json")
                    .putObject("content").putObject("application/problem+json");
        }
        return doc;
    }

    private static String operationId(Endpoint e) {
        String words = e.method().toLowerCase(Locale.ROOT) + " " + e.path().replaceAll("[{}/.-]+", " ");
        StringBuilder b = new StringBuilder();
        for (String w : words.strip().split(" +")) {
            if (w.equals("api") || w.equals("v1")) {
                continue;
            }
            b.append(b.length() == 0 ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return b.toString();
    }
}
