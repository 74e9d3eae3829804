package org.atlasops.cli.assess;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.kb.files.AtomicFiles;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.format.LayerWriter;
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

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to this file (default: standard output).")
    Path output;

    @Option(
            names = "--layer",
            paramLabel = "FILE",
            description = "Also write a Navigator layer (format 4.5, domain atlas-atlas) to this file.")
    Path layer;

    void write(String report, PrintWriter out, PrintWriter err) {
        if (output == null) {
            out.print(report);
        } else {
            byte[] bytes = report.getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(output, bytes);
            err.println("wrote " + output + " (" + bytes.length + " bytes)");
        }
    }

    void writeLayer(Layer l, PrintWriter err) {
        if (layer != null) {
            LayerWriter.write(List.of(l), layer);
            err.println("wrote layer " + layer + " (" + l.techniques().size() + " entries)");
        }
    }
}
