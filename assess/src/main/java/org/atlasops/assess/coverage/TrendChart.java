package org.atlasops.assess.coverage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.atlasops.assess.Html;

/**
 * Coverage over time as an SVG line chart: the percentage of applicable techniques detected at each point of the
 * trend (the DeTT&CT logbooks' dates, dated emulation evidence, today), spaced by date. No script; the title and
 * description say what it shows for screen readers, and pages put the same figures in a table beside it.
 */
public final class TrendChart {
    private static final int LEFT = 48;
    private static final int TOP = 16;
    private static final int PLOT_W = 520;
    private static final int PLOT_H = 180;

    private TrendChart() {}

    /** @param id a prefix for the ids the title and description need, unique on the page */
    public static String svg(String id, List<TrendPoint> trend) {
        int width = LEFT + PLOT_W + 40;
        int height = TOP + PLOT_H + 48;
        StringBuilder b = new StringBuilder(Html.svgOpen(
                java.util.Optional.of(id), width, height, "Detection coverage over time", describe(trend)));
        for (int pct = 0; pct <= 100; pct += 25) {
            int y = y(pct);
            b.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(LEFT + PLOT_W)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"#dddddd\"/><text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" text-anchor=\"end\">")
                    .append(pct)
                    .append("%</text>\n");
        }
        if (!trend.isEmpty()) {
            LocalDate first = trend.get(0).date();
            long span = Math.max(
                    1,
                    ChronoUnit.DAYS.between(first, trend.get(trend.size() - 1).date()));
            StringBuilder points = new StringBuilder();
            for (TrendPoint p : trend) {
                int x = trend.size() == 1 ? LEFT + PLOT_W / 2 : x(first, span, p.date());
                points.append(x).append(',').append(y(p.percent())).append(' ');
            }
            if (trend.size() > 1) {
                b.append("<polyline fill=\"none\" stroke=\"#1e88e5\" stroke-width=\"2\" points=\"")
                        .append(points.toString().strip())
                        .append("\"/>\n");
            }
            for (int i = 0; i < trend.size(); i++) {
                TrendPoint p = trend.get(i);
                int x = trend.size() == 1 ? LEFT + PLOT_W / 2 : x(first, span, p.date());
                b.append("<circle cx=\"")
                        .append(x)
                        .append("\" cy=\"")
                        .append(y(p.percent()))
                        .append("\" r=\"4\" fill=\"#1e88e5\"><title>")
                        .append(Html.escape(label(p)))
                        .append("</title></circle>\n");
                // the first and last dates under the axis; the others are in the table and the points' titles
                if (i == 0 || i == trend.size() - 1) {
                    b.append("<text x=\"")
                            .append(x)
                            .append("\" y=\"")
                            .append(TOP + PLOT_H + 18)
                            .append("\" text-anchor=\"")
                            .append(trend.size() == 1 ? "middle" : i == 0 ? "start" : "end")
                            .append("\">")
                            .append(p.date())
                            .append("</text>\n");
                }
            }
        }
        return b.append("</svg>\n").toString();
    }

    static String label(TrendPoint p) {
        return String.format(
                Locale.ROOT, "%s: %d of %d detected (%.1f%%)", p.date(), p.detected(), p.applicable(), p.percent());
    }

    private static String describe(List<TrendPoint> trend) {
        if (trend.isEmpty()) {
            return "No coverage figures.";
        }
        TrendPoint a = trend.get(0);
        TrendPoint z = trend.get(trend.size() - 1);
        return String.format(
                Locale.ROOT,
                "%d points from %s (%.1f%%) to %s (%.1f%%) of the applicable techniques detected.",
                trend.size(),
                a.date(),
                a.percent(),
                z.date(),
                z.percent());
    }

    private static int x(LocalDate first, long span, LocalDate d) {
        return LEFT + (int) Math.round(PLOT_W * (double) ChronoUnit.DAYS.between(first, d) / span);
    }

    private static int y(double percent) {
        return TOP + PLOT_H - (int) Math.round(PLOT_H * Math.max(0, Math.min(100, percent)) / 100.0);
    }
}
