package org.atlasops.assess.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.assess.Html;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.TacticCoverage;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.generate.LayerGenerator;

/** A release review as text, Markdown, HTML or JSON, and its delta layer. */
public final class ReviewReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static final String NEW = "#66bb6a";
    static final String RENAMED = "#ffee58";
    static final String MOVED = "#42a5f5";
    static final String MATURITY = "#ffa726";
    static final String REPLACED = "#ab47bc";

    private ReviewReport() {}

    /** A summary per section, the same in every format. */
    private record Section(String title, List<String[]> rows) {}

    private static List<Section> sections(ReleaseReview r) {
        List<Section> out = new ArrayList<>();
        out.add(new Section(
                "New techniques that apply",
                r.newThatApply().stream()
                        .map(t -> new String[] {t.id().value(), t.name(), t.detail()})
                        .toList()));
        for (TechniqueChange.Kind kind : List.of(
                TechniqueChange.Kind.RENAMED,
                TechniqueChange.Kind.MOVED,
                TechniqueChange.Kind.REMOVED,
                TechniqueChange.Kind.MATURITY)) {
            out.add(new Section(
                    title(kind),
                    r.of(kind).stream()
                            .map(t -> new String[] {
                                t.id().value(),
                                t.name(),
                                t.detail() + (t.matters() ? "" : " (does not apply to the system)")
                            })
                            .toList()));
        }
        out.add(new Section(
                "Changed mitigations for the system's techniques",
                r.mitigations().stream()
                        .map(m -> new String[] {
                            m.id().value(),
                            m.name(),
                            m.kind()
                                    + (m.inPlace() ? ", in place" : "")
                                    + (m.addedFor().isEmpty() ? "" : "; now also for " + ids(m.addedFor()))
                                    + (m.removedFor().isEmpty() ? "" : "; no longer for " + ids(m.removedFor()))
                                    + (m.useChangedFor().isEmpty() ? "" : "; new advice for " + ids(m.useChangedFor()))
                        })
                        .toList()));
        out.add(new Section(
                "Carried entries",
                r.carried().stream()
                        .map(c -> new String[] {
                            c.from()
                                    + c.to().filter(t -> !t.equals(c.from()))
                                            .map(t -> " → " + t)
                                            .orElse(c.carried() ? "" : " (not carried)"),
                            c.what() + (c.label().isEmpty() ? "" : ": " + c.label()),
                            c.how()
                        })
                        .toList()));
        return out;
    }

    private static String title(TechniqueChange.Kind kind) {
        return switch (kind) {
            case RENAMED -> "Renamed";
            case MOVED -> "Moved (tactics or parent)";
            case REMOVED -> "Removed";
            case MATURITY -> "Maturity changed";
            default -> "Added";
        };
    }

    private static String ids(List<AtlasId> ids) {
        return String.join(", ", ids.stream().map(AtlasId::value).toList());
    }

    private static String summary(ReleaseReview r) {
        String s = "ATLAS " + r.from() + " → " + r.to() + " for "
                + r.after().system().name() + " ("
                + r.after().system().id() + "): " + r.before().applicable().size() + " → "
                + r.after().applicable().size()
                + " applicable techniques, " + r.newThatApply().size() + " new that apply, "
                + r.carried().stream().filter(CarriedEntry::carried).count() + " entries carried, "
                + r.carried().stream().filter(c -> !c.carried()).count() + " not carried.";
        if (r.coverageBefore().isPresent() && r.coverageAfter().isPresent()) {
            s += " Coverage " + r.coverageBefore().get().percent() + "% → "
                    + r.coverageAfter().get().percent() + "%.";
        }
        return s;
    }

    public static String text(ReleaseReview r) {
        StringBuilder b = new StringBuilder(summary(r)).append('\n');
        for (Section s : sections(r)) {
            b.append('\n')
                    .append(s.title())
                    .append(" (")
                    .append(s.rows().size())
                    .append("):\n");
            s.rows()
                    .forEach(row -> b.append("  ")
                            .append(String.format(Locale.ROOT, "%-16s", row[0]))
                            .append(' ')
                            .append(row[1])
                            .append(row[2].isEmpty() ? "" : ": " + row[2])
                            .append('\n'));
        }
        coverageRows(r).ifPresent(rows -> {
            b.append("\nCoverage per tactic (before → after):\n");
            rows.forEach(row -> b.append("  ")
                    .append(String.format(Locale.ROOT, "%-26s %s", row[0], row[1]))
                    .append('\n'));
        });
        return b.toString();
    }

    public static String markdown(ReleaseReview r) {
        StringBuilder b = new StringBuilder("# Release review: ATLAS ")
                .append(r.from())
                .append(" → ")
                .append(r.to())
                .append("\n\n")
                .append(Html.cell(summary(r)))
                .append("\n");
        for (Section s : sections(r)) {
            b.append("\n## ")
                    .append(s.title())
                    .append(" (")
                    .append(s.rows().size())
                    .append(")\n\n");
            if (s.rows().isEmpty()) {
                b.append("None.\n");
                continue;
            }
            b.append("| ID | name | what |\n|---|---|---|\n");
            s.rows()
                    .forEach(row -> b.append("| ")
                            .append(Html.cell(row[0]))
                            .append(" | ")
                            .append(Html.cell(row[1]))
                            .append(" | ")
                            .append(Html.cell(row[2]))
                            .append(" |\n"));
        }
        coverageRows(r).ifPresent(rows -> {
            b.append("\n## Coverage per tactic\n\n| tactic | before → after |\n|---|---|\n");
            rows.forEach(row -> b.append("| ")
                    .append(Html.cell(row[0]))
                    .append(" | ")
                    .append(Html.cell(row[1]))
                    .append(" |\n"));
        });
        return b.toString();
    }

    public static String html(ReleaseReview r) {
        StringBuilder b = new StringBuilder(Html.page("Release review " + r.from() + " → " + r.to()));
        b.append("<h1>Release review: ATLAS ")
                .append(Html.escape(r.from()))
                .append(" → ")
                .append(Html.escape(r.to()))
                .append("</h1>\n<p>")
                .append(Html.escape(summary(r)))
                .append("</p>\n");
        for (Section s : sections(r)) {
            b.append("<h2>")
                    .append(Html.escape(s.title()))
                    .append(" (")
                    .append(s.rows().size())
                    .append(")</h2>\n");
            if (s.rows().isEmpty()) {
                b.append("<p>None.</p>\n");
                continue;
            }
            b.append("<table><thead><tr><th>ID</th><th>name</th><th>what</th></tr></thead><tbody>\n");
            s.rows()
                    .forEach(row -> b.append("<tr><td>")
                            .append(Html.escape(row[0]))
                            .append("</td><td>")
                            .append(Html.escape(row[1]))
                            .append("</td><td>")
                            .append(Html.escape(row[2]))
                            .append("</td></tr>\n"));
            b.append("</tbody></table>\n");
        }
        coverageRows(r).ifPresent(rows -> {
            b.append(
                    "<h2>Coverage per tactic</h2><table><thead><tr><th>tactic</th><th>before → after</th></tr></thead><tbody>");
            rows.forEach(row -> b.append("<tr><td>")
                    .append(Html.escape(row[0]))
                    .append("</td><td>")
                    .append(Html.escape(row[1]))
                    .append("</td></tr>"));
            b.append("</tbody></table>\n");
        });
        return b.append("</body></html>\n").toString();
    }

    private static Optional<List<String[]>> coverageRows(ReleaseReview r) {
        if (r.coverageBefore().isEmpty() || r.coverageAfter().isEmpty()) {
            return Optional.empty();
        }
        Coverage before = r.coverageBefore().get();
        Coverage after = r.coverageAfter().get();
        List<String[]> rows = new ArrayList<>();
        for (TacticCoverage t : after.tactics()) {
            String was = before.tactics().stream()
                    .filter(x -> x.id().equals(t.id()))
                    .findFirst()
                    .map(x -> x.percent() + "% (" + x.detected() + "/" + x.applicable() + ")")
                    .orElse("-");
            rows.add(new String[] {
                t.name(), was + " → " + t.percent() + "% (" + t.detected() + "/" + t.applicable() + ")"
            });
        }
        rows.add(new String[] {"all applicable", before.percent() + "% → " + after.percent() + "%"});
        return Optional.of(rows);
    }

    public static ObjectNode json(ReleaseReview r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", r.from());
        root.put("to", r.to());
        root.put("system", r.after().system().id());
        root.put("applicableBefore", r.before().applicable().size());
        root.put("applicableAfter", r.after().applicable().size());
        ArrayNode techniques = root.putArray("techniques");
        for (TechniqueChange t : r.techniques()) {
            ObjectNode o = techniques.addObject();
            o.put("id", t.id().value());
            o.put("name", t.name());
            o.put("change", t.kind().label());
            o.put("appliesBefore", t.appliesBefore());
            o.put("appliesAfter", t.appliesAfter());
            o.put("detail", t.detail());
        }
        ArrayNode mitigations = root.putArray("mitigations");
        for (MitigationChange m : r.mitigations()) {
            ObjectNode o = mitigations.addObject();
            o.put("id", m.id().value());
            o.put("name", m.name());
            o.put("change", m.kind());
            o.put("inPlace", m.inPlace());
            ArrayNode a = o.putArray("nowFor");
            m.addedFor().forEach(x -> a.add(x.value()));
            ArrayNode d = o.putArray("noLongerFor");
            m.removedFor().forEach(x -> d.add(x.value()));
            ArrayNode u = o.putArray("useChangedFor");
            m.useChangedFor().forEach(x -> u.add(x.value()));
        }
        ArrayNode carried = root.putArray("carried");
        for (CarriedEntry c : r.carried()) {
            ObjectNode o = carried.addObject();
            o.put("what", c.what());
            o.put("label", c.label());
            o.put("from", c.from().value());
            c.to().ifPresentOrElse(t -> o.put("to", t.value()), () -> o.putNull("to"));
            o.put("how", c.how());
        }
        r.coverageBefore().ifPresent(c -> root.put("coverageBefore", c.percent()));
        r.coverageAfter().ifPresent(c -> root.put("coverageAfter", c.percent()));
        return root;
    }

    public static String jsonText(ReleaseReview r) {
        try {
            return JSON.writeValueAsString(json(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The changes that matter to the system, on the newer release: new techniques that apply (green), renamed
     * (yellow), moved (blue), maturity changed (orange), successors of removed ones (purple); each with a comment.
     */
    public static Layer deltaLayer(ReleaseReview r, KnowledgeBase newer) {
        java.util.Map<String, TechniqueAnnotation> marks = new java.util.LinkedHashMap<>();
        for (TechniqueChange t : r.techniques()) {
            if (!t.appliesAfter()) {
                continue;
            }
            AtlasId at = t.id();
            String colour;
            String note;
            switch (t.kind()) {
                case ADDED -> {
                    colour = NEW;
                    note = "New in " + r.to() + " and applies: " + t.detail();
                }
                case RENAMED -> {
                    colour = RENAMED;
                    note = "Renamed " + t.detail();
                }
                case MOVED -> {
                    colour = MOVED;
                    note = "Moved: " + t.detail();
                }
                case MATURITY -> {
                    colour = MATURITY;
                    note = "Maturity " + t.detail();
                }
                default -> {
                    String d = t.detail();
                    Optional<AtlasId> successor = AtlasId.tryParse(d.replaceFirst("^replaced by (\\S+).*$", "$1"));
                    if (successor.isEmpty() || newer.technique(successor.get()).isEmpty()) {
                        continue;
                    }
                    at = successor.get();
                    colour = REPLACED;
                    note = "Replaces " + t.id() + " (" + t.name() + ") of " + r.from();
                }
            }
            TechniqueAnnotation a = TechniqueAnnotation.of(at, Optional.empty())
                    .withColor(colour)
                    .withComment(note);
            marks.merge(at.value(), a, (x, y) -> x.withComment(x.comment() + ". " + y.comment()));
        }
        List<TechniqueAnnotation> entries = marks.values().stream()
                .map(a -> a.withScore(OptionalDouble.empty()))
                .toList();
        Layer base = new LayerGenerator(newer)
                .scores("Release review " + r.from() + " → " + r.to(), entries.isEmpty() ? List.of() : entries);
        return base.withDescription("What ATLAS " + r.to() + " changes for "
                        + r.after().system().name() + " ("
                        + r.after().system().id() + ") since " + r.from()
                        + ": techniques that apply and are new, renamed, "
                        + "moved, changed in maturity, or replace a removed one.")
                .withLegend(List.of(
                        new LegendItem("New and applies", NEW),
                        new LegendItem("Renamed", RENAMED),
                        new LegendItem("Moved", MOVED),
                        new LegendItem("Maturity changed", MATURITY),
                        new LegendItem("Replaces a removed technique", REPLACED)))
                .withMetadata(List.of(
                        MetadataItem.of(Layer.ATLAS_VERSION_KEY, r.to()),
                        MetadataItem.of("from", r.from()),
                        MetadataItem.of("system", r.after().system().id())));
    }
}
