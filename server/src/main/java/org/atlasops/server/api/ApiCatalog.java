package org.atlasops.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    public OpenApiDocument openApi(String version) {
        Schemas schemas = new Schemas(JsonBody.mapper());
        ObjectNode problem = schemas.ref(new Endpoint.Shape.Type(Problem.Body.class));
        Map<String, Map<String, OpenApiDocument.Operation>> paths = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            List<OpenApiDocument.Parameter> params = new ArrayList<>();
            Matcher m = PATH_PARAM.matcher(e.path());
            while (m.find()) {
                params.add(new OpenApiDocument.Parameter(m.group(1), "path", true, Optional.empty(), string()));
            }
            for (Endpoint.Param p : e.query()) {
                params.add(new OpenApiDocument.Parameter(
                        p.name(), "query", p.required(), Optional.of(p.description()), string()));
            }
            Optional<OpenApiDocument.RequestBody> body = e.body().mediaType().isEmpty()
                    ? Optional.empty()
                    : Optional.of(new OpenApiDocument.RequestBody(
                            true,
                            e.body().description(),
                            Map.of(
                                    e.body().mediaType(),
                                    new OpenApiDocument.MediaType(
                                            e.body().shape().map(schemas::ref)))));
            boolean open = e.access() == Access.PUBLIC;
            Endpoint.Answer a = e.answer();
            Map<String, OpenApiDocument.MediaType> content = new LinkedHashMap<>();
            a.json()
                    .ifPresent(shape -> content.put(
                            "application/json", new OpenApiDocument.MediaType(Optional.of(schemas.ref(shape)))));
            a.otherMediaTypes().forEach(t -> content.put(t, new OpenApiDocument.MediaType(Optional.empty())));
            Map<String, OpenApiDocument.Response> responses = new LinkedHashMap<>();
            responses.put(
                    String.valueOf(a.status()),
                    new OpenApiDocument.Response(
                            a.status() == 204 ? "done; no content" : "success",
                            content.isEmpty() ? Optional.empty() : Optional.of(content)));
            responses.put(
                    "default",
                    new OpenApiDocument.Response(
                            "an error, as application/problem+json",
                            Optional.of(Map.of(
                                    "application/problem+json",
                                    new OpenApiDocument.MediaType(Optional.of(problem.deepCopy()))))));
            paths.computeIfAbsent(e.path(), k -> new LinkedHashMap<>())
                    .put(
                            e.method().toLowerCase(Locale.ROOT),
                            new OpenApiDocument.Operation(
                                    e.summary(),
                                    operationId(e),
                                    List.of(e.tag()),
                                    params,
                                    body,
                                    open
                                            ? Optional.empty()
                                            : Optional.of(
                                                    List.of(Map.of("bearer", List.of()), Map.of("session", List.of()))),
                                    open ? Optional.empty() : e.access().role().map(r -> r.label()),
                                    responses));
        }
        Map<String, OpenApiDocument.SecurityScheme> security = new LinkedHashMap<>();
        security.put(
                "bearer",
                new OpenApiDocument.SecurityScheme("http", Optional.of("bearer"), Optional.empty(), Optional.empty()));
        security.put(
                "session",
                new OpenApiDocument.SecurityScheme(
                        "apiKey", Optional.empty(), Optional.of("cookie"), Optional.of("atlas_session")));
        return new OpenApiDocument(
                "3.1.0",
                new OpenApiDocument.Info(
                        "atlas-ops API",
                        version,
                        "MITRE ATLAS "
                                + "knowledge base, Navigator layers and team data. Errors are application/problem+json (RFC 9457); "
                                + "their types are listed in docs/web.md. The knowledge base is public; team data needs a session or "
                                + "an API token (Authorization: Bearer)."),
                paths,
                new OpenApiDocument.Components(schemas.components(), security));
    }

    private static ObjectNode string() {
        return JsonNodeFactory.instance.objectNode().put("type", "string");
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
