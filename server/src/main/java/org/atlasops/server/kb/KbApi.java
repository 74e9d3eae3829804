package org.atlasops.server.kb;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.json.Documents;
import org.atlasops.kb.json.ObjectJson;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.web.Problem;

/** The public knowledge-base API: releases, the matrix, objects, search and release diffs. */
public final class KbApi {
    private static final String JSON = "application/json";
    private static final int MAX_QUERY = 500;
    private final Releases releases;
    private final RenderCache cache = new RenderCache();

    public KbApi(Releases releases) {
        this.releases = releases;
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(get(
                "/api/v1/releases",
                "List the ATLAS releases offered, oldest first",
                List.of(),
                Endpoint.Answer.json(KbJson.ReleaseList.class),
                this::listReleases));
        api.accept(get(
                "/api/v1/releases/{version}/matrix",
                "The matrix of a release: tactics in order, each with " + "its techniques and their sub-techniques",
                List.of(),
                Endpoint.Answer.json(Documents.MatrixDocument.class),
                this::matrix));
        api.accept(get(
                "/api/v1/releases/{version}/objects",
                "List the objects of a release",
                List.of(new Endpoint.Param(
                        "type", "tactic, technique, sub-technique, mitigation or case-study", false)),
                Endpoint.Answer.json(KbJson.ObjectList.class),
                this::objects));
        api.accept(get(
                "/api/v1/releases/{version}/objects/{id}",
                "One object in full, with its relations",
                List.of(),
                Endpoint.Answer.json(Documents.Full.class),
                this::object));
        api.accept(get(
                "/api/v1/releases/{version}/search",
                "Ranked search over names, IDs and descriptions",
                List.of(
                        new Endpoint.Param("q", "the query", true),
                        new Endpoint.Param("limit", "at most this many hits (1-100, default 20)", false)),
                Endpoint.Answer.json(KbJson.Search.class),
                this::search));
        api.accept(get(
                "/api/v1/diff",
                "What changed between two releases",
                List.of(
                        new Endpoint.Param("from", "the older release", true),
                        new Endpoint.Param("to", "the newer release", true)),
                Endpoint.Answer.json(Documents.Diff.class),
                this::diff));
    }

    /**
     * An answer is a record: the server's own in {@link KbJson}, or a document of kb's one JSON mapping
     * ({@link ObjectJson}: objects, the matrix, diffs), which the CLI prints too; the schemas are generated from them.
     */
    private static Endpoint get(
            String path,
            String summary,
            List<Endpoint.Param> query,
            Endpoint.Answer answer,
            io.javalin.http.Handler h) {
        return new Endpoint(
                "GET", path, Access.PUBLIC, "knowledge base", summary, query, Endpoint.Body.NONE, answer, h);
    }

    private void listReleases(Context ctx) {
        ctx.json(new KbJson.ReleaseList(
                releases.defaultVersion(),
                releases.catalog().releases().stream()
                        .map(r -> new KbJson.Release(r.version(), r.bundled()))
                        .toList()));
    }

    private void matrix(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.pathParam("version"));
        ctx.contentType(JSON)
                .result(cache.get("matrix|" + kb.version(), () -> ObjectJson.text(ObjectJson.matrix(kb, true))));
    }

    private void objects(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.pathParam("version"));
        String type = ctx.queryParam("type");
        ObjectType wanted = null;
        if (type != null && !type.isBlank()) {
            wanted = java.util.Arrays.stream(ObjectType.values())
                    .filter(t -> t.label().equals(type.strip().toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(
                            () -> Problem.badRequest(
                                    "type '" + type
                                            + "' is not an ATLAS object type; use tactic, technique, sub-technique, mitigation or case-study"));
        }
        List<Documents.Summary> list = new ArrayList<>();
        for (AtlasObject o : kb.objects()) {
            if (wanted == null || o.type() == wanted) {
                list.add(ObjectJson.summary(kb, o));
            }
        }
        ctx.json(new KbJson.ObjectList(kb.version(), list));
    }

    private void object(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.pathParam("version"));
        String id = ctx.pathParam("id");
        AtlasObject o = kb.find(id)
                .orElseThrow(() -> Problem.notFound("ATLAS " + kb.version() + " has no object '" + id
                        + "'; IDs look like AML.T0051, AML.TA0004, AML.M0015 or AML.CS0016"));
        ctx.contentType(JSON)
                .result(cache.get(
                        "object|" + kb.version() + "|" + o.id(),
                        () -> ObjectJson.text(
                                ObjectJson.details(releases.details(kb).of(o)))));
    }

    private void search(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.pathParam("version"));
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw Problem.badRequest("the query parameter q is missing: say what to search for, e.g. ?q=prompt");
        }
        if (q.length() > MAX_QUERY) {
            throw Problem.badRequest("the query is " + q.length() + " characters long; at most " + MAX_QUERY);
        }
        int limit = limit(ctx.queryParam("limit"));
        List<KbJson.Hit> hits = releases.search(kb).search(q, limit).stream()
                .map(h -> new KbJson.Hit(
                        h.object().id(),
                        h.object().type().label(),
                        h.displayName(),
                        h.score(),
                        KbPages.pathOf(h.object())))
                .toList();
        ctx.json(new KbJson.Search(kb.version(), q, hits));
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 20;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.badRequest("limit must be a whole number from 1 to 100, not '" + text + "'");
    }

    private void diff(Context ctx) {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (from == null || to == null) {
            throw Problem.badRequest("name both releases: ?from=4.9.1&to=5.6.0");
        }
        ctx.contentType(JSON)
                .result(ObjectJson.text(ObjectJson.diff(releases.diff(releases.get(from), releases.get(to)))));
    }
}
