package org.atlasops.navigator.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LinkItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;

/**
 * Flat exports, one row per cell (technique in a tactic): CSV, Markdown, and the full-matrix JSON layer that
 * keeps the unannotated techniques the Navigator's export leaves out.
 */
public final class TableExport {
    /** The columns of the CSV and the Excel flat sheet. */
    public static final List<String> COLUMNS = List.of(
            "techniqueID",
            "name",
            "tactic",
            "score",
            "aggregateScore",
            "color",
            "comment",
            "enabled",
            "annotated",
            "metadata",
            "links");

    private TableExport() {}

    /** Rows in matrix order; with {@code annotatedOnly} only cells the layer says something about. */
    public static List<Cell> rows(AnnotatedMatrix m, boolean annotatedOnly) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : m.allCells()) {
            if (!annotatedOnly || c.annotated()) {
                out.add(c);
            }
        }
        return out;
    }

    /** The values of one row, as text, in {@link #COLUMNS} order. */
    public static List<String> values(AnnotatedMatrix m, Cell c) {
        TechniqueAnnotation a = c.annotation()
                .orElse(TechniqueAnnotation.of(c.techniqueId(), c.tactic().shortname()));
        return List.of(
                c.techniqueId(),
                m.knowledgeBase().displayName(c.technique()),
                c.tactic().shortname(),
                number(c.score()),
                c.subTechniques().isEmpty() ? "" : number(c.aggregateScore()),
                c.fill().map(RgbColor::hex).orElse(""),
                a.comment(),
                String.valueOf(a.enabled()),
                String.valueOf(c.annotated()),
                metadata(a.metadata()),
                links(a.links()));
    }

    public static String csv(AnnotatedMatrix m, boolean annotatedOnly) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Cell c : rows(m, annotatedOnly)) {
            sb.append(values(m, c).stream().map(CsvCell::of).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return sb.toString();
    }

    /** A Markdown table of the annotated cells (or all), with the layer's name and release above it. */
    public static String markdown(AnnotatedMatrix m, boolean annotatedOnly) {
        Layer l = m.layer();
        StringBuilder sb = new StringBuilder("# ").append(md(l.name())).append("\n\n");
        if (!l.description().isBlank()) {
            sb.append(md(l.description())).append("\n\n");
        }
        sb.append("ATLAS ").append(m.knowledgeBase().version()).append("\n\n");
        sb.append("| ID | Technique | Tactic | Score | Colour | Comment |\n|---|---|---|---:|---|---|\n");
        for (Cell c : rows(m, annotatedOnly)) {
            List<String> v = values(m, c);
            sb.append("| ")
                    .append(v.get(0))
                    .append(" | ")
                    .append(md(v.get(1)))
                    .append(" | ")
                    .append(m.knowledgeBase().displayName(c.tactic()))
                    .append(" | ")
                    .append(v.get(3))
                    .append(" | ")
                    .append(v.get(5))
                    .append(" | ")
                    .append(md(v.get(6)))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** The layer with an entry for every cell of the matrix, annotated or not, for gap analysis. */
    public static Layer fullMatrix(AnnotatedMatrix m) {
        List<TechniqueAnnotation> entries = new ArrayList<>();
        for (Cell c : m.allCells()) {
            entries.add(c.annotation()
                    .orElse(TechniqueAnnotation.of(c.techniqueId(), c.tactic().shortname()))
                    .withShowSubtechniques(c.expanded()));
        }
        for (TechniqueAnnotation lost : m.unplaced()) {
            entries.add(lost);
        }
        return m.layer().withTechniques(entries);
    }

    static String number(OptionalDouble d) {
        if (d.isEmpty()) {
            return "";
        }
        double v = d.getAsDouble();
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
    }

    static String metadata(List<MetadataItem> items) {
        return items.stream()
                .filter(MetadataItem.Entry.class::isInstance)
                .map(MetadataItem.Entry.class::cast)
                .map(e -> e.name() + "=" + e.value())
                .collect(Collectors.joining("; "));
    }

    static String links(List<LinkItem> items) {
        return items.stream()
                .filter(LinkItem.Link.class::isInstance)
                .map(LinkItem.Link.class::cast)
                .map(l -> l.label() + " <" + l.url() + ">")
                .collect(Collectors.joining("; "));
    }

    private static String md(String text) {
        return text.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("\r", "")
                .replace("\n", "<br>")
                .replace("<", "&lt;")
                .replace("&lt;br>", "<br>");
    }
}
