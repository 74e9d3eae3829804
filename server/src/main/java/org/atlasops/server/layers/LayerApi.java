package org.atlasops.server.layers;

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
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.atlasops.store.Database;
import org.atlasops.store.LayerStore;
import org.atlasops.store.ListedLayer;
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
    /** The schema of Navigator layer JSON, written by hand in server/api/schemas.json. */
    private static final String NAVIGATOR_LAYER = "NavigatorLayer";
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
        api.accept(new Endpoint(
                "GET",
                "/api/v1/layers",
                Access.TEAM_READ,
                TAG,
                "List the stored layers, most "
                        + "recently updated first, a page at a time ('next' links the following page)",
                List.of(
                        new Endpoint.Param(
                                "limit", "layers per page, 1 to " + MAX_PAGE + " (default " + PAGE + ")", false),
                        new Endpoint.Param("offset", "layers to skip (default 0)", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(LayerJson.LayerPage.class),
                this::list));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/layers",
                Access.ANALYST,
                TAG,
                "Create a layer from Navigator " + "layer JSON (an upload)",
                List.of(),
                Endpoint.Body.json(NAVIGATOR_LAYER, "a Navigator layer, " + "format 4.x or 3.0"),
                Endpoint.Answer.created(LayerJson.LayerBody.class),
                this::create));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/layers/import",
                Access.ANALYST,
                TAG,
                "Create a layer from a "
                        + "Navigator file at a URL (https; internal hosts only when the server allows them)",
                List.of(),
                Endpoint.Body.json(LayerJson.ImportRequest.class, "where the layer file is"),
                Endpoint.Answer.created(LayerJson.LayerBody.class),
                this::importUrl));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/layers/generate",
                Access.ANALYST,
                TAG,
                "Create a layer generated " + "from ATLAS",
                List.of(),
                Endpoint.Body.json(LayerJson.GenerateRequest.class, "what to generate"),
                Endpoint.Answer.created(LayerJson.LayerBody.class),
                this::generate));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/layers/combine",
                Access.ANALYST,
                TAG,
                "Create a layer combining " + "stored layers by a score expression",
                List.of(),
                Endpoint.Body.json(LayerJson.CombineRequest.class, "the layers and the expression"),
                Endpoint.Answer.created(LayerJson.LayerBody.class),
                this::combine));
        api.accept(op(
                "GET",
                "/api/v1/layers/{id}",
                Access.TEAM_READ,
                "One layer with its Navigator JSON",
                Endpoint.Answer.json(LayerJson.LayerBody.class),
                this::get));
        api.accept(new Endpoint(
                "PUT",
                "/api/v1/layers/{id}",
                Access.ANALYST,
                TAG,
                "Save a new revision of a " + "layer",
                List.of(),
                Endpoint.Body.json(
                        LayerJson.SaveRequest.class, "the edited layer and the " + "revision it was based on"),
                Endpoint.Answer.json(LayerJson.LayerBody.class),
                this::save));
        api.accept(op(
                "DELETE",
                "/api/v1/layers/{id}",
                Access.ANALYST,
                "Delete a layer and its history (its owner " + "or an admin)",
                Endpoint.Answer.noContent(),
                this::delete));
        api.accept(op(
                "GET",
                "/api/v1/layers/{id}/history",
                Access.TEAM_READ,
                "Who saved which revision, when",
                Endpoint.Answer.json(LayerJson.History.class),
                this::history));
        api.accept(op(
                "GET",
                "/api/v1/layers/{id}/revisions/{revision}",
                Access.TEAM_READ,
                "The Navigator JSON of " + "one revision",
                Endpoint.Answer.json(NAVIGATOR_LAYER),
                this::revision));
        api.accept(op(
                "POST",
                "/api/v1/layers/{id}/undo",
                Access.ANALYST,
                "Undo the last change (adds a revision " + "with the previous content)",
                Endpoint.Answer.json(LayerJson.LayerBody.class),
                this::undo));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/layers/{id}/upgrade",
                Access.ANALYST,
                TAG,
                "Upgrade the layer to " + "another ATLAS release, as a new revision",
                List.of(new Endpoint.Param("to", "the target release", true)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(LayerJson.LayerBody.class),
                this::upgrade));
        api.accept(op(
                "GET",
                "/api/v1/layers/{id}/view",
                Access.TEAM_READ,
                "The layer drawn over its release: " + "columns, cells, fills, scores and aggregates",
                Endpoint.Answer.json(LayerJson.LayerView.class),
                this::view));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/layers/{id}/export",
                Access.TEAM_READ,
                TAG,
                "Download the layer",
                List.of(
                        new Endpoint.Param("format", "json (default), xlsx, svg, png, csv or markdown", false),
                        new Endpoint.Param("theme", "light (default) or dark, for svg and png", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(NAVIGATOR_LAYER)
                        .or(
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                "image/svg+xml",
                                "image/png",
                                "text/csv",
                                "text/markdown"),
                this::export));
    }

    private static Endpoint op(
            String method, String path, Access access, String summary, Endpoint.Answer answer, Handler h) {
        return new Endpoint(method, path, access, TAG, summary, List.of(), Endpoint.Body.NONE, answer, h);
    }

    private void list(Context ctx) {
        int limit = Paging.param(ctx, "limit", PAGE, 1, MAX_PAGE);
        int offset = Paging.param(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<LayerJson.LayerSummary> layers = db.layers().list(offset, limit).stream()
                .map(LayerJson.LayerSummary::of)
                .toList();
        long total = db.layers().count();
        Optional<String> next = offset + (long) limit < total
                ? Optional.of("/api/v1/layers?offset=" + (offset + limit) + "&limit=" + limit)
                : Optional.empty();
        ctx.json(new LayerJson.LayerPage(layers, total, offset, limit, next));
    }

    private void create(Context ctx) {
        Layer layer = parseLayer(JsonBody.object(ctx), "the request body");
        created(ctx, layer, "layer.create", "uploaded");
    }

    private void importUrl(Context ctx) {
        String url = JsonBody.read(ctx, LayerJson.ImportRequest.class).url();
        String json = fetcher.fetch(url);
        ObjectNode node;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JsonBody.mapper().readTree(json);
            if (!(tree instanceof ObjectNode o)) {
                throw new Problem(ProblemType.INVALID_LAYER, url + " does not hold a JSON object");
            }
            node = o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Problem(ProblemType.INVALID_LAYER, url + " is not JSON: " + e.getOriginalMessage());
        }
        created(ctx, parseLayer(node, url), "layer.import", url);
    }

    private void generate(Context ctx) {
        LayerJson.GenerateRequest body = JsonBody.read(ctx, LayerJson.GenerateRequest.class);
        KnowledgeBase kb = releases.get(body.release().orElse(null));
        LayerGenerator g = new LayerGenerator(kb);
        Layer layer = switch (body.kind()) {
            case "matrix" -> g.matrix();
            case "case-study-frequency" -> g.caseStudyFrequency(body.rollUp().orElse(false));
            case "case-study" -> g.caseStudy(body.caseStudy().orElseThrow(() -> missing("case_study")));
            case "maturity" -> g.maturity();
            case "search" -> g.search(body.query().orElseThrow(() -> missing("query")), 50);
            default ->
                throw Problem.badRequest("kind '" + body.kind() + "' is not a generator; use matrix, "
                        + "case-study-frequency, case-study, maturity or search");
        };
        Optional<String> name = body.name().filter(n -> !n.isBlank());
        if (name.isPresent()) {
            layer = layer.withName(name.get().strip());
        }
        created(ctx, layer, "layer.generate", body.kind());
    }

    private static Problem missing(String field) {
        return Problem.badRequest("the field '" + field + "' is missing");
    }

    private void combine(Context ctx) {
        LayerJson.CombineRequest body = JsonBody.read(ctx, LayerJson.CombineRequest.class);
        List<Long> ids = body.layers();
        List<Layer> inputs = new ArrayList<>();
        for (long id : ids) {
            inputs.add(db.layers().get(id).layer());
        }
        String expression = body.expression();
        String name = body.name().filter(s -> !s.isBlank()).orElse("combined: " + expression);
        Map<Inherit, Integer> inherit = new EnumMap<>(Inherit.class);
        if (body.inheritFrom().isPresent()) {
            int index = ids.indexOf(body.inheritFrom().get());
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
            throw new Problem(ProblemType.BAD_EXPRESSION, e.getMessage());
        }
        created(ctx, r.layer(), "layer.combine", expression);
    }

    /** Stores a new layer and its audit row in one transaction. */
    private void created(Context ctx, Layer layer, String action, String detail) {
        User u = user(ctx);
        StoredLayer s = db.transaction(tx -> {
            StoredLayer made = tx.layers().create(u, layer);
            tx.audit().record(u.name(), action, "layer " + made.id(), made.name() + " (" + detail + ")");
            return made;
        });
        ctx.status(201)
                .header("Location", "/api/v1/layers/" + s.id())
                .header("ETag", etag(s))
                .json(LayerJson.LayerBody.of(s).withIssues(validate(s.layer())));
    }

    private void get(Context ctx) {
        StoredLayer s = db.layers().get(id(ctx));
        ctx.header("ETag", etag(s)).json(LayerJson.LayerBody.of(s).withIssues(validate(s.layer())));
    }

    private void save(Context ctx) {
        long id = id(ctx);
        LayerJson.SaveRequest body = JsonBody.read(ctx, LayerJson.SaveRequest.class);
        Layer layer = parseLayer(body.layer(), "layer");
        Optional<Integer> basedOn = body.basedOn().isPresent() ? body.basedOn() : ifMatch(ctx);
        String summary = body.summary().orElse("edited");
        User u = user(ctx);
        StoredLayer s = db.transaction(tx -> {
            StoredLayer saved = tx.layers().save(id, layer, basedOn, u, summary);
            tx.audit().record(u.name(), "layer.save", "layer " + id, "revision " + saved.revision() + ": " + summary);
            return saved;
        });
        ctx.header("ETag", etag(s))
                .json(LayerJson.LayerBody.of(s)
                        .withIssues(validate(s.layer()))
                        .withView(LayerJson.LayerView.of(AnnotatedMatrix.of(s.layer(), kbFor(s.layer())))));
    }

    private void delete(Context ctx) {
        long id = id(ctx);
        User u = user(ctx);
        db.transaction(tx -> {
            // described, not read: a layer whose content no longer reads can still be deleted
            ListedLayer s = tx.layers().describe(id);
            if (!s.owner().equals(u.name()) && !u.role().allows(Role.ADMIN)) {
                throw Problem.forbidden("only its owner (" + s.owner() + ") or an admin may delete layer " + id);
            }
            tx.layers().delete(id);
            tx.audit().record(u.name(), "layer.delete", "layer " + id, s.name());
            return null;
        });
        ctx.status(204);
    }

    private void history(Context ctx) {
        long id = id(ctx);
        ctx.json(LayerJson.History.of(id, db.layers().history(id)));
    }

    private void revision(Context ctx) {
        long id = id(ctx);
        int revision = (int) Math.min(Integer.MAX_VALUE, Problem.idParam(ctx, "revision", "revision"));
        ctx.json(LayerWriter.toTree(db.layers().revision(id, revision)));
    }

    private void undo(Context ctx) {
        long id = id(ctx);
        User u = user(ctx);
        StoredLayer s = db.transaction(tx -> {
            StoredLayer undone = tx.layers().undo(id, u);
            tx.audit().record(u.name(), "layer.undo", "layer " + id, "now revision " + undone.revision());
            return undone;
        });
        ctx.header("ETag", etag(s))
                .json(LayerJson.LayerBody.of(s)
                        .withView(LayerJson.LayerView.of(AnnotatedMatrix.of(s.layer(), kbFor(s.layer())))));
    }

    private void upgrade(Context ctx) {
        long id = id(ctx);
        StoredLayer s = db.layers().get(id);
        KnowledgeBase from = kbFor(s.layer());
        String toVersion = ctx.queryParam("to");
        if (toVersion == null || toVersion.isBlank()) {
            throw Problem.badRequest("say which release to upgrade to: ?to=" + releases.defaultVersion());
        }
        KnowledgeBase to = releases.get(toVersion);
        LayerUpgrader.Result r = new LayerUpgrader(releases.catalog().upgradePath(from, to)).upgrade(s.layer());
        String summary = "upgraded from ATLAS " + from.version() + " to " + to.version();
        User u = user(ctx);
        StoredLayer saved = db.transaction(tx -> {
            StoredLayer up = tx.layers().save(id, r.layer(), Optional.of(s.revision()), u, summary);
            tx.audit().record(u.name(), "layer.upgrade", "layer " + id, summary);
            return up;
        });
        ctx.json(LayerJson.LayerBody.of(saved).withUpgrade(r.changes(), r.notCarried()));
    }

    private void view(Context ctx) {
        StoredLayer s = db.layers().get(id(ctx));
        ctx.header("ETag", etag(s))
                .json(LayerJson.LayerView.of(AnnotatedMatrix.of(s.layer(), kbFor(s.layer())))
                        .atRevision(s.revision()));
    }

    private void export(Context ctx) {
        StoredLayer s = db.layers().get(id(ctx));
        String format =
                Optional.ofNullable(ctx.queryParam("format")).orElse("json").toLowerCase(Locale.ROOT);
        AnnotatedMatrix m = AnnotatedMatrix.of(s.layer(), kbFor(s.layer()));
        MatrixPicture.Theme theme =
                "dark".equalsIgnoreCase(ctx.queryParam("theme")) ? MatrixPicture.Theme.DARK : MatrixPicture.Theme.LIGHT;
        MatrixPicture.Options options =
                new MatrixPicture.Options(theme, MatrixPicture.Subtechniques.LAYER, true, "sans-serif");
        String stem = MatrixPicture.fileStem(s.name());
        switch (format) {
            case "json" ->
                download(
                        ctx,
                        "application/json",
                        stem + ".json",
                        LayerWriter.toJson(s.layer()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "xlsx" ->
                download(
                        ctx,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        stem + ".xlsx",
                        XlsxWriter.write(m));
            case "svg" ->
                download(
                        ctx,
                        "image/svg+xml",
                        stem + ".svg",
                        SvgWriter.write(MatrixPicture.draw(m, options))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "png" -> download(ctx, "image/png", stem + ".png", PngWriter.write(MatrixPicture.draw(m, options), 1));
            case "csv" ->
                download(
                        ctx,
                        "text/csv; charset=utf-8",
                        stem + ".csv",
                        TableExport.csv(m, true).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "markdown", "md" ->
                download(
                        ctx,
                        "text/markdown; charset=utf-8",
                        stem + ".md",
                        TableExport.markdown(m, true).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default ->
                throw Problem.badRequest(
                        "format '" + format + "' is not offered; use json, xlsx, svg, png, " + "csv or markdown");
        }
    }

    private static void download(Context ctx, String type, String fileName, byte[] bytes) {
        ctx.contentType(type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .result(bytes);
    }

    /**
     * Reads Navigator layer JSON; errors become a 400 listing each problem with its place. A layer with more entries
     * than the store keeps is refused (413) before it is read, which for a huge upload is most of the work.
     */
    private Layer parseLayer(ObjectNode node, String where) {
        com.fasterxml.jackson.databind.JsonNode techniques = node.get("techniques");
        if (techniques != null && techniques.size() > LayerStore.MAX_ENTRIES) {
            throw new Problem(
                    ProblemType.TOO_LARGE,
                    where + " has " + techniques.size() + " technique entries; at most " + LayerStore.MAX_ENTRIES
                            + " are kept: split it into several layers");
        }
        LayerFile file;
        try {
            file = LayerReader.readString(node.toString(), where);
        } catch (LayerException e) {
            throw new Problem(ProblemType.INVALID_LAYER, e.getMessage());
        }
        if (file.hasErrors() || file.layers().size() != 1) {
            String detail = file.layers().size() != 1
                    ? where + " must hold exactly one layer"
                    : String.join(
                            "; ",
                            file.issues().stream()
                                    .filter(i -> i.severity() == LayerIssue.Severity.ERROR)
                                    .map(i -> i.where() + ": " + i.message())
                                    .toList());
            throw new Problem(ProblemType.INVALID_LAYER, detail);
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
        return layer.atlasVersion()
                .filter(v -> releases.versions().contains(v))
                .map(releases::get)
                .orElseGet(() -> releases.get(null));
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
