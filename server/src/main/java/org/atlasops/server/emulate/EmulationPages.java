package org.atlasops.server.emulate;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.atlasops.assess.emulation.EmulationVerification;
import org.atlasops.emulate.report.Reports;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;

/**
 * The emulation pages: the runs of the server's data dir, and one run's verification per technique (gaps first) and
 * attempts, each attempt's requests and answers in a details element. Everything read from a run is escaped: the
 * answers are a target's, written to make it do things.
 */
public final class EmulationPages {
    private final Releases releases;
    private final EmulationApi api;
    private final Frame frame;

    public EmulationPages(Releases releases, EmulationApi api, Frame frame) {
        this.releases = releases;
        this.api = api;
        this.frame = frame;
    }

    public void list(Context ctx) {
        EmulationRuns runs = api.runs();
        List<String> names = runs.names();
        StringBuilder b =
                new StringBuilder("<h1>Emulation runs</h1><p class=\"muted\">The runs 'atlas-ops emulate run' "
                        + "wrote to <code>" + Html.esc(runs.root().toString()) + "</code> (docs/emulate.md).</p>");
        if (names.isEmpty()) {
            b.append("<p>No runs yet.</p>");
        } else {
            b.append("<table class=\"plain emulation-runs\"><thead><tr><th>Run</th><th>Created</th><th>Target</th>"
                    + "<th>Seed</th><th>Attempts</th><th>Succeeded</th><th>Failed</th><th>Unscorable</th></tr>"
                    + "</thead><tbody>");
            for (String n : names) {
                EmulationJson.RunSummary s = runs.summary(n);
                b.append("<tr><td><a href=\"/emulation/")
                        .append(Html.esc(Html.url(n)))
                        .append("\">")
                        .append(Html.esc(n))
                        .append("</a>");
                if (!s.problem().isEmpty()) {
                    b.append("<br><span class=\"error\">")
                            .append(Html.esc(s.problem()))
                            .append("</span>");
                }
                b.append("</td><td>")
                        .append(Html.esc(s.created()))
                        .append("</td><td>")
                        .append(Html.esc(s.target()))
                        .append("</td><td>")
                        .append(Html.esc(s.seed()))
                        .append("</td><td>")
                        .append(s.attempts())
                        .append("</td><td>")
                        .append(s.succeeded())
                        .append("</td><td>")
                        .append(s.failed())
                        .append("</td><td>")
                        .append(s.unscorable())
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<p class=\"muted\">The same as JSON: <code>GET /api/v1/emulation/runs</code> "
                + "(<a href=\"/api\">API</a>).</p>");
        ctx.html(frame.render(ctx, "Emulation runs", "", b.toString(), List.of()));
    }

    public void show(Context ctx) {
        EmulationApi.Loaded l = api.load(ctx.pathParam("run"));
        String release = l.release(releases.defaultVersion());
        EmulationJson.RunSummary s = l.summary();
        String href = "/emulation/" + Html.esc(Html.url(l.name()));
        StringBuilder b = new StringBuilder("<h1>Emulation run ")
                .append(Html.esc(l.name()))
                .append("</h1><p>Target <code>")
                .append(Html.esc(s.target()))
                .append("</code>, seed ")
                .append(Html.esc(s.seed()))
                .append(", created ")
                .append(Html.esc(s.created()))
                .append(", ATLAS ")
                .append(Html.esc(release))
                .append(": ")
                .append(s.attempts())
                .append(" attempts, ")
                .append(s.succeeded())
                .append(" succeeded, ")
                .append(s.failed())
                .append(" failed, ")
                .append(s.unscorable())
                .append(" unscorable.</p><p>Download: <a href=\"")
                .append(href)
                .append("/layer.json\" download>Navigator layer (success rate)</a> · <a href=\"")
                .append(href)
                .append("/verify-layer.json\" download>verify layer (detected, gaps)</a></p>");
        verification(b, l.rows(), release);
        attempts(b, l.attempts(), release);
        ctx.html(frame.render(ctx, "Emulation run " + l.name(), release, b.toString(), List.of()));
    }

    public void layer(Context ctx) {
        EmulationApi.Loaded l = api.load(ctx.pathParam("run"));
        download(
                ctx,
                l.name() + "-layer.json",
                Reports.layer(l.name(), l.release(releases.defaultVersion()), l.attempts())
                        .toPrettyString());
    }

    public void verifyLayer(Context ctx) {
        EmulationApi.Loaded l = api.load(ctx.pathParam("run"));
        download(
                ctx,
                l.name() + "-verify-layer.json",
                EmulationVerification.layer(l.rows()).toPrettyString());
    }

    private static void download(Context ctx, String file, String json) {
        // the name is a listed folder's; quotes and anything odd are replaced so the header stays one token
        String safe = file.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + safe + "\"");
        ctx.contentType("application/json");
        ctx.result(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void verification(StringBuilder b, List<EmulationVerification.Row> rows, String release) {
        b.append("<h2>Verified by detection</h2>");
        if (rows.isEmpty()) {
            b.append("<p>No attempts yet: nothing to verify.</p>");
            return;
        }
        long gaps = rows.stream().filter(EmulationVerification.Row::gap).count();
        b.append("<p>")
                .append(gaps)
                .append(" gaps (an attack succeeded and nothing detected it) among ")
                .append(rows.size())
                .append(" techniques; detection is the bundled rule pack and analyzers over the run's telemetry.</p>")
                .append("<table class=\"plain emulation-verify\"><thead><tr><th>Technique</th><th>Tactic</th>"
                        + "<th>Attempts</th><th>Succeeded</th><th>Detected</th><th>By</th></tr></thead><tbody>");
        for (EmulationVerification.Row r : rows) {
            b.append("<tr")
                    .append(r.gap() ? " class=\"gap\"" : "")
                    .append("><td>")
                    .append(technique(r.technique(), release))
                    .append("</td><td>")
                    .append(Html.esc(r.tactic()))
                    .append("</td><td>")
                    .append(r.attempts())
                    .append("</td><td>")
                    .append(r.succeeded())
                    .append("</td><td>")
                    .append(r.gap() ? "<strong>GAP</strong>" : r.detected() ? "yes" : "no")
                    .append("</td><td>")
                    .append(Html.esc(String.join("; ", r.detectedBy())))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static void attempts(StringBuilder b, List<Attempt> attempts, String release) {
        b.append("<h2>Attempts</h2><table class=\"plain emulation-attempts\"><thead><tr><th>Attempt</th>"
                + "<th>Technique</th><th>Verdict</th><th>Reason</th><th>Started</th><th>ms</th><th>Exchanges</th>"
                + "</tr></thead><tbody>");
        for (Attempt a : attempts) {
            b.append("<tr class=\"")
                    .append(a.verdict().label())
                    .append("\"><td>")
                    .append(Html.esc(a.key()))
                    .append(a.name().isEmpty() ? "" : "<br><span class=\"muted\">" + Html.esc(a.name()) + "</span>")
                    .append("</td><td>")
                    .append(technique(a.technique(), release))
                    .append("</td><td>")
                    .append(Html.esc(a.verdict().label()))
                    .append("</td><td>")
                    .append(Html.esc(a.reason()))
                    .append("</td><td>")
                    .append(Html.esc(a.started().toString()))
                    .append("</td><td>")
                    .append(a.elapsedMillis())
                    .append("</td><td>");
            for (Attempt.Sent x : a.exchanges()) {
                b.append("<details><summary>")
                        .append(Html.esc(x.step() + ". " + x.label() + " (" + x.kind() + ", " + x.outcome() + ")"))
                        .append("</summary><p>Sent:</p><pre>")
                        .append(Html.esc(x.request().toPrettyString()))
                        .append("</pre><p>Answer:</p><pre>")
                        .append(Html.esc(
                                x.answer().orElse(x.data().map(Object::toString).orElse(""))))
                        .append("</pre>")
                        .append(x.detail().isEmpty() ? "" : "<p class=\"muted\">" + Html.esc(x.detail()) + "</p>")
                        .append("</details>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    /** The ID is the run file's: encoded in the path, escaped in the text. */
    private static String technique(String id, String release) {
        return "<a href=\"/techniques/" + Html.esc(Html.url(id)) + "?release=" + Html.esc(Html.url(release)) + "\">"
                + Html.esc(id) + "</a>";
    }
}
