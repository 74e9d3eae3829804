package org.atlasops.cli.layer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.format.LayerFile;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.matrix.LayerValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code layer validate FILE…}: reading flaws and checks against the release, per file. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check layer files: JSON and format flaws, and against the ATLAS release (the one the layer "
                    + "names, or --release): unknown techniques or tactics, a tactic that is not the technique's, bad "
                    + "colours, a gradient with fewer than two colours, links without a protocol.",
            "Exit code 0: no errors; 1: errors in some layer; 2: a file could not be read at all."
        })
final class ValidateCommand extends LayerSubcommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Layer files.")
    List<Path> files;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    /**
     * Two entries for one cell are a note when a layer is read (MITRE's own layers have them), but a warning when its
     * author asks for validation: the Navigator keeps only one of them.
     */
    private static LayerIssue duplicatesWarned(LayerIssue i) {
        return i.severity() == LayerIssue.Severity.INFO && i.message().contains(" times; the entries were merged")
                ? new LayerIssue(LayerIssue.Severity.WARNING, i.where(), i.message() + " (keep one entry per cell)")
                : i;
    }

    @Override
    int execute() {
        ArrayNode results = JsonOutput.array();
        boolean errors = false;
        boolean unreadable = false;
        for (Path file : files) {
            List<LayerIssue> issues = new ArrayList<>();
            int layers = 0;
            String release = "";
            try {
                LayerFile f =
                        file.toString().equals("-") ? LayerReader.read(System.in, "<stdin>") : LayerReader.read(file);
                f.issues().stream().map(ValidateCommand::duplicatesWarned).forEach(issues::add);
                layers = f.layers().size();
                for (int i = 0; i < f.layers().size(); i++) {
                    Layer l = f.layers().get(i);
                    KnowledgeBase kb = knowledgeBaseFor(l);
                    release = kb.version();
                    String where = f.layers().size() == 1 ? f.source() : f.source() + ": layer " + (i + 1);
                    issues.addAll(LayerValidator.validate(l, kb, where));
                }
            } catch (LayerException e) {
                unreadable = true;
                if (!format.get()
                        .equals("json")) { // not a layer at all: one line on stderr too, like any unusable input
                    err().println("atlas-ops: " + e.getMessage());
                }
                issues.add(new LayerIssue(LayerIssue.Severity.ERROR, file.toString(), e.getMessage()));
            }
            long e = issues.stream()
                    .filter(i -> i.severity() == LayerIssue.Severity.ERROR)
                    .count();
            long w = issues.stream()
                    .filter(i -> i.severity() == LayerIssue.Severity.WARNING)
                    .count();
            errors |= e > 0;
            if (format.get().equals("json")) {
                ObjectNode r = results.addObject()
                        .put("file", file.toString())
                        .put("layers", layers)
                        .put("atlas_version", release)
                        .put("valid", e == 0);
                ArrayNode list = r.putArray("issues");
                for (LayerIssue i : issues) {
                    list.addObject()
                            .put("severity", i.severity().name().toLowerCase(Locale.ROOT))
                            .put("where", i.where())
                            .put("message", i.message());
                }
            } else {
                issues.stream()
                        .filter(i -> root().verbose() || i.severity() != LayerIssue.Severity.INFO)
                        .forEach(i -> out().println(i));
                out().println(file + ": " + layers + " layer(s)" + (release.isEmpty() ? "" : ", ATLAS " + release)
                        + ": " + e + " error(s), " + w + " warning(s)" + (e == 0 ? ", valid" : ""));
            }
        }
        if (format.get().equals("json")) {
            JsonOutput.print(out(), results);
        }
        return unreadable ? ExitCodes.BAD_INPUT : errors ? ExitCodes.FINDINGS : ok();
    }
}
