package org.atlasops.server.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.combine.Inherit;
import org.atlasops.navigator.combine.LayerCombiner;
import org.atlasops.navigator.export.MatrixPicture;
import org.atlasops.navigator.export.PngWriter;
import org.atlasops.navigator.export.SvgWriter;
import org.atlasops.navigator.export.TableExport;
import org.atlasops.navigator.export.XlsxWriter;
import org.atlasops.navigator.format.LayerFile;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.generate.LayerGenerator;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.LayerValidator;
import org.atlasops.navigator.upgrade.LayerUpgrader;
import org.atlasops.navigator.upgrade.UpgradeChange;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.StoredLayer;
import org.atlasops.store.User;

/**
 * Team layers: stored with history, edited, combined, upgraded and exported, every operation done by the navigator
 * engine on the server. Reads need a viewer, changes an analyst; every change goes to the audit log.
 */
public final class LayerApi implements AutoCloseable {
    private static final String JSON = "application/json";
    private static final String TAG = "layers";
    /** Layers per page of the list, unless the caller asks for another number (at most MAX_PAGE). */
    static final int PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final Releases releases;
    private final Database db;
    private final LayerFetcher fetcher;

    public LayerApi(Releases releases, Database db, List<String> fetchAllowed) {
        this.releases = releases;
        this.db = db;
        this.fetcher = new LayerFetcher(fetchAllowed);
    }

    /** Stops the client that fetches layers for import (if one was started). */
    @Override
    public void close() {
        fetcher.close();
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(new Endpoint("GET", "/api/v1/layers", Access.TEAM_READ, TAG, "List the stored layers, most "
                + "recently updated first, a page at a time ('next' links the following page)", List.of(
                new Endpoint.Param("limit", "layers per page, 1 to " + MAX_PAGE + " (default " + PAGE + ")", false),
                new Endpoint.Param("offset", "layers to skip (default 0)", false)), Endpoint.Body.NONE,
                List.of(JSON), this::list));
        api.accept(new Endpoint("POST", "/api/v1/layers", Access.ANALYST, TAG, "Create a layer from Navigator "
                + "layer JSON (an upload)", List.of(), Endpoint.Body.json("a Navigator layer, format 4.x or 3.0"),
                List.of(JSON), this::create));
        api.accept(new Endpoint("POST", "/api/v1/layers/import", Access.ANALYST, TAG, "Create a layer from a "
                + "Navigator file at a URL (https; internal hosts only when the server allows them)", List.of(),
                Endpoint.Body.json("{\"url\": \"https://...\"}"), List.of(JSON), this::importUrl));
        api.accept(new Endpoint("POST", "/api/v1/layers/generate", Access.ANALYST, TAG, "Create a layer generated "
                + "from ATLAS", List.of(), Endpoint.Body.json("{\"kind\": \"matrix|case-study-frequency|case-study|"
                + "maturity|search\", \"release\", \"query\", \"case_study\", \"roll_up\", \"name\"}"),
                List.of(JSON), this::generate));
        api.accept(new Endpoint("POST", "/api/v1/layers/combine", Access.ANALYST, TAG, "Create a layer combining "
                + "stored layers by a score expression", List.of(), Endpoint.Body.json("{\"layers\": [ids; a, b, c "
                + "in this order], \"expression\": \"a + b\", \"name\", \"inherit_from\": id}"), List.of(JSON),
                this::combine));
        api.accept(op("GET", "/api/v1/layers/{id}", Access.TEAM_READ, "One layer with its Navigator JSON",
                this::get));
        api.accept(new Endpoint("PUT", "/api/v1/layers/{id}", Access.ANALYST, TAG, "Save a new revision of a "
                + "layer", List.of(), Endpoint.Body.json("{\"layer\": Navigator layer JSON, \"based_on\": the "
                + "revision edited (refused with 409 when it is no longer current), \"summary\": what changed}"),
                List.of(JSON), this::save));
        api.accept(op("DELETE", "/api/v1/layers/{id}", Access.ANALYST, "Delete a layer and its history (its owner "
                + "or an admin)", this::delete));
        api.accept(op("GET", "/api/v1/layers/{id}/history", Access.TEAM_READ, "Who saved which revision, when",
                this::history));
        api.accept(op("GET", "/api/v1/layers/{id}/revisions/{revision}", Access.TEAM_READ, "The Navigator JSON of "
                + "one revision", this::revision));
        api.accept(op("POST", "/api/v1/layers/{id}/undo", Access.ANALYST, "Undo the last change (adds a revision "
                + "with the previous content)", this::undo));
        api.accept(new Endpoint("POST", "/api/v1/layers/{id}/upgrade", Access.ANALYST, TAG, "Upgrade the layer to "
                + "another ATLAS release, as a new revision", List.of(new Endpoint.Param("to", "the target release",
                true)), Endpoint.Body.NONE, List.of(JSON), this::upgrade));
        api.accept(op("GET", "/api/v1/layers/{id}/view", Access.TEAM_READ, "The layer drawn over its release: "
                + "columns, cells, fills, scores and aggregates", this::view));
        api.accept(new Endpoint("GET", "/api/v1/layers/{id}/export", Access.TEAM_READ, TAG, "Download the layer",
                List.of(new Endpoint.Param("format", "json (default), xlsx, svg, png, csv or markdown", false),
                        new Endpoint.Param("theme", "light (default) or dark, for svg and png", false)),
                Endpoint.Body.NONE, List.of(JSON, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "image/svg+xml", "image/png", "text/csv", "text/markdown"), this::export));
    }

    private static Endpoint op(String method, String path, Access access, String summary, Handler h) {
        return new Endpoint(method, path, access, TAG, summary, List.of(), Endpoint.Body.NONE, List.of(JSON), h);
    }

    private void list(Context ctx) {
        int limit = Paging.param(ctx, "limit", PAGE, 1, MAX_PAGE);
        int offset = Paging.param(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        db.layers().list(offset, limit).forEach(s -> a.add(LayerJson.summary(s)));
        long total = db.layers().count();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("layers", a);
        out.put("total", total).put("offset", offset).put("limit", limit);
        if (offset + (long) limit < total) {
            out.put("next", "/api/v1/layers?offset=" + (offset + limit) + "&limit=" + limit);
        }
        ctx.json(out);
    }

    private void create(Context ctx) {
        Layer layer = parseLayer(JsonBody.object(ctx), "the request body");
        created(ctx, layer, "layer.create", "uploaded");
    }

    private void importUrl(Context ctx) {
        String url = JsonBody.text(JsonBody.object(ctx), "url", true);
        String json = fetcher.fetch(url);
        ObjectNode node;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JsonBody.mapper().readTree(json);
            if (!(tree instanceof ObjectNode o)) {
                throw new Problem(400, "invalid-layer", "Not a Navigator layer", url + " does not hold a JSON object");
            }
            node = o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Problem(400, "invalid-layer", "Not a Navigator layer", url + " is not JSON: "
                    + e.getOriginalMessage());
        }
        created(ctx, parseLayer(node, url), "layer.import", url);
    }

    private void generate(Context ctx) {
        ObjectNode body = JsonBody.object(ctx);
        KnowledgeBase kb = releases.get(JsonBody.text(body, "release", false));
        String kind = Optional.ofNullable(JsonBody.text(body, "kind", true)).orElse("");
        LayerGenerator g = new LayerGenerator(kb);
        Layer layer;
        try {
            layer = switch (kind) {
                case "matrix" -> g.matrix();
                case "case-study-frequency" -> g.caseStudyFrequency(body.path("roll_up").asBoolean(false));
                case "case-study" -> g.caseStudy(JsonBody.text(body, "case_study", true));
                case "maturity" -> g.maturity();
                case "search" -> g.search(JsonBody.text(body, "query", true), 50);
                default -> throw Problem.badRequest("kind '" + kind + "' is not a generator; use matrix, "
                        + "case-study-frequency, case-study, maturity or search");
            };
        } catch (LayerException e) {
            throw Problem.badRequest(e.getMessage());
        }
        String name = JsonBody.text(body, "name", false);
        if (name != null && !name.isBlank()) {
            layer = layer.withName(name.strip());
        }
        created(ctx, layer, "layer.generate", kind);
    }

    private void combine(Context ctx) {
        ObjectNode body = JsonBody.object(ctx);
        JsonNode ids = body.get("layers");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw Problem.badRequest("'layers' must be a non-empty array of stored layer ids; the first is a, the "
                    + "second b, and so on");
        }
        List<Layer> inputs = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong()) {
                throw Problem.badRequest("'layers' holds '" + id + "', which is not a layer id");
            }
            inputs.add(stored(id.asLong()).layer());
        }
        String expression = JsonBody.text(body, "expression", true);
        String name = Optional.ofNullable(JsonBody.text(body, "name", false)).filter(s -> !s.isBlank())
                .orElse("combined: " + expression);
        Map<Inherit, Integer> inherit = new EnumMap<>(Inherit.class);
        if (body.hasNonNull("inherit_from")) {
            int index = -1;
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i).asLong() == body.get("inherit_from").asLong()) {
                    index = i;
                }
            }
            if (index < 0) {
                throw Problem.badRequest("inherit_from must be one of the combined layers");
            }
            for (Inherit what : Inherit.values()) {
                inherit.put(what, index);
            }
        }
        KnowledgeBase kb = kbFor(inputs.get(0));
        LayerCombiner.Result r;
        try {
            r = new LayerCombiner(kb).combine(inputs, expression, inherit, name);
        } catch (LayerException e) {
            throw new Problem(400, "bad-expression", "Score expression not accepted", e.getMessage());
        }
        created(ctx, r.layer(), "layer.combine", expression);
    }

    private void created(Context ctx, Layer layer, String action, String detail) {
        StoredLayer s = Problem.fromStore(() -> db.layers().create(user(ctx), layer));
        db.audit().record(user(ctx).name(), action, "layer " + s.id(), s.name() + " (" + detail + ")");
        ObjectNode n = LayerJson.full(s);
        n.set("issues", LayerJson.issues(validate(s.layer())));
        ctx.status(201).header("Location", "/api/v1/layers/" + s.id()).header("ETag", etag(s)).json(n);
    }

    private void get(Context ctx) {
        StoredLayer s = stored(id(ctx));
        ObjectNode n = LayerJson.full(s);
        n.set("issues", LayerJson.issues(validate(s.layer())));
        ctx.header("ETag", etag(s)).json(n);
    }

    private void save(Context ctx) {
        long id = id(ctx);
        ObjectNode body = JsonBody.object(ctx);
        JsonNode layerNode = body.get("layer");
        if (layerNode == null || !layerNode.isObject()) {
            throw Problem.badRequest("'layer' is missing: send {\"layer\": {...Navigator layer...}, \"based_on\": N}");
        }
        Layer layer = parseLayer((ObjectNode) layerNode, "layer");
        Optional<Integer> basedOn = body.hasNonNull("based_on") ? Optional.of(body.get("based_on").asInt())
                : ifMatch(ctx);
        String summary = Optional.ofNullable(JsonBody.text(body, "summary", false)).orElse("edited");
        StoredLayer s = Problem.fromStore(() -> db.layers().save(id, layer, basedOn, user(ctx), summary));
        db.audit().record(user(ctx).name(), "layer.save", "layer " + id, "revision " + s.revision() + ": " + summary);
        ObjectNode n = LayerJson.full(s);
        n.set("issues", LayerJson.issues(validate(s.layer())));
        n.set("view", LayerJson.view(AnnotatedMatrix.of(s.layer(), kbFor(s.layer()))));
        ctx.header("ETag", etag(s)).json(n);
    }

    private void delete(Context ctx) {
        long id = id(ctx);
        StoredLayer s = stored(id);
        User u = user(ctx);
        if (!s.owner().equals(u.name()) && !u.role().allows(Role.ADMIN)) {
            throw Problem.forbidden("only its owner (" + s.owner() + ") or an admin may delete layer " + id);
        }
        Problem.fromStore(() -> {
            db.layers().delete(id);
            return null;
        });
        db.audit().record(u.name(), "layer.delete", "layer " + id, s.name());
        ctx.status(204);
    }

    private void history(Context ctx) {
        long id = id(ctx);
        ctx.json(JsonNodeFactory.instance.objectNode().put("id", id).set("revisions",
                LayerJson.history(Problem.fromStore(() -> db.layers().history(id)))));
    }

    private void revision(Context ctx) {
        long id = id(ctx);
        int revision = (int) Math.min(Integer.MAX_VALUE, Problem.idParam(ctx, "revision", "revision"));
        ctx.json(LayerWriter.toTree(Problem.fromStore(() -> db.layers().revision(id, revision))));
    }

    private void undo(Context ctx) {
        long id = id(ctx);
        StoredLayer s = Problem.fromStore(() -> db.layers().undo(id, user(ctx)));
        db.audit().record(user(ctx).name(), "layer.undo", "layer " + id, "now revision " + s.revision());
        ObjectNode n = LayerJson.full(s);
        n.set("view", LayerJson.view(AnnotatedMatrix.of(s.layer(), kbFor(s.layer()))));
        ctx.header("ETag", etag(s)).json(n);
    }

    private void upgrade(Context ctx) {
        long id = id(ctx);
        StoredLayer s = stored(id);
        KnowledgeBase from = kbFor(s.layer());
        String toVersion = ctx.queryParam("to");
        if (toVersion == null || toVersion.isBlank()) {
            throw Problem.badRequest("say which release to upgrade to: ?to=" + releases.defaultVersion());
        }
        KnowledgeBase to = releases.get(toVersion);
        LayerUpgrader.Result r = new LayerUpgrader(releases.catalog().upgradePath(from, to)).upgrade(s.layer());
        String summary = "upgraded from ATLAS " + from.version() + " to " + to.version();
        StoredLayer saved = Problem.fromStore(() -> db.layers().save(id, r.layer(), Optional.of(s.revision()), user(ctx),
                summary));
        db.audit().record(user(ctx).name(), "layer.upgrade", "layer " + id, summary);
        ObjectNode n = LayerJson.full(saved);
        ArrayNode changes = n.putArray("changes");
        for (UpgradeChange c : r.changes()) {
            changes.addObject().put("kind", c.kind().name().toLowerCase(Locale.ROOT)).put("entry", c.entry())
                    .put("detail", c.detail());
        }
        ArrayNode lost = n.putArray("not_carried");
        for (TechniqueAnnotation a : r.notCarried()) {
            lost.add(LayerWriter.technique(a));
        }
        ctx.json(n);
    }

    private void view(Context ctx) {
        StoredLayer s = stored(id(ctx));
        ObjectNode n = LayerJson.view(AnnotatedMatrix.of(s.layer(), kbFor(s.layer())));
        n.put("revision", s.revision());
        ctx.header("ETag", etag(s)).json(n);
    }

    private void export(Context ctx) {
        StoredLayer s = stored(id(ctx));
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json").toLowerCase(Locale.ROOT);
        AnnotatedMatrix m = AnnotatedMatrix.of(s.layer(), kbFor(s.layer()));
        MatrixPicture.Theme theme = "dark".equalsIgnoreCase(ctx.queryParam("theme")) ? MatrixPicture.Theme.DARK
                : MatrixPicture.Theme.LIGHT;
        MatrixPicture.Options options = new MatrixPicture.Options(theme, MatrixPicture.Subtechniques.LAYER, true,
                "sans-serif");
        String stem = MatrixPicture.fileStem(s.name());
        switch (format) {
            case "json" -> download(ctx, "application/json", stem + ".json", LayerWriter.toJson(s.layer()).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            case "xlsx" -> download(ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    stem + ".xlsx", XlsxWriter.write(m));
            case "svg" -> download(ctx, "image/svg+xml", stem + ".svg", SvgWriter.write(MatrixPicture.draw(m,
                    options)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "png" -> download(ctx, "image/png", stem + ".png", PngWriter.write(MatrixPicture.draw(m, options), 1));
            case "csv" -> download(ctx, "text/csv; charset=utf-8", stem + ".csv", TableExport.csv(m, true)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "markdown", "md" -> download(ctx, "text/markdown; charset=utf-8", stem + ".md",
                    TableExport.markdown(m, true).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> throw Problem.badRequest("format '" + format + "' is not offered; use json, xlsx, svg, png, "
                    + "csv or markdown");
        }
    }

    private static void download(Context ctx, String type, String fileName, byte[] bytes) {
        ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .result(bytes);
    }

    /** Reads Navigator layer JSON; errors become a 400 listing each problem with its place. */
    private Layer parseLayer(ObjectNode node, String where) {
        LayerFile file;
        try {
            file = LayerReader.readString(node.toString(), where);
        } catch (LayerException e) {
            throw new Problem(400, "invalid-layer", "Not a Navigator layer", e.getMessage());
        }
        if (file.hasErrors() || file.layers().size() != 1) {
            String detail = file.layers().size() != 1 ? where + " must hold exactly one layer"
                    : String.join("; ", file.issues().stream().filter(i -> i.severity() == LayerIssue.Severity.ERROR)
                    .map(i -> i.where() + ": " + i.message()).toList());
            throw new Problem(400, "invalid-layer", "Not a valid Navigator layer", detail);
        }
        Layer layer = file.single();
        if (layer.atlasVersion().isEmpty()) {
            layer = layer.withAtlasVersion(releases.defaultVersion());
        }
        return layer;
    }

    private List<LayerIssue> validate(Layer layer) {
        return LayerValidator.validate(layer, kbFor(layer), "layer");
    }

    /** The release the layer names, when the server has it; else the default. */
    private KnowledgeBase kbFor(Layer layer) {
        return layer.atlasVersion().filter(v -> releases.versions().contains(v)).map(releases::get)
                .orElseGet(() -> releases.get(null));
    }

    private StoredLayer stored(long id) {
        return Problem.fromStore(() -> db.layers().get(id));
    }

    private static long id(Context ctx) {
        return Problem.idParam(ctx, "id", "layer");
    }

    private static Optional<Integer> ifMatch(Context ctx) {
        String h = ctx.header("If-Match");
        if (h == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(h.replace("\"", "").strip()));
        } catch (NumberFormatException e) {
            throw Problem.badRequest("If-Match must be the layer's ETag, a revision number in quotes");
        }
    }

    private static String etag(StoredLayer s) {
        return "\"" + s.revision() + "\"";
    }

    private static User user(Context ctx) {
        return Authenticator.caller(ctx).user().orElseThrow(() -> Problem.unauthorized("sign in first"));
    }
}
