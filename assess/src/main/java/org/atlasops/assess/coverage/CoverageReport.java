package org.atlasops.assess.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.atlasops.assess.Html;

/** Coverage as text, Markdown, HTML (with the per-tactic chart) or JSON. */
public final class CoverageReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CoverageReport() {}

    public static ObjectNode json(Coverage c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("system", c.system());
        root.put("name", c.systemName());
        root.put("atlasVersion", c.atlasVersion());
        root.put("threshold", c.threshold());
        root.put("applicable", c.techniques().size());
        root.put("detected", c.detected());
        root.put("percent", c.percent());
        ArrayNode sources = root.putArray("sources");
        c.sources().forEach(sources::add);
        ArrayNode tactics = root.putArray("tactics");
        c.tactics().forEach(t -> tactic(tactics.addObject(), t));
        ArrayNode techniques = root.putArray("techniques");
        for (TechniqueCoverage t : c.techniques()) {
            ObjectNode o = techniques.addObject();
            o.put("id", t.id().value());
            o.put("name", t.name());
            ArrayNode ta = o.putArray("tactics");
            t.tactics().forEach(ta::add);
            o.put("status", t.status().label());
            o.put("detection", t.detection());
            o.put("visibility", t.visibility());
            ArrayNode ev = o.putArray("evidence");
            for (Evidence e : t.evidence()) {
                ObjectNode x = ev.addObject();
                x.put("kind", e.kind().label());
                x.put("score", e.score());
                e.date().ifPresent(d -> x.put("date", d.toString()));
                x.put("label", e.label());
                x.put("detail", e.detail());
            }
        }
        ArrayNode trend = root.putArray("trend");
        for (TrendPoint p : c.trend()) {
            ObjectNode o = trend.addObject();
            o.put("date", p.date().toString());
            o.put("detected", p.detected());
            o.put("applicable", p.applicable());
            o.put("percent", p.percent());
            ArrayNode pt = o.putArray("tactics");
            p.tactics().forEach(t -> tactic(pt.addObject(), t));
        }
        ArrayNode ds = root.putArray("dataSourcesAvailable");
        c.dataSources().forEach(ds::add);
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        return root;
    }

    private static void tactic(ObjectNode o, TacticCoverage t) {
        o.put("id", t.id().value());
        o.put("name", t.name());
        o.put("applicable", t.applicable());
        o.put("detected", t.detected());
        o.put("percent", t.percent());
        o.put("visible", t.visible());
        o.put("visibilityPercent", t.visibilityPercent());
    }

    public static String jsonText(Coverage c) {
        try {
            return JSON.writeValueAsString(json(c)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(Coverage c) {
        StringBuilder b = new StringBuilder();
        b.append("Coverage of ")
                .append(c.systemName())
                .append(" (")
                .append(c.system())
                .append("), ATLAS ")
                .append(c.atlasVersion())
                .append(": ")
                .append(c.detected())
                .append(" of ")
                .append(c.techniques().size())
                .append(" applicable techniques detected (")
                .append(c.percent())
                .append("%), detection score >= ")
                .append(c.threshold())
                .append('\n');
        b.append("Evidence: ").append(String.join("; ", c.sources())).append("\n\n");
        b.append(String.format(Locale.ROOT, "%-26s %10s %8s %10s%n", "tactic", "detected", "%", "visible %"));
        for (TacticCoverage t : c.tactics()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-26s %4d of %-3d %7.1f %10.1f%n",
                    t.name(),
                    t.detected(),
                    t.applicable(),
                    t.percent(),
                    t.visibilityPercent()));
        }
        b.append('\n');
        for (TechniqueCoverage t : c.techniques()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-11s %2d %d  %-14s %s%n",
                    t.status().label(),
                    t.detection(),
                    t.visibility(),
                    t.id(),
                    t.name()));
            t.evidence().stream()
                    .map(e -> "      " + e.kind().label() + " " + e.score() + ": " + e.label()
                            + e.date().map(d -> " on " + d).orElse("")
                            + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"))
                    .distinct()
                    .forEach(l -> b.append(l).append('\n'));
        }
        if (c.trend().size() > 1) {
            b.append("\nTrend:\n");
            c.trend()
                    .forEach(p -> b.append("  ")
                            .append(p.date())
                            .append("  ")
                            .append(p.detected())
                            .append(" of ")
                            .append(p.applicable())
                            .append(" (")
                            .append(p.percent())
                            .append("%)\n"));
        }
        notes(b, c.notes(), "\nNotes:\n");
        return b.toString();
    }

    public static String markdown(Coverage c) {
        StringBuilder b = new StringBuilder();
        b.append("# Coverage: ").append(Html.cell(c.systemName())).append("\n\n");
        b.append(c.detected())
                .append(" of ")
                .append(c.techniques().size())
                .append(" applicable techniques of ATLAS ")
                .append(c.atlasVersion())
                .append(" detected (")
                .append(c.percent())
                .append("%). Evidence: ")
                .append(Html.cell(String.join("; ", c.sources())))
                .append(".\n\n");
        b.append("| tactic | applicable | detected | % | visible % |\n|---|---:|---:|---:|---:|\n");
        for (TacticCoverage t : c.tactics()) {
            b.append("| ")
                    .append(Html.cell(t.name()))
                    .append(" | ")
                    .append(t.applicable())
                    .append(" | ")
                    .append(t.detected())
                    .append(" | ")
                    .append(t.percent())
                    .append(" | ")
                    .append(t.visibilityPercent())
                    .append(" |\n");
        }
        b.append("\n| technique | status | detection | visibility | evidence |\n|---|---|---:|---:|---|\n");
        for (TechniqueCoverage t : c.techniques()) {
            b.append("| ")
                    .append(t.id())
                    .append(' ')
                    .append(Html.cell(t.name()))
                    .append(" | ")
                    .append(t.status().label())
                    .append(" | ")
                    .append(t.detection())
                    .append(" | ")
                    .append(t.visibility())
                    .append(" | ")
                    .append(Html.cell(CoverageLayers.comment(t)))
                    .append(" |\n");
        }
        if (c.trend().size() > 1) {
            b.append("\n## Trend\n\n| date | detected | % |\n|---|---:|---:|\n");
            c.trend()
                    .forEach(p -> b.append("| ")
                            .append(p.date())
                            .append(" | ")
                            .append(p.detected())
                            .append(" of ")
                            .append(p.applicable())
                            .append(" | ")
                            .append(p.percent())
                            .append(" |\n"));
        }
        notes(b, c.notes(), "\n## Notes\n\n");
        return b.toString();
    }

    public static String html(Coverage c) {
        StringBuilder b = new StringBuilder(Html.page("Coverage: " + c.systemName()));
        b.append("<h1>Coverage: ")
                .append(Html.escape(c.systemName()))
                .append("</h1>\n<p>")
                .append(c.detected())
                .append(" of ")
                .append(c.techniques().size())
                .append(" applicable techniques of ATLAS ")
                .append(Html.escape(c.atlasVersion()))
                .append(" detected (")
                .append(c.percent())
                .append("%). Evidence: ")
                .append(Html.escape(String.join("; ", c.sources())))
                .append(".</p>\n");
        b.append(CoverageChart.svg(c.tactics()));
        b.append(
                "<table><thead><tr><th>technique</th><th>status</th><th>detection</th><th>visibility</th><th>evidence</th>"
                        + "</tr></thead><tbody>\n");
        for (TechniqueCoverage t : c.techniques()) {
            b.append("<tr><td>")
                    .append(Html.escape(t.id().value()))
                    .append(' ')
                    .append(Html.escape(t.name()))
                    .append("</td><td>")
                    .append(Html.escape(t.status().label()))
                    .append("</td><td class=\"num\">")
                    .append(t.detection())
                    .append("</td><td class=\"num\">")
                    .append(t.visibility())
                    .append("</td><td>")
                    .append(Html.escape(CoverageLayers.comment(t)))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (c.trend().size() > 1) {
            b.append("<h2>Trend</h2>").append(TrendChart.svg("trend", c.trend()));
            b.append("<table><thead><tr><th>date</th><th>detected</th><th>%</th></tr></thead><tbody>");
            c.trend()
                    .forEach(p -> b.append("<tr><td>")
                            .append(p.date())
                            .append("</td><td class=\"num\">")
                            .append(p.detected())
                            .append(" of ")
                            .append(p.applicable())
                            .append("</td><td class=\"num\">")
                            .append(p.percent())
                            .append("</td></tr>"));
            b.append("</tbody></table>\n");
        }
        if (!c.notes().isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            c.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void notes(StringBuilder b, List<String> notes, String heading) {
        if (!notes.isEmpty()) {
            b.append(heading);
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
    }
}
