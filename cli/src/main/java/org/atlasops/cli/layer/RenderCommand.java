package org.atlasops.cli.layer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.atlasops.navigator.matrix.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layer render LAYER}: the layer in the terminal, tactic by tactic, cells coloured where possible. */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show a layer in the terminal: tactic by tactic, each technique with a colour swatch (24-bit "
                    + "or 256 colours, as the terminal supports), its score and comment; sub-techniques under their "
                    + "parent when the layer expands them."
        },
        footer = {"", "Colour is used on an interactive terminal unless NO_COLOR is set; --color always forces it."})
final class RenderCommand extends LayerSubcommand {
    enum When {
        AUTO,
        ALWAYS,
        NEVER
    }

    @Parameters(paramLabel = "LAYER", description = "The layer file ('-' for stdin).")
    Path file;

    @Option(names = "--layer", paramLabel = "N", description = "Which layer of a multi-layer file (from 1).")
    Integer layerNumber;

    @Option(names = "--annotated-only", description = "Only techniques the layer annotates.")
    boolean annotatedOnly;

    @Option(names = "--all-subtechniques", description = "Show every sub-technique, expanded or not.")
    boolean allSubtechniques;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "auto, always or never (default: ${DEFAULT-VALUE}).")
    When color;

    private boolean colour;
    private boolean trueColour;

    @Override
    int execute() {
        Layer layer = readOne(file, layerNumber);
        KnowledgeBase kb = knowledgeBaseFor(layer);
        AnnotatedMatrix m = AnnotatedMatrix.of(layer, kb);
        colour = color == When.ALWAYS || color == When.AUTO && Terminal.styled();
        String term = System.getenv("COLORTERM");
        trueColour = term != null && (term.contains("truecolor") || term.contains("24bit"));
        out().println(bold(layer.name()) + "  (ATLAS " + kb.version() + ")");
        if (!layer.description().isBlank()) {
            out().println(layer.description().replaceAll("\\s+", " ").strip());
        }
        for (LegendItem item : layer.legend()) {
            out().println("  " + swatch(RgbColor.parse(item.color())) + " " + item.label());
        }
        for (Column column : m.columns()) {
            List<Cell> cells = column.cells().stream()
                    .filter(c -> !annotatedOnly
                            || c.annotated()
                            || c.subTechniques().stream().anyMatch(Cell::annotated))
                    .toList();
            if (cells.isEmpty()) {
                continue;
            }
            out().println();
            out().println(bold(kb.displayName(column.tactic())) + " ("
                    + column.tactic().id() + ")");
            for (Cell c : cells) {
                line(c, "  ");
                if (c.expanded() || allSubtechniques) {
                    for (Cell s : c.subTechniques()) {
                        if (!annotatedOnly || s.annotated()) {
                            line(s, "      ");
                        }
                    }
                }
            }
        }
        if (!m.unplaced().isEmpty()) {
            err().println("atlas-ops: warning: " + m.unplaced().size() + " entries name no technique cell of ATLAS "
                    + kb.version() + "; 'atlas-ops layer validate' says why");
        }
        return ok();
    }

    private void line(Cell c, String indent) {
        String score = c.score().isPresent() ? number(c.score()) : "";
        String name = c.displayName() + (c.enabled() ? "" : " (disabled)");
        String comment = c.comment().isBlank()
                ? ""
                : "  " + c.comment().replaceAll("\\s+", " ").strip();
        int room = Math.max(20, Terminal.width() - indent.length() - 3 - 14 - 6 - name.length());
        if (comment.length() > room) {
            comment = comment.substring(0, Math.max(0, room - 1)) + "…";
        }
        out().println(indent + swatch(c.fill()) + " " + String.format(Locale.ROOT, "%-14s%5s ", c.techniqueId(), score)
                + name + comment);
    }

    /** Two cells of the fill colour, or a text marker without colour. */
    private String swatch(java.util.Optional<RgbColor> fill) {
        if (fill.isEmpty() || fill.get().alpha() == 0) {
            return "[ ]";
        }
        if (!colour) {
            return "[#]";
        }
        RgbColor c = fill.get().overWhite();
        String bg = trueColour
                ? "48;2;" + c.red() + ";" + c.green() + ";" + c.blue()
                : "48;5;"
                        + (16
                                + 36 * Math.round(c.red() / 51f)
                                + 6 * Math.round(c.green() / 51f)
                                + Math.round(c.blue() / 51f));
        return "\u001b[" + bg + "m   \u001b[0m";
    }

    private String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private static String number(OptionalDouble d) {
        double v = d.getAsDouble();
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
