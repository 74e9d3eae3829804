package org.atlasops.assess.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.Html;

/**
 * Time to detect or to respond per group (technique, tactic, system) as an SVG bar chart: for each group its mean,
 * median and 90th percentile side by side, on one linear scale up to the largest. No script; the title and
 * description say what it shows for screen readers, and pages put the same figures in a table beside it. Groups
 * without the figure (no incident of it was contained, say) are left out of the chart and say so in the description.
 */
public final class MetricsChart {
    /** Which time a chart shows. */
    public enum Metric {
        DETECT("time to detect"),
        RESPOND("time to respond");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        Optional<SocMetrics.Stats> of(SocMetrics.Figures f) {
            return this == DETECT ? f.detect() : f.respond();
        }
    }

    private static final String[] NAMES = {"mean", "median", "p90"};
    private static final String[] COLOURS = {"#1e88e5", "#43a047", "#fb8c00"};
    private static final int LABEL = 200;
    private static final int BAR = 340;
    private static final int ROW = 42;

    private MetricsChart() {}

    /**
     * @param id a prefix for the ids the title and description need, unique on the page
     * @param title what the chart shows, e.g. "Time to detect per technique"
     */
    public static String svg(String id, String title, List<SocMetrics.Figures> groups, Metric metric) {
        List<SocMetrics.Figures> shown =
                groups.stream().filter(f -> metric.of(f).isPresent()).toList();
        long max = shown.stream()
                .mapToLong(f -> metric.of(f).get().p90().getSeconds())
                .max()
                .orElse(0);
        max = Math.max(
                max,
                shown.stream()
                        .mapToLong(f -> metric.of(f).get().mean().getSeconds())
                        .max()
                        .orElse(0));
        int height = 34 + Math.max(1, shown.size()) * ROW;
        int width = LABEL + BAR + 110;
        StringBuilder b =
                new StringBuilder(Html.svgOpen(Optional.of(id), width, height, title, describe(groups, shown, metric)));
        for (int k = 0; k < NAMES.length; k++) {
            int x = LABEL + k * 90;
            b.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"6\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLOURS[k])
                    .append("\"/><text x=\"")
                    .append(x + 14)
                    .append("\" y=\"15\">")
                    .append(NAMES[k])
                    .append("</text>");
        }
        b.append('\n');
        for (int i = 0; i < shown.size(); i++) {
            SocMetrics.Figures f = shown.get(i);
            SocMetrics.Stats s = metric.of(f).get();
            Duration[] values = {s.mean(), s.median(), s.p90()};
            int y = 26 + i * ROW;
            b.append("<text x=\"")
                    .append(LABEL - 6)
                    .append("\" y=\"")
                    .append(y + 20)
                    .append("\" text-anchor=\"end\">")
                    .append(Html.escape(shorten(f.group())))
                    .append("</text>");
            for (int k = 0; k < values.length; k++) {
                long w = max == 0 ? 0 : Math.round((double) BAR * values[k].getSeconds() / max);
                int by = y + k * 12;
                b.append("<rect x=\"")
                        .append(LABEL)
                        .append("\" y=\"")
                        .append(by)
                        .append("\" width=\"")
                        .append(Math.max(1, w))
                        .append("\" height=\"10\" fill=\"")
                        .append(COLOURS[k])
                        .append("\"><title>")
                        .append(Html.escape(f.group() + ": " + metric.label() + " " + NAMES[k] + " "
                                + MetricsReport.human(values[k]) + " (" + s.count() + " incidents)"))
                        .append("</title></rect><text x=\"")
                        .append(LABEL + Math.max(1, w) + 4)
                        .append("\" y=\"")
                        .append(by + 9)
                        .append("\" font-size=\"10\">")
                        .append(MetricsReport.human(values[k]))
                        .append("</text>");
            }
            b.append('\n');
        }
        return b.append("</svg>\n").toString();
    }

    private static String shorten(String group) {
        return group.length() <= 30 ? group : group.substring(0, 29) + "…";
    }

    private static String describe(List<SocMetrics.Figures> groups, List<SocMetrics.Figures> shown, Metric metric) {
        if (shown.isEmpty()) {
            return "No incident has a " + metric.label() + " in this period.";
        }
        StringBuilder b = new StringBuilder(
                "Mean, median and 90th percentile " + metric.label() + " for " + shown.size() + " groups");
        if (shown.size() < groups.size()) {
            b.append(" (").append(groups.size() - shown.size()).append(" without this figure left out)");
        }
        b.append(". ");
        for (SocMetrics.Figures f : shown) {
            SocMetrics.Stats s = metric.of(f).get();
            b.append(f.group())
                    .append(": median ")
                    .append(MetricsReport.human(s.median()))
                    .append(", p90 ")
                    .append(MetricsReport.human(s.p90()))
                    .append(". ");
        }
        return b.toString().strip();
    }
}
