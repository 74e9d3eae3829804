package org.atlasops.cli.layer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.atlasops.cli.FormatOption;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.AggregateFunction;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.export.MatrixPicture;
import org.atlasops.navigator.export.PngWriter;
import org.atlasops.navigator.export.SvgWriter;
import org.atlasops.navigator.export.TableExport;
import org.atlasops.navigator.export.XlsxWriter;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layer export LAYER --format F}: JSON, Excel, SVG, PNG, CSV or Markdown. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Export a layer drawn over its ATLAS release.",
            "  json   the layer (format 4.5); --full-matrix adds every unannotated technique, for gap analysis",
            "  xlsx   a 'matrix' sheet as the Navigator draws it (colours, comments as notes, sub-techniques "
                    + "beside their parent) and a 'techniques' sheet with every ID, score, colour, comment and "
                    + "metadata",
            "  svg    the matrix as a print-ready picture: header, legend, gradient, scores in the cells",
            "  png    the same picture as an image (--scale for resolution)",
            "  csv    one row per technique and tactic (--annotated-only to skip the rest)",
            "  md     a Markdown table of the annotated techniques (all with --all)",
            "Binary formats (xlsx, png) go to --output, by default <layer name>.<format> here."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops layer export frequency.json --format xlsx",
            "  atlas-ops layer export frequency.json --format svg --theme dark --subtechniques annotated -o f.svg",
            "  atlas-ops layer export coverage.json --format json --full-matrix -o gaps.json"
        })
final class ExportCommand extends LayerSubcommand {
    enum Format {
        JSON,
        XLSX,
        SVG,
        PNG,
        CSV,
        MD
    }

    @Parameters(paramLabel = "LAYER", description = "The layer file ('-' for stdin).")
    Path file;

    @Mixin
    FormatOption<Format> format =
            FormatOption.required(Format.JSON, Format.XLSX, Format.SVG, Format.PNG, Format.CSV, Format.MD);

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write (default: stdout for text formats, <layer name>.<format> for xlsx/png).")
    Path output;

    @Option(names = "--layer", paramLabel = "N", description = "Which layer of a multi-layer file (from 1).")
    Integer layerNumber;

    @Option(names = "--full-matrix", description = "json: include every technique, annotated or not.")
    boolean fullMatrix;

    @Option(names = "--annotated-only", description = "csv: only techniques the layer annotates.")
    boolean annotatedOnly;

    @Option(names = "--all", description = "md: every technique, not only annotated ones.")
    boolean all;

    @Option(
            names = "--theme",
            paramLabel = "THEME",
            defaultValue = "light",
            description = "svg/png: light or dark (default: ${DEFAULT-VALUE}).")
    MatrixPicture.Theme theme;

    @Option(
            names = "--subtechniques",
            paramLabel = "MODE",
            defaultValue = "layer",
            description = "svg/png: layer (as the layer says), expanded, collapsed or annotated (default: "
                    + "${DEFAULT-VALUE}).")
    MatrixPicture.Subtechniques subtechniques;

    @Option(names = "--no-header", description = "svg/png: the matrix only, without name, legend and gradient.")
    boolean noHeader;

    @Option(
            names = "--font",
            paramLabel = "FAMILY",
            defaultValue = "sans-serif",
            description = "svg/png: sans-serif, serif or monospace (default: ${DEFAULT-VALUE}).")
    String font;

    @Option(
            names = "--scale",
            paramLabel = "X",
            defaultValue = "2",
            description = "png: pixels per CSS pixel (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--aggregate",
            paramLabel = "FUNCTION",
            description = "Colour parents by the average, min, max or sum of their own and their sub-techniques' "
                    + "scores (the Navigator's aggregate scores).")
    AggregateFunction aggregate;

    @Option(names = "--count-unscored", description = "With --aggregate: unscored techniques count as 0.")
    boolean countUnscored;

    @Override
    int execute() {
        if (!List.of("sans-serif", "serif", "monospace").contains(font)) {
            throw usage("--font takes sans-serif, serif or monospace, not '" + font + "'");
        }
        if (!(scale > 0 && scale <= 8)) {
            throw usage("--scale must be above 0 and at most 8");
        }
        Layer layer = readOne(file, layerNumber);
        if (aggregate != null) {
            Layout l = layer.view().layout();
            layer = layer.withView(layer.view()
                    .withLayout(new Layout(
                            l.kind(),
                            l.showId(),
                            l.showName(),
                            true,
                            countUnscored,
                            aggregate,
                            l.expandedSubtechniques())));
        }
        KnowledgeBase kb = knowledgeBaseFor(layer);
        AnnotatedMatrix m = AnnotatedMatrix.of(layer, kb);
        if (!m.unplaced().isEmpty()) {
            err().println("atlas-ops: warning: " + m.unplaced().size() + " entr"
                    + (m.unplaced().size() == 1 ? "y" : "ies")
                    + " name no technique cell of ATLAS " + kb.version() + " and are not drawn; 'atlas-ops layer "
                    + "validate' says why"
                    + (format.get() == Format.JSON && fullMatrix ? " (they are kept in the JSON)" : ""));
        }
        MatrixPicture.Options options = new MatrixPicture.Options(theme, subtechniques, !noHeader, font);
        switch (format.get()) {
            case JSON -> writeLayers(List.of(fullMatrix ? TableExport.fullMatrix(m) : layer), output);
            case CSV -> writeText(TableExport.csv(m, annotatedOnly), output);
            case MD -> writeText(TableExport.markdown(m, !all), output);
            case SVG -> writeText(SvgWriter.write(MatrixPicture.draw(m, options)), output);
            case XLSX -> writeBytes(XlsxWriter.write(m), target(layer));
            case PNG -> writeBytes(PngWriter.write(MatrixPicture.draw(m, options), scale), target(layer));
            default -> throw new IllegalStateException(format.get().name());
        }
        return ok();
    }

    private Path target(Layer layer) {
        return output != null
                ? output
                : Path.of(MatrixPicture.fileStem(layer.name()) + "."
                        + format.get().name().toLowerCase(Locale.ROOT));
    }
}
