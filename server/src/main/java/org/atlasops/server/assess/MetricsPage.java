package org.atlasops.server.assess;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.metrics.MetricsChart;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.assess.metrics.SocMetrics;
import org.atlasops.server.web.Html;

/**
 * The SOC metrics page's body: the register's time to detect and to respond per technique, tactic and system, each
 * as two charts (drawn by assess's {@link MetricsChart}, inline SVG with a title and description) with the table of
 * the same figures beside; alerts per technique; the incidents that could not be measured. The same report as
 * {@code GET /api/v1/assess/metrics} and {@code assess metrics --register}.
 */
final class MetricsPage {
    private MetricsPage() {}

    static String periodForm(String since, String until) {
        return "<form method=\"get\" action=\"/assess/metrics\" class=\"inline\"><label>Since <input type=\"date\" "
                + "name=\"since\" value=\"" + Html.esc(since == null ? "" : since) + "\"></label> <label>Until "
                + "<input type=\"date\" name=\"until\" value=\"" + Html.esc(until == null ? "" : until)
                + "\"></label> <button type=\"submit\">Show</button></form>";
    }

    static String body(
            SocMetrics.Report r, List<RegisterTimelines.NotMeasurable> notMeasurable, String since, String until) {
        StringBuilder b = new StringBuilder("<h1>SOC metrics</h1><p>")
                .append(r.overall().incidents())
                .append(" incidents of the register")
                .append(r.from()
                        .map(f -> " that started from " + f.toString().substring(0, 10))
                        .orElse(""))
                .append(r.to().map(t -> " before " + t.toString().substring(0, 10))
                        .orElse(""))
                .append(": time to detect is from the earliest evidence to detection, time to respond from detection "
                        + "to containment (the incidents' SOC timelines, <a href=\"/incidents\">Incidents</a>). "
                        + "The same as JSON: <code>GET /api/v1/assess/metrics?since=&amp;until=</code>.</p>")
                .append(periodForm(since, until));
        b.append("<table class=\"plain\"><caption>All incidents</caption>");
        header(b);
        row(b, r.overall());
        b.append("</tbody></table>");
        section(b, "technique", "Per technique", r.byTechnique());
        section(b, "tactic", "Per tactic", r.byTactic());
        section(b, "system", "Per system", r.bySystem());
        b.append("<h2>Alerts</h2><p>")
                .append(r.alertCount())
                .append(" alerts linked from the incidents. The server keeps no alerts, so every alert counted here "
                        + "became an incident; the share over all alerts needs the alerts themselves: "
                        + "<code>atlas-ops assess metrics --register --alerts alerts.jsonl</code>.</p>");
        if (!r.alerts().isEmpty()) {
            b.append("<table class=\"plain\"><caption>Alerts per technique</caption><thead><tr><th>Technique</th>"
                    + "<th>Alerts</th><th>Became incidents</th></tr></thead><tbody>");
            for (SocMetrics.AlertFigures a : r.alerts()) {
                b.append("<tr><td>")
                        .append(Html.esc(a.technique().value()))
                        .append("</td><td>")
                        .append(a.alerts())
                        .append("</td><td>")
                        .append(a.becameIncidents())
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        if (!notMeasurable.isEmpty()) {
            b.append("<h2>Not measurable (").append(notMeasurable.size()).append(")</h2><ul class=\"not-measurable\">");
            for (RegisterTimelines.NotMeasurable n : notMeasurable) {
                b.append("<li>")
                        .append(Html.esc(n.incident()))
                        .append(" (")
                        .append(Html.esc(n.metric()))
                        .append("): ")
                        .append(Html.esc(n.reason()))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String id, String title, List<SocMetrics.Figures> groups) {
        b.append("<h2>").append(Html.esc(title)).append("</h2>");
        if (groups.isEmpty()) {
            b.append("<p class=\"muted\">No incident in this period.</p>");
            return;
        }
        // each chart gets a visible caption: the SVG's own title is read by screen readers, not shown
        b.append("<div class=\"chart-pair\"><figure class=\"metrics-chart\"><figcaption>Time to detect</figcaption>")
                .append(MetricsChart.svg(
                        "mttd-" + id,
                        "Time to detect " + title.toLowerCase(java.util.Locale.ROOT),
                        groups,
                        MetricsChart.Metric.DETECT))
                .append("</figure><figure class=\"metrics-chart\"><figcaption>Time to respond</figcaption>")
                .append(MetricsChart.svg(
                        "mttr-" + id,
                        "Time to respond " + title.toLowerCase(java.util.Locale.ROOT),
                        groups,
                        MetricsChart.Metric.RESPOND))
                .append("</figure></div><table class=\"plain\"><caption>")
                .append(Html.esc(title))
                .append("</caption>");
        header(b);
        groups.forEach(f -> row(b, f));
        b.append("</tbody></table>");
    }

    private static void header(StringBuilder b) {
        b.append("<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Incidents</th>"
                + "<th scope=\"col\">MTTD mean</th><th scope=\"col\">median</th><th scope=\"col\">p90</th>"
                + "<th scope=\"col\">MTTR mean</th><th scope=\"col\">median</th><th scope=\"col\">p90</th>"
                + "</tr></thead><tbody>");
    }

    private static void row(StringBuilder b, SocMetrics.Figures f) {
        b.append("<tr><th scope=\"row\">")
                .append(Html.esc(f.group()))
                .append("</th><td>")
                .append(f.incidents())
                .append("</td>");
        stats(b, f.detect());
        stats(b, f.respond());
        b.append("</tr>");
    }

    private static void stats(StringBuilder b, Optional<SocMetrics.Stats> s) {
        if (s.isEmpty()) {
            b.append("<td>-</td><td>-</td><td>-</td>");
            return;
        }
        for (Duration d : List.of(s.get().mean(), s.get().median(), s.get().p90())) {
            b.append("<td>").append(human(d)).append("</td>");
        }
    }

    /** As the CLI's text report writes durations. */
    static String human(Duration d) {
        return org.atlasops.assess.metrics.MetricsReport.duration(d);
    }
}
