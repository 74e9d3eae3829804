package org.atlasops.assess.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.kb.Words;

/** SOC metrics as text or JSON (durations in seconds in JSON, as "2h 05m" in text). */
public final class MetricsReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsReport() {}

    public static String text(SocMetrics.Report r) {
        return text(r, List.of());
    }

    /** The figures and, after them, the incidents that could not be measured and why. */
    public static String text(SocMetrics.Report r, List<RegisterTimelines.NotMeasurable> notMeasurable) {
        StringBuilder b = new StringBuilder();
        b.append("SOC metrics")
                .append(r.from().map(f -> " from " + f).orElse(""))
                .append(r.to().map(t -> " to " + t).orElse(""))
                .append(": ")
                .append(Words.count(r.overall().incidents(), "incident"))
                .append("\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%-42s %4s  %-26s  %-26s%n",
                "",
                "n",
                "MTTD mean / median / p90",
                "MTTR mean / median / p90"));
        row(b, r.overall());
        section(b, "per technique", r.byTechnique());
        section(b, "per tactic", r.byTactic());
        section(b, "per system", r.bySystem());
        b.append("\nAlerts: ")
                .append(r.alertCount())
                .append(", ")
                .append(r.alertsThatBecameIncidents())
                .append(" became incidents (")
                .append(r.incidentShare())
                .append("%)\n");
        for (SocMetrics.AlertFigures a : r.alerts()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %-14s %4d alerts, %d became incidents (%.1f%%)%n",
                    a.technique(),
                    a.alerts(),
                    a.becameIncidents(),
                    a.share()));
        }
        if (!notMeasurable.isEmpty()) {
            b.append("\nNot measurable: ").append(notMeasurable.size()).append('\n');
            for (RegisterTimelines.NotMeasurable n : notMeasurable) {
                b.append("  ")
                        .append(n.incident())
                        .append(" (")
                        .append(n.metric())
                        .append("): ")
                        .append(n.reason())
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<SocMetrics.Figures> figures) {
        b.append(title).append(":\n");
        figures.forEach(f -> row(b, f));
    }

    private static void row(StringBuilder b, SocMetrics.Figures f) {
        b.append(String.format(
                Locale.ROOT,
                "  %-40s %4d  %-26s  %-26s%n",
                f.group(),
                f.incidents(),
                stats(f.detect()),
                stats(f.respond())));
    }

    private static String stats(Optional<SocMetrics.Stats> s) {
        return s.map(x -> human(x.mean()) + " / " + human(x.median()) + " / " + human(x.p90()))
                .orElse("-");
    }

    /** A duration as the text report writes it: "25m", "3h 30m", "2d 07h". */
    public static String duration(Duration d) {
        return human(d);
    }

    static String human(Duration d) {
        long m = d.toMinutes();
        if (m < 60) {
            return m + "m";
        }
        if (m < 48 * 60) {
            return String.format(Locale.ROOT, "%dh %02dm", m / 60, m % 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", m / (24 * 60), (m / 60) % 24);
    }

    public static String jsonText(SocMetrics.Report r) {
        return jsonText(r, Optional.empty());
    }

    /** With {@code notMeasurable} (an empty list too) when the figures come from the register. */
    public static String jsonText(SocMetrics.Report r, List<RegisterTimelines.NotMeasurable> notMeasurable) {
        return jsonText(r, Optional.of(notMeasurable));
    }

    private static String jsonText(SocMetrics.Report r, Optional<List<RegisterTimelines.NotMeasurable>> nm) {
        ObjectNode root = JSON.createObjectNode();
        r.from().ifPresent(f -> root.put("from", f.toString()));
        r.to().ifPresent(t -> root.put("to", t.toString()));
        figures(root.putObject("overall"), r.overall());
        figures(root.putArray("byTechnique"), r.byTechnique());
        figures(root.putArray("byTactic"), r.byTactic());
        figures(root.putArray("bySystem"), r.bySystem());
        root.put("alerts", r.alertCount());
        root.put("alertsThatBecameIncidents", r.alertsThatBecameIncidents());
        root.put("incidentShare", r.incidentShare());
        ArrayNode a = root.putArray("alertsByTechnique");
        for (SocMetrics.AlertFigures f : r.alerts()) {
            ObjectNode o = a.addObject();
            o.put("technique", f.technique().value());
            o.put("alerts", f.alerts());
            o.put("becameIncidents", f.becameIncidents());
            o.put("share", f.share());
        }
        nm.ifPresent(list -> {
            ArrayNode n = root.putArray("notMeasurable");
            for (RegisterTimelines.NotMeasurable x : list) {
                n.addObject()
                        .put("incident", x.incident())
                        .put("metric", x.metric())
                        .put("reason", x.reason());
            }
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void figures(ArrayNode a, List<SocMetrics.Figures> list) {
        list.forEach(f -> figures(a.addObject(), f));
    }

    private static void figures(ObjectNode o, SocMetrics.Figures f) {
        o.put("group", f.group());
        o.put("incidents", f.incidents());
        f.detect().ifPresent(s -> stats(o.putObject("timeToDetect"), s));
        f.respond().ifPresent(s -> stats(o.putObject("timeToRespond"), s));
    }

    private static void stats(ObjectNode o, SocMetrics.Stats s) {
        o.put("count", s.count());
        o.put("meanSeconds", s.mean().getSeconds());
        o.put("medianSeconds", s.median().getSeconds());
        o.put("p90Seconds", s.p90().getSeconds());
    }
}
