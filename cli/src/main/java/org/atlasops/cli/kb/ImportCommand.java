package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.atlasops.cli.FormatOption;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.AtlasReader;
import org.atlasops.kb.read.ReleaseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kb import FILE}: keep a release in the data directory. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Keep an ATLAS YAML release (any published format) in the data directory, so it can be named "
                    + "by its version afterwards: atlas-ops --release VERSION ...",
            "The file is read and checked first; its 'version' field names it."
        })
final class ImportCommand extends KbSubcommand {
    @Parameters(paramLabel = "FILE", description = "The ATLAS YAML file, e.g. dist/ATLAS.yaml or ATLAS-2026.05.yaml.")
    Path file;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase kb = root().catalog().importRelease(file);
        boolean replacesBundled = ReleaseCatalog.bundledOnly().releases().stream()
                .anyMatch(r -> r.version().equals(kb.version()));
        long errors = AtlasReader.errors(kb).size();
        Path kept = root().dataDir().resolve("releases");
        if (format.get() == OutputFormat.JSON) {
            ObjectNode n = KbJson.object()
                    .put("atlas_version", kb.version())
                    .put("data_format", kb.dataFormat())
                    .put("kept_in", kept.toString())
                    .put("replaces_bundled", replacesBundled)
                    .put("unreadable", errors);
            n.putObject("counts")
                    .put("tactics", kb.tactics().size())
                    .put("techniques_and_sub_techniques", kb.techniques().size())
                    .put("mitigations", kb.mitigations().size())
                    .put("case_studies", kb.caseStudies().size());
            KbJson.print(out(), n);
        } else {
            out().println("imported ATLAS " + kb.version() + " (data format " + kb.dataFormat() + ": "
                    + kb.tactics().size() + " tactics, " + kb.techniques().size() + " techniques and sub-techniques, "
                    + kb.mitigations().size() + " mitigations, "
                    + kb.caseStudies().size() + " case studies) into "
                    + kept);
            if (replacesBundled) {
                out().println("note: it takes the place of the bundled release " + kb.version());
            }
        }
        if (errors > 0) {
            err().println("atlas-ops: warning: " + errors + " object(s) or field(s) could not be read; "
                    + "'atlas-ops kb validate " + file + "' lists them");
        }
        if (format.get() == OutputFormat.TEXT) {
            out().println("use it with: atlas-ops --release " + kb.version() + " kb stats");
        }
        return ok();
    }
}
