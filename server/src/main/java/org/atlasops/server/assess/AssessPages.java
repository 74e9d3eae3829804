package org.atlasops.server.assess;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageChart;
import org.atlasops.assess.coverage.CoverageLayers;
import org.atlasops.assess.coverage.TacticCoverage;
import org.atlasops.assess.coverage.TechniqueCoverage;
import org.atlasops.assess.coverage.TrendChart;
import org.atlasops.assess.coverage.TrendPoint;
import org.atlasops.assess.threatmodel.ApplicableTechnique;
import org.atlasops.assess.threatmodel.Priority;
import org.atlasops.assess.threatmodel.Reason;
import org.atlasops.assess.threatmodel.Recommendation;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.Failure;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;

/**
 * The assessment pages: a form to paste or upload an inventory, the threat model (applicable techniques with their
 * reasons, priority parts and mitigations) and the coverage with its per-tactic chart as inline SVG (no script, so
 * the CSP holds). A flawed inventory shows the form again with each flaw's line and field.
 */
public final class AssessPages {
    private final Releases releases;
    private final AssessApi api;
    private final Frame frame;

    public AssessPages(Releases releases, AssessApi api, Frame frame) {
        this.releases = releases;
        this.api = api;
        this.frame = frame;
    }

    /** The assess pages' own navigation, on each of them. */
    static String subnav(String current) {
        StringBuilder b = new StringBuilder("<nav class=\"subnav\" aria-label=\"Assess\">");
        String[][] links = {
            {"/assess", "Threat model and coverage"},
            {"/assess/inventories", "Saved inventories"},
            {"/assess/metrics", "SOC metrics"},
        };
        for (int i = 0; i < links.length; i++) {
            b.append(i == 0 ? "" : " · ")
                    .append("<a href=\"")
                    .append(links[i][0])
                    .append('"')
                    .append(links[i][0].equals(current) ? " aria-current=\"page\"" : "")
                    .append('>')
                    .append(links[i][1])
                    .append("</a>");
        }
        return b.append("</nav>").toString();
    }

    public void form(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.queryParam("release"));
        show(ctx, kb, 200, "", List.of());
    }

    /** {@code GET /assess/metrics}: the register's MTTD and MTTR with charts and their tables (team data). */
    public void metrics(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.queryParam("release"));
        String since = ctx.queryParam("since");
        String until = ctx.queryParam("until");
        AssessApi.Metrics m;
        try {
            m = api.metrics(since, until, kb);
        } catch (Problem p) {
            ctx.status(p.status());
            ctx.html(frame.render(
                    ctx,
                    "SOC metrics",
                    kb.version(),
                    subnav("/assess/metrics") + "<h1>SOC metrics</h1><div class=\"error\" role=\"alert\"><p>"
                            + Html.esc(p.detail()) + "</p></div>" + MetricsPage.periodForm(since, until),
                    List.of()));
            return;
        }
        ctx.html(frame.render(
                ctx,
                "SOC metrics",
                kb.version(),
                subnav("/assess/metrics") + MetricsPage.body(m.report(), m.notMeasurable(), since, until),
                List.of()));
    }

    public void model(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.formParam("release"));
        Input in = input(ctx);
        ThreatModel m;
        try {
            m = Assessor.model(Assessor.inventory(in.bytes(), in.file(), kb), kb);
        } catch (Problem p) {
            refuse(ctx, kb, in, p);
            return;
        }
        ctx.html(frame.render(ctx, "Threat model: " + m.system().name(), kb.version(), modelBody(m), List.of()));
    }

    public void coverage(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.formParam("release"));
        Input in = input(ctx);
        Coverage c;
        try {
            c = coverage(ctx, kb, in);
        } catch (Problem p) {
            refuse(ctx, kb, in, p);
            return;
        } catch (Failure f) {
            refuse(ctx, kb, in, Problem.of(f));
            return;
        }
        ctx.html(frame.render(ctx, "Coverage: " + c.systemName(), kb.version(), coverageBody(c), List.of()));
    }

    /** {@code POST /assess/coverage/layer}: the same form's coverage as a Navigator layer to download. */
    public void layer(Context ctx) {
        KnowledgeBase kb = releases.get(ctx.formParam("release"));
        CoverageLayers.Kind kind = AssessApi.layerKind(ctx.formParam("kind"));
        Coverage c = coverage(ctx, kb, input(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"" + c.system() + "-coverage.json\"")
                .contentType("application/json")
                .result(LayerWriter.toJson(CoverageLayers.of(c, kb, kind)));
    }

    /** The form's evidence as the API's request: the page and the API compute coverage the same way. */
    private Coverage coverage(Context ctx, KnowledgeBase kb, Input in) {
        ThreatModel m = Assessor.model(Assessor.inventory(in.bytes(), in.file(), kb), kb);
        Upload dettect = upload(ctx, "dettect", Assessor.MAX_DETTECT);
        Upload dataSources = upload(ctx, "data-sources", Assessor.MAX_DETTECT);
        // rules are read only for analysts; anyone else who sends some is refused by api.inputs, naming the role
        List<AssessJson.RuleFile> rules = rules(ctx);
        List<String> runs =
                ctx.formParams("emulation").stream().filter(x -> !x.isBlank()).toList();
        AssessJson.CoverageRequest r = new AssessJson.CoverageRequest(
                "",
                Optional.of(dettect.text()),
                Optional.of(dataSources.text()),
                Optional.of(rules),
                Optional.of(runs),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        return api.assessor().coverage(m, kb, api.inputs(ctx, r, kb, dettect.name(), dataSources.name()));
    }

    private record Upload(String name, String text) {}

    /** An uploaded file's text (empty when none was chosen); one over the limit is refused, naming the limit. */
    private static Upload upload(Context ctx, String field, int limit) {
        UploadedFile f = ctx.isMultipartFormData() ? ctx.uploadedFile(field) : null;
        if (f == null || f.size() == 0) {
            return new Upload(field, "");
        }
        return new Upload(f.filename(), read(f, limit));
    }

    /**
     * The file's text; its size in bytes is compared with the limit before reading, so text of many-byte characters
     * is never cut to fit (a cut file would be read as if whole).
     */
    private static String read(UploadedFile f, int limit) {
        if (f.size() > limit) {
            throw new Problem(
                    ProblemType.TOO_LARGE,
                    f.filename() + " is " + f.size() + " bytes; at most " + limit + " bytes are taken");
        }
        try (InputStream s = f.content()) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Problem.badRequest(f.filename() + ": the uploaded file could not be read: " + e.getMessage());
        }
    }

    /** The uploaded rule files, each {@code x.tests.yml} joined to its {@code x.yml} as its tests. */
    private static List<AssessJson.RuleFile> rules(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            return List.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        long total = 0;
        for (UploadedFile f : ctx.uploadedFiles("rules")) {
            if (f.size() == 0) {
                continue;
            }
            total += f.size();
            if (total > Assessor.MAX_RULES || texts.size() >= Assessor.MAX_RULE_FILES) {
                throw new Problem(
                        ProblemType.TOO_LARGE,
                        "the rule files are more than " + Assessor.MAX_RULE_FILES + " or larger than "
                                + Assessor.MAX_RULES / (1024 * 1024) + " MiB together");
            }
            texts.putIfAbsent(f.filename(), read(f, Assessor.MAX_RULES));
        }
        List<AssessJson.RuleFile> out = new ArrayList<>();
        texts.forEach((name, text) -> {
            if (name.matches("(?i).*\\.tests\\.ya?ml$")) {
                return;
            }
            String base = name.replaceFirst("(?i)\\.ya?ml$", "");
            Optional<String> tests = Optional.ofNullable(texts.get(base + ".tests.yml"))
                    .or(() -> Optional.ofNullable(texts.get(base + ".tests.yaml")));
            out.add(new AssessJson.RuleFile(name, text, tests));
        });
        return out;
    }

    private record Input(byte[] bytes, String file) {}

    /** The uploaded file when one was chosen, else the pasted text; an oversized upload is cut to show it is. */
    private static Input input(Context ctx) {
        UploadedFile f = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
        if (f != null && f.size() > 0) {
            if (f.size() > Assessor.MAX_INVENTORY) {
                // Assessor.inventory refuses it by its length, naming the limit; nothing of it is read
                return new Input(new byte[Assessor.MAX_INVENTORY + 1], f.filename());
            }
            try (InputStream s = f.content()) {
                return new Input(s.readNBytes(Assessor.MAX_INVENTORY + 1), f.filename());
            } catch (IOException e) {
                throw Problem.badRequest("the uploaded file could not be read: " + e.getMessage());
            }
        }
        String text = ctx.formParam("inventory");
        return new Input((text == null ? "" : text).getBytes(StandardCharsets.UTF_8), "inventory");
    }

    private void refuse(Context ctx, KnowledgeBase kb, Input in, Problem p) {
        if (p.type() != ProblemType.INVALID_INVENTORY
                && p.type() != ProblemType.TOO_LARGE
                && p.type() != ProblemType.BAD_REQUEST) {
            throw p;
        }
        String pasted = in.bytes().length > Assessor.MAX_INVENTORY || !"inventory".equals(in.file())
                ? ""
                : new String(in.bytes(), StandardCharsets.UTF_8);
        show(
                ctx,
                kb,
                p.status(),
                pasted,
                List.of(p.detail().split("; (?=" + java.util.regex.Pattern.quote(in.file()) + ":)")));
    }

    private void show(Context ctx, KnowledgeBase kb, int status, String pasted, List<String> errors) {
        StringBuilder b = new StringBuilder(
                subnav("/assess") + "<h1>Assess an AI system</h1><p class=\"muted\">Paste or upload the "
                        + "system's inventory (YAML or JSON, <code>docs/assess.md</code>; an example is "
                        + "<code>samples/assess/support-bot.yaml</code>) to see which ATLAS " + Html.esc(kb.version())
                        + " techniques apply and why, what to mitigate first, and how much of it the bundled rules and "
                        + "analyzers detect. Nothing is stored.</p>");
        if (!errors.isEmpty()) {
            b.append("<div class=\"error\" role=\"alert\"><p>The input was not accepted:</p><ul>");
            errors.forEach(e -> b.append("<li><code>").append(Html.esc(e)).append("</code></li>"));
            b.append("</ul></div>");
        }
        b.append("<form id=\"assess-form\" method=\"post\" action=\"/assess/model\" enctype=\"multipart/form-data\" "
                        + "class=\"stack\">")
                // the session's token: the form may carry the team's rules, which need an analyst's session
                .append(Html.csrfInput(Authenticator.csrfToken(ctx)))
                .append("<input type=\"hidden\" name=\"release\" value=\"")
                .append(Html.esc(kb.version()))
                .append("\"><label>Inventory<textarea name=\"inventory\" rows=\"18\" cols=\"80\" spellcheck=\"false\">")
                .append(Html.esc(pasted))
                .append("</textarea></label><label>or upload a file (at most ")
                .append(Assessor.MAX_INVENTORY / 1024)
                .append(" KiB) <input type=\"file\" name=\"file\" accept=\".yaml,.yml,.json\"></label>")
                .append(evidenceFields(api.runNames(ctx), api.mayUploadRules(ctx)))
                .append("<div><button type=\"submit\">Threat model</button> <button type=\"submit\" "
                        + "formaction=\"/assess/coverage\">Coverage</button> <button type=\"submit\" "
                        + "formaction=\"/assess/coverage/layer\">Coverage layer</button></div></form>")
                .append("<p class=\"muted\">The same as JSON: <code>POST /api/v1/assess/threat-model</code>, "
                        + "<code>POST /api/v1/assess/coverage/evidence</code> and <code>/coverage/layer</code> "
                        + "(<a href=\"/api\">API</a>).</p>")
                .append("<p><a href=\"/assess/inventories\">The team's saved inventories</a>: edit a system in a "
                        + "form, keep its revisions, run its threat model and coverage in one click.</p>");
        ctx.status(status);
        ctx.html(frame.render(ctx, "Assess an AI system", kb.version(), b.toString(), List.of()));
    }

    /**
     * The coverage evidence besides the pack and the analyzers; runs only for callers who may read team data, the
     * team's rules only for analysts (they run on the server).
     */
    private static String evidenceFields(List<String> runs, boolean rules) {
        StringBuilder b = new StringBuilder("<fieldset class=\"stack\"><legend>Coverage evidence (optional; the "
                + "bundled rule pack and the AI analyzers always count)</legend>"
                + "<label>DeTT&amp;CT techniques file (manual scores, visibility, their history) "
                + "<input type=\"file\" name=\"dettect\" accept=\".yaml,.yml\"></label>"
                + "<label>DeTT&amp;CT data sources file <input type=\"file\" name=\"data-sources\" "
                + "accept=\".yaml,.yml\"></label>");
        b.append(
                rules
                        ? "<label>Your Sigma rules, with their <code>x.tests.yml</code> "
                                + "<input type=\"file\" name=\"rules\" multiple accept=\".yaml,.yml\"></label>"
                        : "<p class=\"muted\">Signed-in analysts can add the team's own Sigma rules here.</p>");
        if (!runs.isEmpty()) {
            b.append("<label>Emulation runs (from the data dir; emulated and detected is proven, emulated and "
                            + "missed a proven gap) <select name=\"emulation\" multiple size=\"")
                    .append(Math.min(6, runs.size()))
                    .append("\">");
            runs.forEach(r -> b.append("<option value=\"")
                    .append(Html.esc(r))
                    .append("\">")
                    .append(Html.esc(r))
                    .append("</option>"));
            b.append("</select></label>");
        }
        return b.append("<label>Layer <select name=\"kind\"><option value=\"detection\">detection</option>"
                        + "<option value=\"visibility\">visibility</option><option value=\"both\">both</option>"
                        + "</select></label></fieldset>")
                .toString();
    }

    private static String modelBody(ThreatModel m) {
        StringBuilder b = new StringBuilder("<h1>Threat model: ")
                .append(Html.esc(m.system().name()))
                .append("</h1><p>")
                .append(m.applicable().size())
                .append(" of ")
                .append(m.applicable().size() + m.notApplicable().size())
                .append(" techniques of ATLAS ")
                .append(Html.esc(m.atlasVersion()))
                .append(" apply to <code>")
                .append(Html.esc(m.system().id()))
                .append("</code> (rules: ")
                .append(Html.esc(m.ruleSet()))
                .append(").</p>");
        notes(b, m.notes());
        b.append("<h2>Mitigations to apply first</h2><ol class=\"recommendations\">");
        for (Recommendation r : m.recommendations()) {
            b.append("<li>")
                    .append(objectLink(r.id().value(), m.atlasVersion()))
                    .append(' ')
                    .append(Html.esc(r.name()))
                    .append(" <span class=\"muted\">(")
                    .append(r.uses().size())
                    .append(" techniques)</span><ul>");
            for (Recommendation.Use u : r.uses()) {
                b.append("<li>")
                        .append(objectLink(u.technique().value(), m.atlasVersion()))
                        .append(": ")
                        .append(Html.esc(u.use()))
                        .append("</li>");
            }
            b.append("</ul></li>");
        }
        b.append("</ol><h2>Applicable techniques by priority</h2><table class=\"plain threat-model\"><thead><tr>"
                + "<th>Technique</th><th>Priority</th><th>Why it applies</th><th>Parts</th><th>Mitigations</th>"
                + "</tr></thead><tbody>");
        for (ApplicableTechnique a : m.applicable()) {
            b.append("<tr><td>")
                    .append(objectLink(a.id().value(), m.atlasVersion()))
                    .append(' ')
                    .append(Html.esc(a.name()))
                    .append("<br><span class=\"muted\">")
                    .append(Html.esc(String.join(", ", a.tactics())))
                    .append("</span></td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", a.priority().total()))
                    .append("</td><td><ul>");
            for (Reason r : a.reasons()) {
                b.append("<li>").append(Html.esc(r.toString())).append("</li>");
            }
            b.append("</ul></td><td><ul>");
            for (Priority.Part p : a.priority().parts()) {
                b.append("<li>")
                        .append(Html.esc(p.name()))
                        .append(String.format(Locale.ROOT, " %.2f × %.2f = %.2f", p.value(), p.weight(), p.points()))
                        .append(p.detail().isEmpty() ? "" : ": " + Html.esc(p.detail()))
                        .append("</li>");
            }
            b.append("</ul></td><td><ul>");
            a.mitigations()
                    .forEach(x -> b.append("<li>")
                            .append(objectLink(x.id().value(), m.atlasVersion()))
                            .append(' ')
                            .append(Html.esc(x.name()))
                            .append(x.inPlace() ? " <strong>in place</strong>" : "")
                            .append("</li>"));
            b.append("</ul></td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static String coverageBody(Coverage c) {
        StringBuilder b = new StringBuilder("<h1>Coverage: ")
                .append(Html.esc(c.systemName()))
                .append("</h1><p>")
                .append(c.detected())
                .append(" of ")
                .append(c.techniques().size())
                .append(" applicable techniques detected (")
                .append(String.format(Locale.ROOT, "%.1f%%", c.percent()))
                .append(") by ")
                .append(Html.esc(String.join(", ", c.sources())))
                .append(", ATLAS ")
                .append(Html.esc(c.atlasVersion()))
                .append(".</p><h2>Per tactic</h2><figure class=\"coverage-chart\">")
                // assess's chart: every text in it is escaped there; no script, no inline style
                .append(CoverageChart.svg(c.tactics()))
                .append("</figure><table class=\"plain\"><thead><tr><th>Tactic</th><th>Applicable</th>"
                        + "<th>Detected</th><th>%</th><th>Visible %</th></tr></thead><tbody>");
        for (TacticCoverage t : c.tactics()) {
            b.append("<tr><td>")
                    .append(Html.esc(t.name()))
                    .append("</td><td>")
                    .append(t.applicable())
                    .append("</td><td>")
                    .append(t.detected())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", t.percent()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", t.visibilityPercent()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
        trend(b, c);
        b.append("<h2>Techniques</h2><table class=\"plain\"><thead><tr><th>Technique</th>"
                + "<th>Status</th><th>Detection</th><th>Evidence</th></tr></thead><tbody>");
        for (TechniqueCoverage t : c.techniques()) {
            b.append("<tr><td>")
                    .append(objectLink(t.id().value(), c.atlasVersion()))
                    .append(' ')
                    .append(Html.esc(t.name()))
                    .append("</td><td>")
                    .append(Html.esc(t.status().label()))
                    .append("</td><td>")
                    .append(t.detection())
                    .append("</td><td>");
            t.evidence()
                    .forEach(e -> b.append(Html.esc(e.kind().label() + " " + e.score() + ": " + e.label()))
                            .append("<br>"));
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
        notes(b, c.notes());
        return b.toString();
    }

    /** The trend over the dated evidence, as a line chart with its table beside. */
    private static void trend(StringBuilder b, Coverage c) {
        b.append("<h2>Over time</h2>");
        if (c.trend().size() < 2) {
            b.append("<p class=\"muted\">One point only: a DeTT&amp;CT file with a dated score history, or an "
                    + "emulation run, gives the trend.</p>");
        }
        b.append("<div class=\"chart-pair\"><figure class=\"coverage-chart\">")
                .append(TrendChart.svg("coverage-trend", c.trend()))
                .append("</figure><table class=\"plain\"><caption>Coverage over time</caption><thead><tr>"
                        + "<th>Date</th><th>Detected</th><th>Applicable</th><th>%</th></tr></thead><tbody>");
        for (TrendPoint p : c.trend()) {
            b.append("<tr><td>")
                    .append(p.date())
                    .append("</td><td>")
                    .append(p.detected())
                    .append("</td><td>")
                    .append(p.applicable())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", p.percent()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    private static void notes(StringBuilder b, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        b.append("<details><summary>Notes (").append(notes.size()).append(")</summary><ul>");
        notes.forEach(n -> b.append("<li>").append(Html.esc(n)).append("</li>"));
        b.append("</ul></details>");
    }

    /** IDs come from the release (typed AtlasIds), so the path is safe; the text is escaped anyway. */
    private static String objectLink(String id, String release) {
        String kind = id.startsWith("AML.M") ? "mitigations" : "techniques";
        return "<a href=\"/" + kind + "/" + Html.esc(id) + "?release=" + Html.url(release) + "\">" + Html.esc(id)
                + "</a>";
    }
}
