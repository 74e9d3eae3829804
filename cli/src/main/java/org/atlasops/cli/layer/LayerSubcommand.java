package org.atlasops.cli.layer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.format.LayerFile;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.format.LayerWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code layer} command shares: reading layers, choosing the release, writing results. */
abstract class LayerSubcommand implements Callable<Integer> {
    @ParentCommand
    LayerCommand parent;

    @Spec
    CommandSpec spec;

    AtlasOpsCommand root() {
        return parent.root;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Reads a layer file ('-' is stdin); reading flaws go to stderr (notes only with --verbose). */
    LayerFile read(Path file) {
        LayerFile f;
        if (file.toString().equals("-")) {
            f = LayerReader.read(System.in, "<stdin>");
        } else {
            f = LayerReader.read(file);
        }
        report(f.issues());
        return f;
    }

    /** The one layer of a file, or the n-th with --layer. */
    Layer readOne(Path file, Integer layerNumber) {
        LayerFile f = read(file);
        return layerNumber == null ? f.single() : f.layer(layerNumber);
    }

    void report(List<LayerIssue> issues) {
        for (LayerIssue i : issues) {
            if (root().verbose() || i.severity() != LayerIssue.Severity.INFO) {
                err().println(i);
            }
        }
    }

    KnowledgeBase knowledgeBaseFor(Layer layer) {
        return root().knowledgeBaseFor(layer.atlasVersion());
    }

    /** Writes layers as JSON to the file, or to stdout without one. */
    void writeLayers(List<Layer> layers, Path output) {
        if (output == null) {
            out().print(LayerWriter.toJson(layers));
        } else {
            LayerWriter.write(layers, output);
            err().println("wrote " + output);
        }
    }

    /** Writes text to the file (atomically), or to stdout without one. */
    void writeText(String text, Path output) {
        if (output == null) {
            out().print(text);
        } else {
            writeBytes(text.getBytes(StandardCharsets.UTF_8), output);
        }
    }

    void writeBytes(byte[] bytes, Path output) {
        AtomicFiles.write(output, bytes);
        err().println("wrote " + output + " (" + bytes.length + " bytes)");
    }

    static UserException usage(String message) {
        return new UserException(message);
    }

    @Override
    public final Integer call() throws Exception {
        int code = execute();
        out().flush();
        return code;
    }

    abstract int execute() throws Exception;

    static int ok() {
        return ExitCodes.OK;
    }
}
