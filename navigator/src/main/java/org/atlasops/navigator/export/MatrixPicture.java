package org.atlasops.navigator.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.atlasops.navigator.matrix.Column;

/**
 * The matrix as a picture, laid out once and written by {@link SvgWriter} or {@link PngWriter}: a header with the
 * layer's name, description, ATLAS release, legend and gradient; a row of tactic headers; and per tactic the
 * technique cells, sub-techniques indented under their parent. Sizes are CSS pixels (96 per inch). Text is wrapped
 * to its cell and each line carries the width it must fit, which both writers enforce.
 */
public final class MatrixPicture {
    /** Colours of the page around the cells. */
    public enum Theme {
        LIGHT(RgbColor.WHITE, RgbColor.BLACK, rgb("#f2f2f2"), RgbColor.WHITE, rgb("#6b7279")),
        DARK(rgb("#1e1e1e"), rgb("#e6e6e6"), rgb("#333333"), rgb("#2a2a2a"), rgb("#8a9099"));

        final RgbColor background;
        final RgbColor text;
        final RgbColor header;
        final RgbColor emptyCell;
        final RgbColor border;

        Theme(RgbColor background, RgbColor text, RgbColor header, RgbColor emptyCell, RgbColor border) {
            this.background = background;
            this.text = text;
            this.header = header;
            this.emptyCell = emptyCell;
            this.border = border;
        }
    }

    /** Which sub-techniques are drawn: as the layer says, all, none, or only under parents with annotated ones. */
    public enum Subtechniques {
        LAYER,
        EXPANDED,
        COLLAPSED,
        ANNOTATED
    }

    /** How to draw. */
    public record Options(Theme theme, Subtechniques subtechniques, boolean header, String fontFamily) {
        public static final Options DEFAULT = new Options(Theme.LIGHT, Subtechniques.LAYER, true, "sans-serif");

        public Options {
            Objects.requireNonNull(theme, "theme");
            Objects.requireNonNull(subtechniques, "subtechniques");
            Objects.requireNonNull(fontFamily, "fontFamily");
        }
    }

    /** Something drawn. */
    public sealed interface Element permits Box, Label, Group {}

    /** A rectangle; no fill or no stroke when empty. */
    public record Box(
            double x, double y, double width, double height, Optional<RgbColor> fill, Optional<RgbColor> stroke)
            implements Element {}

    public enum Anchor {
        START,
        MIDDLE,
        END
    }

    /** One line of text; {@code y} is the baseline; it must fit in {@code maxWidth}. */
    public record Label(
            double x, double y, String text, double size, boolean bold, RgbColor color, Anchor anchor, double maxWidth)
            implements Element {}

    /** A technique cell: its shapes, the technique and tactic it shows, and its tooltip. */
    public record Group(String techniqueId, String tactic, String title, List<Element> children) implements Element {
        public Group {
            children = List.copyOf(children);
        }
    }

    /** The whole picture. */
    public record Picture(
            double width, double height, RgbColor background, String fontFamily, String title, List<Element> elements) {
        public Picture {
            elements = List.copyOf(elements);
        }
    }

    static final double MARGIN = 16;
    static final double COLUMN = 150;
    static final double GAP = 4;
    static final double PAD = 4;
    static final double SUB_INDENT = 12;
    static final double CHAR_WIDTH = 0.58; // average advance of a sans-serif glyph, in ems

    private final AnnotatedMatrix matrix;
    private final Options options;
    private final List<Element> out = new ArrayList<>();

    private MatrixPicture(AnnotatedMatrix matrix, Options options) {
        this.matrix = matrix;
        this.options = options;
    }

    public static Picture draw(AnnotatedMatrix matrix, Options options) {
        return new MatrixPicture(matrix, options).draw();
    }

    private Picture draw() {
        Layer layer = matrix.layer();
        List<Column> columns = matrix.columns();
        double width = MARGIN * 2 + Math.max(1, columns.size()) * (COLUMN + GAP) - GAP;
        double y = MARGIN;
        if (options.header()) {
            y = header(width, y);
        }
        double bottom = y;
        for (int i = 0; i < columns.size(); i++) {
            double x = MARGIN + i * (COLUMN + GAP);
            bottom = Math.max(bottom, column(columns.get(i), x, y));
        }
        return new Picture(width, bottom + MARGIN, options.theme().background, options.fontFamily(), layer.name(), out);
    }

    private double header(double width, double top) {
        Layer layer = matrix.layer();
        Theme t = options.theme();
        double inner = width - 2 * MARGIN;
        double y = top;
        for (String line : wrap(layer.name(), 20, inner, 2)) {
            y += 24;
            out.add(new Label(MARGIN, y, line, 20, true, t.text, Anchor.START, inner));
        }
        for (String line : wrap(layer.description(), 11, inner, 4)) {
            y += 15;
            out.add(new Label(MARGIN, y, line, 11, false, t.text, Anchor.START, inner));
        }
        long annotated = matrix.allCells().stream().filter(Cell::annotated).count();
        String facts = "ATLAS " + matrix.knowledgeBase().version() + " · domain " + layer.domain() + " · "
                + annotated + " of " + matrix.allCells().size() + " cells annotated"
                + (layer.platforms().isEmpty() ? "" : " · platforms " + String.join(", ", layer.platforms()));
        y += 16;
        out.add(new Label(MARGIN, y, facts, 10, false, t.text, Anchor.START, inner));
        y += 8;
        double x = MARGIN;
        boolean scored = matrix.allCells().stream().anyMatch(c -> c.score().isPresent());
        if (scored) {
            // the gradient as 24 steps, with its ends labelled
            double w = 240;
            int steps = 24;
            for (int i = 0; i < steps; i++) {
                double v = layer.gradient().minValue()
                        + (layer.gradient().maxValue() - layer.gradient().minValue()) * i / (steps - 1);
                out.add(new Box(
                        x + i * w / steps,
                        y,
                        w / steps + 0.5,
                        12,
                        Optional.of(layer.gradient().colorFor(v)),
                        Optional.empty()));
            }
            out.add(new Box(x, y, w, 12, Optional.empty(), Optional.of(t.border)));
            out.add(new Label(
                    x,
                    y + 24,
                    TableExport.number(OptionalDouble.of(layer.gradient().minValue())),
                    9,
                    false,
                    t.text,
                    Anchor.START,
                    60));
            out.add(new Label(
                    x + w,
                    y + 24,
                    TableExport.number(OptionalDouble.of(layer.gradient().maxValue())),
                    9,
                    false,
                    t.text,
                    Anchor.END,
                    60));
            x += w + 24;
        }
        for (LegendItem item : layer.legend()) {
            double labelWidth = Math.min(220, textWidth(item.label(), 10) + 4);
            if (x + 18 + labelWidth > width - MARGIN) {
                x = MARGIN;
                y += 20;
            }
            out.add(new Box(x, y, 12, 12, RgbColor.parse(item.color()), Optional.of(t.border)));
            out.add(new Label(x + 16, y + 10, item.label(), 10, false, t.text, Anchor.START, labelWidth));
            x += 16 + labelWidth + 16;
        }
        return y + (scored ? 32 : 22);
    }

    private double column(Column column, double x, double top) {
        Theme t = options.theme();
        Layer layer = matrix.layer();
        RgbColor headerFill = layer.view().showTacticRowBackground()
                ? RgbColor.parse(layer.view().tacticRowBackground()).orElse(t.header)
                : t.header;
        List<String> title = wrap(matrix.knowledgeBase().displayName(column.tactic()), 12, COLUMN - 2 * PAD, 2);
        double h = 10 + title.size() * 15 + 14;
        out.add(new Box(x, top, COLUMN, h, Optional.of(headerFill), Optional.empty()));
        RgbColor headerText = headerFill.readableText();
        double y = top + 4;
        for (String line : title) {
            y += 15;
            out.add(new Label(x + COLUMN / 2, y, line, 12, true, headerText, Anchor.MIDDLE, COLUMN - 2 * PAD));
        }
        int techniques = column.cells().size();
        out.add(new Label(
                x + COLUMN / 2,
                y + 14,
                techniques + (techniques == 1 ? " technique" : " techniques"),
                9,
                false,
                headerText,
                Anchor.MIDDLE,
                COLUMN - 2 * PAD));
        y = top + h + GAP;
        for (Cell parent : column.cells()) {
            List<Cell> subs = shownSubs(parent);
            y = cell(parent, x, y, COLUMN, false, !parent.subTechniques().isEmpty()) + 1;
            for (Cell sub : subs) {
                y = cell(sub, x + SUB_INDENT, y, COLUMN - SUB_INDENT, true, false) + 1;
            }
            y += GAP - 1;
        }
        return y;
    }

    private List<Cell> shownSubs(Cell parent) {
        boolean show = switch (options.subtechniques()) {
            case LAYER -> parent.expanded();
            case EXPANDED -> true;
            case COLLAPSED -> false;
            case ANNOTATED -> parent.subTechniques().stream().anyMatch(Cell::annotated);
        };
        return show ? parent.subTechniques() : List.of();
    }

    private double cell(Cell c, double x, double y, double w, boolean sub, boolean hasSubs) {
        Theme t = options.theme();
        Layout layout = matrix.layer().view().layout();
        boolean mini = layout.kind() == Layout.Kind.MINI;
        double size = sub ? 10 : 11;
        String text = (layout.showId() ? c.techniqueId() + (layout.showName() ? " " : "") : "")
                + (layout.showName() || !layout.showId() && !mini ? c.displayName() : "");
        String score = c.score().isPresent() ? TableExport.number(c.score()) : "";
        double scoreWidth = score.isEmpty() ? 0 : textWidth(score, 9) + 6;
        double textWidth = w - 2 * PAD - scoreWidth - (hasSubs ? 6 : 0);
        List<String> lines = mini ? List.of() : wrap(text, size, textWidth, 4);
        double h = mini ? 14 : Math.max(20, 8 + lines.size() * size * 1.25);
        RgbColor fill = c.fill().orElse(t.emptyCell);
        RgbColor ink = c.fill().isPresent() ? c.textColor() : c.enabled() ? t.text : c.textColor();
        List<Element> shapes = new ArrayList<>();
        shapes.add(new Box(x, y, w, h, Optional.of(fill), Optional.of(t.border)));
        if (hasSubs) {
            // the Navigator's sidebar: this technique has sub-techniques
            shapes.add(new Box(x + w - 6, y, 6, h, Optional.of(t.border), Optional.empty()));
        }
        double baseline = y + 4 + size;
        for (String line : lines) {
            shapes.add(new Label(x + PAD, baseline, line, size, false, ink, Anchor.START, textWidth));
            baseline += size * 1.25;
        }
        if (!score.isEmpty() && !mini) {
            shapes.add(
                    new Label(x + w - PAD - (hasSubs ? 6 : 0), y + 4 + 9, score, 9, true, ink, Anchor.END, scoreWidth));
        }
        out.add(new Group(c.techniqueId(), c.tactic().shortname(), tooltip(c), shapes));
        return y + h;
    }

    private String tooltip(Cell c) {
        StringBuilder sb = new StringBuilder(c.techniqueId())
                .append(' ')
                .append(matrix.knowledgeBase().displayName(c.technique()));
        c.score().ifPresent(s -> sb.append(" · score ").append(TableExport.number(OptionalDouble.of(s))));
        if (!c.enabled()) {
            sb.append(" · disabled");
        }
        if (!c.comment().isBlank()) {
            sb.append('\n').append(c.comment());
        }
        return sb.toString();
    }

    static double textWidth(String text, double size) {
        return text.length() * size * CHAR_WIDTH;
    }

    /** Greedy word wrap by estimated width; words longer than a line are cut; the last line ends in "…". */
    static List<String> wrap(String text, double size, double width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        if (flat.isEmpty()) {
            return lines;
        }
        int perLine = Math.max(1, (int) Math.floor(width / (size * CHAR_WIDTH)));
        StringBuilder line = new StringBuilder();
        for (String word : flat.split(" ")) {
            while (word.length() > perLine) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // break after a slash or hyphen when there is one ("Virtualization/" + "Sandbox Evasion")
                int cut = Math.max(word.lastIndexOf('/', perLine - 1), word.lastIndexOf('-', perLine - 1)) + 1;
                if (cut <= 1) {
                    cut = perLine;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        if (lines.size() > maxLines) {
            List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
            String last = cut.get(maxLines - 1);
            cut.set(
                    maxLines - 1,
                    (last.length() >= perLine ? last.substring(0, Math.max(0, perLine - 1)) : last) + "…");
            return cut;
        }
        return lines;
    }

    private static RgbColor rgb(String hex) {
        return RgbColor.parse(hex).orElseThrow();
    }

    /** File-name-safe form of a layer name: lower case, spaces to underscores, as the Navigator names exports. */
    public static String fileStem(String layerName) {
        String s = layerName.toLowerCase(Locale.ROOT).replaceAll("\\s+", "_").replaceAll("[^a-z0-9_.-]", "");
        return s.isEmpty() ? "layer" : s.length() > 80 ? s.substring(0, 80) : s;
    }
}
