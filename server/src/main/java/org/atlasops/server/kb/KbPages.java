package org.atlasops.server.kb;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.crosswalk.Framework;
import org.atlasops.kb.details.CaseStudyDetails;
import org.atlasops.kb.details.MitigationDetails;
import org.atlasops.kb.details.ObjectDetails;
import org.atlasops.kb.details.Related;
import org.atlasops.kb.details.Step;
import org.atlasops.kb.details.StudyStep;
import org.atlasops.kb.details.TacticDetails;
import org.atlasops.kb.details.TechniqueDetails;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.kb.diff.ReleaseDiff;
import org.atlasops.kb.search.SearchHit;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.MarkdownHtml;
import org.atlasops.server.web.Problem;

/**
 * The explorer's HTML pages, rendered on the server: the matrix, a page per object, lists, search and the release
 * comparison. Page paths follow atlas.mitre.org's ({@code /techniques/AML.T0051}), so the site-relative links inside
 * ATLAS descriptions lead to our own pages.
 */
public final class KbPages {
    private final Releases releases;
    private final Frame frame;
    private final RenderCache cache = new RenderCache();
    private volatile TechniqueExtra techniqueExtra = (ctx, kb, id) -> "";

    /** More of a technique's page after what ATLAS says, rendered per request (the risk database's "what is known"). */
    @FunctionalInterface
    public interface TechniqueExtra {
        String html(Context ctx, KnowledgeBase kb, org.atlasops.kb.AtlasId technique);
    }

    /** Adds a section to every technique's page (the server sets the risk database's). */
    public void techniqueExtra(TechniqueExtra extra) {
        this.techniqueExtra = java.util.Objects.requireNonNull(extra, "extra");
    }

    public KbPages(Releases releases, Frame frame) {
        this.releases = releases;
        this.frame = frame;
    }

    /** Our page for an object, e.g. {@code /techniques/AML.T0051}. */
    public static String pathOf(AtlasObject o) {
        return "/" + routeOf(o.type()) + "/" + o.id();
    }

    private static String routeOf(ObjectType t) {
        return switch (t) {
            case TACTIC -> "tactics";
            case TECHNIQUE, SUB_TECHNIQUE -> "techniques";
            case MITIGATION -> "mitigations";
            case CASE_STUDY -> "studies";
        };
    }

    /** What the maturity badges on the cells mean; the layer workspace shows the same legend. */
    public static final String MATURITY_LEGEND = "<span class=\"maturity-legend\" role=\"note\" aria-label=\"Maturity "
            + "legend\">Maturity: <span class=\"maturity m-feasible\">F</span> feasible "
            + "<span class=\"maturity m-demonstrated\">D</span> demonstrated "
            + "<span class=\"maturity m-realized\">R</span> realized</span>";

    public void matrix(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        ctx.html(frame.render(
                ctx,
                "ATLAS " + kb.version() + " matrix",
                kb.version(),
                cache.get("matrix|" + kb.version(), () -> matrixBody(kb)),
                List.of("matrix.js")));
    }

    private String matrixBody(KnowledgeBase kb) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"page-head\"><h1>ATLAS matrix</h1>")
                .append(releasePicker(kb, "/"))
                .append("</div>")
                .append("<p class=\"lead\">")
                .append(kb.tactics().size())
                .append(" tactics, ")
                .append(kb.techniques().size())
                .append(" techniques and sub-techniques, ")
                .append(kb.mitigations().size())
                .append(" mitigations, ")
                .append(kb.caseStudies().size())
                .append(" case studies. Hover a technique for its summary; open it for the full page. ")
                .append("<button type=\"button\" class=\"link\" id=\"expand-all\">Show all sub-techniques</button>")
                .append("</p>")
                .append(kb.techniques().stream().anyMatch(t -> t.maturity().isPresent()) ? MATURITY_LEGEND : "");
        for (Matrix m : kb.matrices()) {
            if (kb.matrices().size() > 1) {
                b.append("<h2>").append(Html.esc(m.name())).append("</h2>");
            }
            b.append("<div class=\"matrix\" role=\"table\" aria-label=\"")
                    .append(Html.esc(m.name()))
                    .append("\">");
            for (AtlasId tacticId : m.tacticIds()) {
                Tactic t = kb.tactic(tacticId).orElse(null);
                if (t == null) {
                    continue;
                }
                List<Technique> techniques = kb.techniquesIn(t.id()).stream()
                        .filter(x -> !x.isSubTechnique())
                        .toList();
                b.append("<section class=\"tactic\" role=\"rowgroup\"><h3 class=\"tactic-head\"><a href=\"")
                        .append(link(t, kb))
                        .append("\">")
                        .append(Html.esc(t.name()))
                        .append("</a><small>")
                        .append(techniques.size())
                        .append(" techniques</small></h3><ul>");
                for (Technique tech : techniques) {
                    List<Technique> subs = kb.subTechniquesOf(tech.id());
                    b.append("<li class=\"technique\">").append(cell(tech, kb));
                    if (!subs.isEmpty()) {
                        b.append("<details class=\"subs\"><summary aria-label=\"Sub-techniques of ")
                                .append(Html.esc(tech.name()))
                                .append("\">")
                                .append(subs.size())
                                .append("</summary><ul>");
                        for (Technique s : subs) {
                            b.append("<li class=\"technique sub\">")
                                    .append(cell(s, kb))
                                    .append("</li>");
                        }
                        b.append("</ul></details>");
                    }
                    b.append("</li>");
                }
                b.append("</ul></section>");
            }
            b.append("</div>");
        }
        return b.toString();
    }

    private String cell(Technique t, KnowledgeBase kb) {
        String summary = firstSentence(t.description());
        StringBuilder b = new StringBuilder("<a class=\"cell\" href=\"")
                .append(link(t, kb))
                .append("\" title=\"")
                .append(Html.esc(t.id() + ": " + summary))
                .append("\" data-id=\"")
                .append(Html.esc(t.id().value()))
                .append("\">")
                .append(Html.esc(t.name()));
        t.maturity()
                .ifPresent(m -> b.append("<span class=\"maturity m-")
                        .append(m.label())
                        .append("\" title=\"")
                        .append("maturity: ")
                        .append(m.label())
                        .append("\">")
                        .append(m.label().charAt(0))
                        .append("</span>"));
        return b.append("</a>").toString();
    }

    public void object(Context ctx, ObjectType... types) {
        KnowledgeBase kb = kb(ctx);
        String id = ctx.pathParam("id");
        AtlasObject o = kb.find(id)
                .filter(x -> List.of(types).contains(x.type()))
                .orElseThrow(() ->
                        Problem.notFound("ATLAS " + kb.version() + " has no " + types[0].label() + " '" + id + "'"));
        ctx.html(frame.render(
                ctx,
                o.id() + " " + o.name(),
                kb.version(),
                cache.get(
                                "object|" + kb.version() + "|" + o.id(),
                                () -> objectBody(releases.details(kb).of(o)))
                        + (o.type().isTechnique() ? techniqueExtra.html(ctx, kb, o.id()) : ""),
                List.of()));
    }

    /**
     * The page of one object: it renders the read model and nothing else. Every related object is named by its ID
     * in a {@code <span class="id">}, linked when the release has it.
     */
    private String objectBody(ObjectDetails d) {
        AtlasObject o = d.object();
        String release = d.release();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"page-head\"><div><p class=\"kind\">")
                .append(Html.esc(o.type().label()))
                .append(" · ATLAS ")
                .append(Html.esc(release))
                .append("</p><h1><span class=\"id\">")
                .append(Html.esc(o.id().value()))
                .append("</span> ")
                .append(Html.esc(o.name()))
                .append("</h1></div>")
                .append(releasePicker(release, pathOf(o)))
                .append("</div><dl class=\"facts\">");
        if (d instanceof TechniqueDetails t) {
            t.parent().ifPresent(p -> fact(b, "Sub-technique of", ref(p, release)));
            fact(
                    b,
                    "Tactics",
                    String.join(
                            ", ", t.tactics().stream().map(x -> ref(x, release)).toList()));
            t.object()
                    .maturity()
                    .ifPresent(m -> fact(
                            b, "Maturity", "<span class=\"maturity m-" + m.label() + "\">" + m.label() + "</span>"));
            t.object().attackReference().ifPresent(a -> fact(b, "ATT&amp;CK", Html.link(a.url(), a.id())));
            t.object().created().ifPresent(x -> fact(b, "Created", x.toString()));
            t.object().modified().ifPresent(x -> fact(b, "Modified", x.toString()));
        } else if (d instanceof TacticDetails t) {
            t.object().attackReference().ifPresent(a -> fact(b, "ATT&amp;CK", Html.link(a.url(), a.id())));
        } else if (d instanceof MitigationDetails m) {
            if (!m.object().categories().isEmpty()) {
                fact(b, "Categories", Html.esc(String.join(", ", m.object().categories())));
            }
            if (!m.object().lifecycleStages().isEmpty()) {
                fact(b, "AI lifecycle", Html.esc(String.join(", ", m.object().lifecycleStages())));
            }
            m.object().attackReference().ifPresent(a -> fact(b, "ATT&amp;CK", Html.link(a.url(), a.id())));
        } else if (d instanceof CaseStudyDetails c) {
            CaseStudy cs = c.object();
            cs.incidentDate().ifPresent(x -> fact(b, "Incident date", x.date().toString()));
            cs.caseStudyType().ifPresent(v -> fact(b, "Type", Html.esc(v)));
            cs.target().ifPresent(v -> fact(b, "Target", Html.esc(v)));
            cs.actor().ifPresent(v -> fact(b, "Actor", Html.esc(v)));
            cs.reporter().ifPresent(v -> fact(b, "Reported by", Html.esc(v)));
        }
        fact(
                b,
                "Permalink",
                "<a href=\"" + Html.esc(pathOf(o) + "?release=" + Html.url(release)) + "\">"
                        + Html.esc(pathOf(o) + "?release=" + release) + "</a> · "
                        + Html.link(o.url(), "atlas.mitre.org"));
        b.append("</dl><div class=\"description\">")
                .append(MarkdownHtml.render(o.description()))
                .append("</div>");

        if (d instanceof TechniqueDetails t) {
            techniqueSections(b, t);
        } else if (d instanceof TacticDetails t) {
            list(
                    b,
                    "Techniques (" + t.techniques().size() + ")",
                    t.techniques().stream()
                            .map(x -> anchor(x.technique(), release))
                            .toList());
        } else if (d instanceof MitigationDetails m) {
            b.append("<h2>Techniques addressed (").append(m.techniques().size()).append(")</h2><ul class=\"uses\">");
            for (MitigationDetails.Mitigated u : m.techniques()) {
                b.append("<li>")
                        .append(ref(u.technique(), release))
                        .append(MarkdownHtml.render(u.use()))
                        .append("</li>");
            }
            b.append("</ul>");
        } else if (d instanceof CaseStudyDetails c) {
            timeline(b, c);
            references(b, c.object().references());
        }
        crosswalk(b, d);
        return b.toString();
    }

    private void techniqueSections(StringBuilder b, TechniqueDetails t) {
        String release = t.release();
        if (!t.subTechniques().isEmpty()) {
            list(
                    b,
                    "Sub-techniques (" + t.subTechniques().size() + ")",
                    t.subTechniques().stream().map(x -> anchor(x, release)).toList());
        }
        b.append("<h2>Mitigations (").append(t.mitigations().size()).append(")</h2>");
        if (t.mitigations().isEmpty()) {
            b.append("<p class=\"none\">None listed in this release.</p>");
        } else {
            b.append("<ul class=\"uses\">");
            for (TechniqueDetails.MitigationUse m : t.mitigations()) {
                b.append("<li>")
                        .append(anchor(m.mitigation(), release))
                        .append(MarkdownHtml.render(m.use()))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<h2>Case studies (").append(t.caseStudyCount()).append(")</h2>");
        if (t.caseStudySteps().isEmpty()) {
            b.append("<p class=\"none\">No case study uses it in this release.</p>");
        } else {
            b.append("<ul class=\"uses\">");
            for (StudyStep s : t.caseStudySteps()) {
                b.append("<li>")
                        .append(anchor(s.caseStudy(), release))
                        .append(" <span class=\"muted\">step ")
                        .append(s.step().number())
                        .append("</span>");
                // The rule of the read model: a parent's steps include its sub-techniques', each naming its ID.
                if (!s.step().technique().id().equals(t.object().id())) {
                    b.append(" <span class=\"muted\">via</span> ")
                            .append(ref(s.step().technique(), release));
                }
                b.append(MarkdownHtml.render(s.step().description())).append("</li>");
            }
            b.append("</ul>");
        }
        references(b, t.object().references());
    }

    /** The procedure drawn across tactic columns: one row per step, placed under its tactic. */
    private void timeline(StringBuilder b, CaseStudyDetails cs) {
        String release = cs.release();
        List<AtlasId> columns = cs.tacticColumns().stream().map(Related::id).toList();
        b.append("<h2>Procedure (")
                .append(cs.procedure().size())
                .append(" steps)</h2>")
                .append("<div class=\"timeline\" style=\"--columns:")
                .append(columns.size())
                .append("\">");
        for (int c = 0; c < columns.size(); c++) {
            b.append("<div class=\"tl-head\" style=\"grid-column:")
                    .append(c + 1)
                    .append("\">")
                    .append(ref(cs.tacticColumns().get(c), release))
                    .append("</div>");
        }
        for (Step s : cs.procedure()) {
            int col = columns.indexOf(s.tactic().id()) + 1;
            b.append("<div class=\"tl-step\" style=\"grid-column:")
                    .append(col)
                    .append(";grid-row:")
                    .append(s.number() + 1)
                    .append("\"><span class=\"step-no\">")
                    .append(s.number())
                    .append("</span> ")
                    .append(ref(s.technique(), release))
                    .append(MarkdownHtml.render(s.description()))
                    .append("</div>");
        }
        b.append("</div>");
    }

    private void crosswalk(StringBuilder b, ObjectDetails d) {
        if (d.crosswalk().isEmpty()) {
            return;
        }
        b.append("<h2>Crosswalk</h2><table class=\"plain\"><thead><tr><th>Framework</th><th>ID</th><th>Title</th>")
                .append("<th>Via</th></tr></thead><tbody>");
        for (CrosswalkEntry e : d.crosswalk()) {
            // An ATLAS entry is a related object like any other: named by its ID, linked when the release has it.
            String id = e.framework() == Framework.ATLAS
                    ? AtlasId.tryParse(e.id())
                            .map(a -> ref(releases.get(d.release()), a))
                            .orElse(Html.esc(e.id()))
                    : Html.esc(e.id());
            b.append("<tr><td>")
                    .append(Html.esc(e.framework().title()))
                    .append("</td><td>")
                    .append(id)
                    .append("</td><td>")
                    .append(Html.esc(e.title()))
                    .append("</td><td>")
                    .append(Html.esc(e.via()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    public void mitigations(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        listPage(
                ctx,
                kb,
                "Mitigations",
                kb.mitigations().stream().map(m -> (AtlasObject) m).toList(),
                "/mitigations");
    }

    public void caseStudies(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        listPage(
                ctx,
                kb,
                "Case studies",
                kb.caseStudies().stream().map(m -> (AtlasObject) m).toList(),
                "/studies");
    }

    private void listPage(Context ctx, KnowledgeBase kb, String title, List<AtlasObject> objects, String path) {
        StringBuilder b = new StringBuilder("<div class=\"page-head\"><h1>")
                .append(title)
                .append(" (")
                .append(objects.size())
                .append(")</h1>")
                .append(releasePicker(kb, path))
                .append("</div>")
                .append("<table class=\"plain\"><tbody>");
        for (AtlasObject o : objects) {
            b.append("<tr><td class=\"id\">")
                    .append(Html.esc(o.id().value()))
                    .append("</td><td><a href=\"")
                    .append(link(o, kb))
                    .append("\">")
                    .append(Html.esc(o.name()))
                    .append("</a><div class=\"muted\">")
                    .append(Html.esc(firstSentence(o.description())))
                    .append("</div></td></tr>");
        }
        b.append("</tbody></table>");
        ctx.html(frame.render(ctx, title, kb.version(), b.toString(), List.of()));
    }

    public void search(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        StringBuilder b = new StringBuilder("<h1>Search ATLAS ")
                .append(Html.esc(kb.version()))
                .append("</h1>")
                .append("<form class=\"big-search\" action=\"/search\" method=\"get\"><input type=\"hidden\" ")
                .append("name=\"release\" value=\"")
                .append(Html.esc(kb.version()))
                .append("\"><input type=\"search\" ")
                .append("name=\"q\" aria-label=\"Query\" value=\"")
                .append(Html.esc(q))
                .append("\" autofocus>")
                .append("<button type=\"submit\">Search</button></form>");
        if (!q.isEmpty()) {
            List<SearchHit> hits = releases.search(kb).search(q.length() > 500 ? q.substring(0, 500) : q, 50);
            b.append("<p class=\"muted\">").append(hits.size()).append(" results</p><ol class=\"hits\">");
            for (SearchHit h : hits) {
                b.append("<li><a href=\"")
                        .append(link(h.object(), kb))
                        .append("\"><span class=\"id\">")
                        .append(Html.esc(h.object().id().value()))
                        .append("</span> ")
                        .append(Html.esc(h.displayName()))
                        .append("</a> <span class=\"kind\">")
                        .append(Html.esc(h.object().type().label()))
                        .append("</span><div class=\"muted\">")
                        .append(Html.esc(firstSentence(h.object().description())))
                        .append("</div></li>");
            }
            b.append("</ol>");
        }
        ctx.html(frame.render(ctx, q.isEmpty() ? "Search" : "Search: " + q, kb.version(), b.toString(), List.of()));
    }

    public void diff(Context ctx) {
        List<String> versions = releases.versions();
        String from = orElse(
                ctx.queryParam("from"), versions.size() > 1 ? versions.get(versions.size() - 2) : versions.get(0));
        String to = orElse(ctx.queryParam("to"), releases.defaultVersion());
        ReleaseDiff d = releases.diff(releases.get(from), releases.get(to));
        KnowledgeBase newer = releases.get(to);
        KnowledgeBase older = releases.get(from);
        StringBuilder b = new StringBuilder("<h1>Compare releases</h1><form class=\"diff-form\" method=\"get\" ")
                .append("action=\"/diff\"><label>From ")
                .append(Html.select("from", versions, older.version(), ""))
                .append("</label><label>to ")
                .append(Html.select("to", versions, newer.version(), ""))
                .append("</label><button type=\"submit\">Compare</button></form>");
        if (d.isEmpty()) {
            b.append("<p>No differences.</p>");
        }
        Map<String, ObjectChange.Kind> sections = new LinkedHashMap<>();
        sections.put("Added", ObjectChange.Kind.ADDED);
        sections.put("Removed", ObjectChange.Kind.REMOVED);
        sections.put("Changed", ObjectChange.Kind.CHANGED);
        for (Map.Entry<String, ObjectChange.Kind> s : sections.entrySet()) {
            List<ObjectChange> changes =
                    d.changes().stream().filter(c -> c.kind() == s.getValue()).toList();
            if (changes.isEmpty()) {
                continue;
            }
            b.append("<h2 id=\"")
                    .append(s.getKey().toLowerCase(Locale.ROOT))
                    .append("\">")
                    .append(s.getKey())
                    .append(" (")
                    .append(changes.size())
                    .append(")</h2><table class=\"plain diff\"><tbody>");
            for (ObjectChange c : changes) {
                KnowledgeBase where = c.kind() == ObjectChange.Kind.REMOVED ? older : newer;
                String name = c.kind() == ObjectChange.Kind.REMOVED ? c.oldName() : c.newName();
                String label = where.find(c.id())
                        .map(o -> "<a href=\"" + link(o, where) + "\">" + Html.esc(c.id().value()) + "</a>")
                        .orElse(Html.esc(c.id().value()));
                b.append("<tr><td class=\"id\">")
                        .append(label)
                        .append("</td><td>")
                        .append(Html.esc(c.type().label()))
                        .append("</td><td>");
                if (c.renamed()) {
                    b.append("<span class=\"renamed\">renamed</span> <del>")
                            .append(Html.esc(c.oldName()))
                            .append("</del> → <ins>")
                            .append(Html.esc(c.newName()))
                            .append("</ins>");
                } else {
                    b.append(Html.esc(name));
                }
                if (d.successors().containsKey(c.id())) {
                    b.append(" <span class=\"muted\">→ ")
                            .append(Html.esc(d.successors().get(c.id()).value()))
                            .append("</span>");
                }
                if (!c.fields().isEmpty()) {
                    b.append("<div class=\"muted\">changed: ")
                            .append(Html.esc(String.join(
                                    ", ",
                                    c.fields().stream().map(f -> f.field()).toList())))
                            .append("</div>");
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        ctx.html(frame.render(
                ctx, "Compare " + older.version() + " and " + newer.version(), "", b.toString(), List.of()));
    }

    private KnowledgeBase kb(Context ctx) {
        return releases.get(ctx.queryParam("release"));
    }

    private String releasePicker(KnowledgeBase kb, String path) {
        return releasePicker(kb.version(), path);
    }

    private String releasePicker(String release, String path) {
        return "<form class=\"release\" method=\"get\" action=\"" + Html.esc(path) + "\"><label>ATLAS release "
                + Html.select("release", releases.versions(), release, "auto-submit")
                + "</label><noscript><button type=\"submit\">Show</button></noscript></form>";
    }

    private String link(AtlasObject o, KnowledgeBase kb) {
        return link(o, kb.version());
    }

    private String link(AtlasObject o, String release) {
        String path = pathOf(o);
        return Html.esc(release.equals(releases.defaultVersion()) ? path : path + "?release=" + Html.url(release));
    }

    private String anchor(AtlasObject o, String release) {
        return "<a href=\"" + link(o, release) + "\"><span class=\"id\">" + Html.esc(o.id().value()) + "</span> "
                + Html.esc(o.name()) + "</a>";
    }

    /** A related object: a link when the release has it, else its ID marked as missing. */
    private String ref(Related<?> r, String release) {
        return r.object().map(o -> anchor(o, release)).orElseGet(() -> missing(r.id()));
    }

    private String ref(KnowledgeBase kb, AtlasId id) {
        return kb.find(id).map(o -> anchor(o, kb.version())).orElseGet(() -> missing(id));
    }

    private static String missing(AtlasId id) {
        return "<span class=\"id\">" + Html.esc(id.value()) + "</span> <span class=\"muted\">(not in this "
                + "release)</span>";
    }

    private static void fact(StringBuilder b, String name, String html) {
        b.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
    }

    private static void list(StringBuilder b, String title, List<String> items) {
        b.append("<h2>").append(Html.esc(title)).append("</h2><ul class=\"links\">");
        items.forEach(i -> b.append("<li>").append(i).append("</li>"));
        b.append("</ul>");
    }

    private static void references(StringBuilder b, List<Reference> refs) {
        if (refs.isEmpty()) {
            return;
        }
        b.append("<h2>References</h2><ol class=\"refs\">");
        for (Reference r : refs) {
            b.append("<li>")
                    .append(Html.link(r.url(), r.title().isBlank() ? r.url() : r.title()))
                    .append("</li>");
        }
        b.append("</ol>");
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    /** The first sentence of a description, without Markdown links, for hover text and lists. */
    static String firstSentence(String markdown) {
        String plain = markdown.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replaceAll("[*_`#>]", "")
                .replaceAll("\\s+", " ")
                .strip();
        int end = plain.indexOf(". ");
        String s = end > 0 && end < 300 ? plain.substring(0, end + 1) : plain;
        return s.length() > 300 ? s.substring(0, 299) + "…" : s;
    }
}
