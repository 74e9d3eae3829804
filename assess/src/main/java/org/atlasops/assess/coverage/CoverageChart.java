package org.atlasops.assess.coverage;

import java.util.List;
import java.util.Locale;
import org.atlasops.assess.Html;

/** Coverage per tactic as an SVG bar chart (no script, every text escaped), for reports and pages. */
public final class CoverageChart {
    private CoverageChart() {}

    public static String svg(List<TacticCoverage> tactics) {
        int row = 24;
        int label = 220;
        int bar = 320;
        int height = Math.max(1, tactics.size()) * row + 30;
        int width = label + bar + 120;
        StringBuilder b = new StringBuilder(Html.svgOpen(
                java.util.Optional.empty(), width, height, "Detection coverage per tactic", describe(tactics)));
        for (int i = 0; i < tactics.size(); i++) {
            TacticCoverage t = tactics.get(i);
            int y = 10 + i * row;
            int w = (int) Math.round(bar * t.percent() / 100.0);
            b.append("<text x=\"")
                    .append(label - 6)
                    .append("\" y=\"")
                    .append(y + 14)
                    .append("\" text-anchor=\"end\">")
                    .append(Html.escape(t.name()))
                    .append("</text>");
            b.append("<rect x=\"")
                    .append(label)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(bar)
                    .append("\" height=\"18\" fill=\"#eeeeee\"/>");
            b.append("<rect x=\"")
                    .append(label)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"18\" fill=\"#66bb6a\"><title>")
                    .append(Html.escape(t.name()))
                    .append(": ")
                    .append(t.detected())
                    .append(" of ")
                    .append(t.applicable())
                    .append("</title></rect>");
            b.append("<text x=\"")
                    .append(label + bar + 6)
                    .append("\" y=\"")
                    .append(y + 14)
                    .append("\">")
                    .append(String.format(Locale.ROOT, "%.1f%% (%d/%d)", t.percent(), t.detected(), t.applicable()))
                    .append("</text>\n");
        }
        return b.append("</svg>\n").toString();
    }

    /** What the chart shows, for screen readers. */
    private static String describe(List<TacticCoverage> tactics) {
        StringBuilder b = new StringBuilder("Percentage of the applicable techniques detected, per tactic: ");
        for (int i = 0; i < tactics.size(); i++) {
            TacticCoverage t = tactics.get(i);
            b.append(i == 0 ? "" : "; ")
                    .append(t.name())
                    .append(String.format(
                            Locale.ROOT, " %.1f%% (%d of %d)", t.percent(), t.detected(), t.applicable()));
        }
        return b.append('.').toString();
    }
}
