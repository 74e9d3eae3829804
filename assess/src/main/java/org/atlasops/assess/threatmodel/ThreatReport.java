package org.atlasops.assess.threatmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.atlasops.assess.Html;
import org.atlasops.assess.inventory.SystemInventory;

/** A threat model as text, Markdown, HTML (every value escaped) or JSON. */
public final class ThreatReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ThreatReport() {}

    public static ObjectNode json(ThreatModel m) {
        ObjectNode root = JSON.createObjectNode();
        SystemInventory s = m.system();
        root.put("system", s.id());
        root.put("name", s.name());
        root.put("atlasVersion", m.atlasVersion());
        root.put("ruleSet", m.ruleSet());
        ObjectNode w = root.putObject("weights");
        w.put("exposure", m.weights().exposure());
        w.put("maturity", m.weights().maturity());
        w.put("evidence", m.weights().evidence());
        w.put("controlGap", m.weights().controlGap());
        w.put("evidenceCap", m.weights().evidenceCap());
        w.put("internal", m.weights().internal());
        w.put("offSystem", m.weights().offSystem());
        w.put("indirect", m.weights().indirect());
        root.put("applicableCount", m.applicable().size());
        ArrayNode list = root.putArray("applicable");
        for (ApplicableTechnique a : m.applicable()) {
            ObjectNode t = list.addObject();
            t.put("id", a.id().value());
            t.put("name", a.name());
            ArrayNode tactics = t.putArray("tactics");
            a.tactics().forEach(tactics::add);
            t.put("maturity", a.maturity());
            t.put("why", a.why());
            ArrayNode reasons = t.putArray("reasons");
            for (Reason r : a.reasons()) {
                ObjectNode o = reasons.addObject();
                o.put("component", r.component());
                o.put("componentName", r.componentLabel());
                o.put("attribute", r.attribute());
                o.put("detail", r.detail());
            }
            ObjectNode p = t.putObject("priority");
            p.put("score", a.priority().total());
            ArrayNode parts = p.putArray("parts");
            for (Priority.Part part : a.priority().parts()) {
                ObjectNode o = parts.addObject();
                o.put("name", part.name());
                o.put("value", Math.round(part.value() * 1000) / 1000.0);
                o.put("weight", part.weight());
                o.put("points", part.points());
                o.put("detail", part.detail());
            }
            ArrayNode ms = t.putArray("mitigations");
            for (MitigationStatus ms1 : a.mitigations()) {
                ObjectNode o = ms.addObject();
                o.put("id", ms1.id().value());
                o.put("name", ms1.name());
                o.put("inPlace", ms1.inPlace());
                o.put("use", ms1.use());
            }
            ArrayNode cosai = t.putArray("cosaiRisks");
            a.cosaiRisks().forEach(cosai::add);
        }
        ArrayNode na = root.putArray("notApplicable");
        for (NotApplicable n : m.notApplicable()) {
            ObjectNode o = na.addObject();
            o.put("id", n.id().value());
            o.put("name", n.name());
            o.put("needs", n.condition());
        }
        ArrayNode recs = root.putArray("applyFirst");
        for (Recommendation r : m.recommendations()) {
            ObjectNode o = recs.addObject();
            o.put("id", r.id().value());
            o.put("name", r.name());
            o.put("value", r.value());
            ArrayNode uses = o.putArray("uses");
            for (Recommendation.Use u : r.uses()) {
                ObjectNode x = uses.addObject();
                x.put("technique", u.technique().value());
                x.put("name", u.techniqueName());
                x.put("priority", u.priority());
                x.put("use", u.use());
            }
        }
        ArrayNode notes = root.putArray("notes");
        m.notes().forEach(notes::add);
        return root;
    }

    public static String jsonText(ThreatModel m) {
        try {
            return JSON.writeValueAsString(json(m)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(ThreatModel m) {
        StringBuilder b = new StringBuilder();
        b.append("Threat model of ")
                .append(m.system().name())
                .append(" (")
                .append(m.system().id())
                .append("), ATLAS ")
                .append(m.atlasVersion())
                .append('\n');
        b.append(m.applicable().size())
                .append(" of ")
                .append(m.applicable().size() + m.notApplicable().size())
                .append(" techniques apply; priority = ")
                .append(weightsLine(m.weights()))
                .append("\n\n");
        for (ApplicableTechnique a : m.applicable()) {
            b.append(
                    String.format(Locale.ROOT, "%5.1f  %-14s %s%n", a.priority().total(), a.id(), a.name()));
            b.append("       why: ").append(a.why()).append('\n');
            for (Reason r : a.reasons()) {
                b.append("       - ").append(r).append('\n');
            }
            b.append("       priority: ").append(a.priority().formula()).append('\n');
            for (Priority.Part p : a.priority().parts()) {
                b.append("         ")
                        .append(p.name())
                        .append(": ")
                        .append(p.detail())
                        .append('\n');
            }
        }
        b.append("\nApply first:\n");
        for (Recommendation r : m.recommendations()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%7.1f  %s %s (%d techniques)%n",
                    r.value(),
                    r.id(),
                    r.name(),
                    r.uses().size()));
            for (Recommendation.Use u : r.uses().stream().limit(3).toList()) {
                b.append("         ")
                        .append(u.technique())
                        .append(": ")
                        .append(oneLine(u.use()))
                        .append('\n');
            }
        }
        notes(m.notes(), b, "");
        return b.toString();
    }

    public static String markdown(ThreatModel m) {
        StringBuilder b = new StringBuilder();
        b.append("# Threat model: ").append(Html.cell(m.system().name())).append("\n\n");
        b.append("System `")
                .append(m.system().id())
                .append("`, ATLAS ")
                .append(m.atlasVersion())
                .append(", rules ")
                .append(Html.cell(m.ruleSet()))
                .append(". ")
                .append(m.applicable().size())
                .append(" of ")
                .append(m.applicable().size() + m.notApplicable().size())
                .append(" techniques apply.\n\n");
        b.append("Priority = ").append(weightsLine(m.weights())).append(".\n\n");
        b.append("| priority | technique | tactics | why it applies | parts | mitigations in place |\n");
        b.append("|---:|---|---|---|---|---|\n");
        for (ApplicableTechnique a : m.applicable()) {
            b.append("| ")
                    .append(a.priority().total())
                    .append(" | ")
                    .append(a.id())
                    .append(' ')
                    .append(Html.cell(a.name()))
                    .append(" | ")
                    .append(Html.cell(String.join(", ", a.tactics())))
                    .append(" | ")
                    .append(Html.cell(a.why()))
                    .append(": ")
                    .append(Html.cell(String.join(
                            "; ", a.reasons().stream().map(Reason::toString).toList())))
                    .append(" | ")
                    .append(Html.cell(String.join(
                            "; ",
                            a.priority().parts().stream()
                                    .map(p -> p.name() + " " + Priority.format(p.points()) + " (" + p.detail() + ")")
                                    .toList())))
                    .append(" | ")
                    .append(Html.cell(inPlace(a)))
                    .append(" |\n");
        }
        b.append("\n## Apply first\n\n");
        for (Recommendation r : m.recommendations()) {
            b.append("### ")
                    .append(r.id())
                    .append(' ')
                    .append(Html.cell(r.name()))
                    .append(" (")
                    .append(r.value())
                    .append(")\n\n");
            for (Recommendation.Use u : r.uses()) {
                b.append("- ")
                        .append(u.technique())
                        .append(' ')
                        .append(Html.cell(u.techniqueName()))
                        .append(": ")
                        .append(Html.cell(oneLine(u.use())))
                        .append('\n');
            }
            b.append('\n');
        }
        b.append("## Not applicable\n\n| technique | would apply with |\n|---|---|\n");
        for (NotApplicable n : m.notApplicable()) {
            b.append("| ")
                    .append(n.id())
                    .append(' ')
                    .append(Html.cell(n.name()))
                    .append(" | ")
                    .append(Html.cell(n.condition()))
                    .append(" |\n");
        }
        notes(m.notes(), b, "\n## Notes\n\n");
        return b.toString();
    }

    public static String html(ThreatModel m) {
        StringBuilder b =
                new StringBuilder(Html.page("Threat model: " + m.system().name()));
        b.append("<h1>Threat model: ")
                .append(Html.escape(m.system().name()))
                .append("</h1>\n<p>System <code>")
                .append(Html.escape(m.system().id()))
                .append("</code>, ATLAS ")
                .append(Html.escape(m.atlasVersion()))
                .append(". ")
                .append(m.applicable().size())
                .append(" of ")
                .append(m.applicable().size() + m.notApplicable().size())
                .append(" techniques apply. Priority = ")
                .append(Html.escape(weightsLine(m.weights())))
                .append(".</p>\n");
        b.append("<table><thead><tr><th>priority</th><th>technique</th><th>tactics</th><th>why it applies</th>"
                + "<th>parts</th><th>mitigations</th></tr></thead><tbody>\n");
        for (ApplicableTechnique a : m.applicable()) {
            b.append("<tr><td class=\"num\">")
                    .append(a.priority().total())
                    .append("</td><td><a href=\"")
                    .append(Html.escape(a.id().url()))
                    .append("\">")
                    .append(Html.escape(a.id().value()))
                    .append("</a> ")
                    .append(Html.escape(a.name()))
                    .append("</td><td>")
                    .append(Html.escape(String.join(", ", a.tactics())))
                    .append("</td><td>")
                    .append(Html.escape(a.why()))
                    .append("<ul>");
            for (Reason r : a.reasons()) {
                b.append("<li>").append(Html.escape(r.toString())).append("</li>");
            }
            b.append("</ul></td><td><ul>");
            for (Priority.Part p : a.priority().parts()) {
                b.append("<li>")
                        .append(Html.escape(p.name()))
                        .append(' ')
                        .append(Priority.format(p.points()))
                        .append(": ")
                        .append(Html.escape(p.detail()))
                        .append("</li>");
            }
            b.append("</ul></td><td>").append(Html.escape(inPlace(a))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<h2>Apply first</h2>\n");
        for (Recommendation r : m.recommendations()) {
            b.append("<h3>")
                    .append(Html.escape(r.id().value()))
                    .append(' ')
                    .append(Html.escape(r.name()))
                    .append(" (")
                    .append(r.value())
                    .append(")</h3><ul>");
            for (Recommendation.Use u : r.uses()) {
                b.append("<li>")
                        .append(Html.escape(u.technique().value()))
                        .append(' ')
                        .append(Html.escape(u.techniqueName()))
                        .append(": ")
                        .append(Html.escape(oneLine(u.use())))
                        .append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append(
                "<h2>Not applicable</h2><table><thead><tr><th>technique</th><th>would apply with</th></tr></thead><tbody>\n");
        for (NotApplicable n : m.notApplicable()) {
            b.append("<tr><td>")
                    .append(Html.escape(n.id().value()))
                    .append(' ')
                    .append(Html.escape(n.name()))
                    .append("</td><td>")
                    .append(Html.escape(n.condition()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (!m.notes().isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            m.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String inPlace(ApplicableTechnique a) {
        if (a.mitigations().isEmpty()) {
            return "none listed by ATLAS";
        }
        long n = a.mitigations().stream().filter(MitigationStatus::inPlace).count();
        List<String> ids = a.mitigations().stream()
                .filter(MitigationStatus::inPlace)
                .map(x -> x.id().value())
                .toList();
        return n + " of " + a.mitigations().size() + (ids.isEmpty() ? "" : ": " + String.join(", ", ids));
    }

    static String weightsLine(Weights w) {
        return "exposure " + Priority.format(w.exposure()) + " + maturity " + Priority.format(w.maturity())
                + " + evidence "
                + Priority.format(w.evidence()) + " + control-gap " + Priority.format(w.controlGap())
                + " points, each part from 0 to 1";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static void notes(List<String> notes, StringBuilder b, String heading) {
        if (notes.isEmpty()) {
            return;
        }
        b.append(heading.isEmpty() ? "\nNotes:\n" : heading);
        notes.forEach(n -> b.append("- ").append(n).append('\n'));
    }
}
