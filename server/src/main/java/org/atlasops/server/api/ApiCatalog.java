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
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;

/**
 * Every API endpoint, registered once: the server routes them and the OpenAPI 3.1 document at
 * {@code /api/openapi.json} is built from the same list, so the two cannot drift apart; the schemas come from the
 * request and answer types the endpoints declare.
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

    /**
     * The OpenAPI 3.1 document: every endpoint with its parameters, request and answer schemas (generated from the
     * record types the server maps with Jackson) and problem+json errors.
     */
    public ObjectNode openApi(String version) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Schemas schemas = new Schemas(JsonBody.mapper());
        ObjectNode doc = f.objectNode().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "atlas-ops API").put("version", version)
                .put("description", "MITRE ATLAS knowledge base, Navigator layers and team data. Errors are "
                        + "application/problem+json (RFC 9457); their types are listed in docs/web.md. The knowledge "
                        + "base is public; team data needs a session or an API token (Authorization: Bearer).");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode problem = schemas.ref(new Endpoint.Shape.Type(Problem.Body.class));
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
                ObjectNode media = op.putObject("requestBody").put("required", true)
                        .put("description", e.body().description()).putObject("content")
                        .putObject(e.body().mediaType());
                e.body().shape().ifPresent(shape -> media.set("schema", schemas.ref(shape)));
            }
            if (e.access() != Access.PUBLIC) {
                ArrayNode sec = op.putArray("security");
                sec.addObject().putArray("bearer");
                sec.addObject().putArray("session");
                op.put("x-required-role", e.access().role().map(r -> r.label()).orElse(""));
            }
            ObjectNode responses = op.putObject("responses");
            Endpoint.Answer a = e.answer();
            ObjectNode ok = responses.putObject(String.valueOf(a.status())).put("description", a.status() == 204
                    ? "done; no content" : "success");
            if (a.json().isPresent() || !a.otherMediaTypes().isEmpty()) {
                ObjectNode content = ok.putObject("content");
                a.json().ifPresent(shape -> content.putObject("application/json").set("schema",
                        schemas.ref(shape)));
                for (String type : a.otherMediaTypes()) {
                    content.putObject(type);
                }
            }
            responses.putObject("default").put("description", "an error, as application/problem+json")
                    .putObject("content").putObject("application/problem+json").set("schema", problem.deepCopy());
        }
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas.components());
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("bearer").put("type", "http").put("scheme", "bearer");
        security.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "atlas_session");
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
