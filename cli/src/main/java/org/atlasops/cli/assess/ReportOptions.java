package org.atlasops.cli.assess;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.OutputOption;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.format.LayerWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Output options every assess report command shares. */
final class ReportOptions {
    /** The report formats. */
    enum Format {
        TEXT,
        JSON,
        MARKDOWN,
        HTML
    }

    @Mixin
    FormatOption<Format> format = FormatOption.of(Format.TEXT, Format.JSON, Format.MARKDOWN, Format.HTML)
            .described("Report format: text, json, markdown or html");

    @Mixin
    OutputOption output;

    @Option(
            names = "--layer",
            paramLabel = "FILE",
            description = "Also write a Navigator layer (format 4.5, domain atlas-atlas) to this file.")
    Path layer;

    void write(String report, PrintWriter out, PrintWriter err) {
        output.write(report, out, err);
    }

    void writeLayer(Layer l, PrintWriter err) {
        if (layer != null) {
            LayerWriter.write(List.of(l), layer);
            err.println("wrote layer " + layer + " (" + l.techniques().size() + " entries)");
        }
    }
}
