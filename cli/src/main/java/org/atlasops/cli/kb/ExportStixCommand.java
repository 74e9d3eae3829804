package org.atlasops.cli.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;
import org.atlasops.kb.stix.StixExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kb export-stix}: the release as a STIX 2.1 bundle. */
@Command(
        name = "export-stix",
        mixinStandardHelpOptions = true,
        description = {
            "Write the release as a STIX 2.1 bundle in the ATT&CK data model, with the official ATLAS "
                    + "object IDs, plus case studies (incident + uses), maturity and ATT&CK references.",
            "Relationship IDs are collision-free (the official bundle's are not)."
        })
final class ExportStixCommand extends KbSubcommand {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write here instead of to standard output.")
    Path output;

    @Override
    int execute() throws IOException {
        KnowledgeBase kb = knowledgeBase();
        String json = StixExporter.exportJson(kb);
        if (output == null) {
            out().println(json);
            return ok();
        }
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserException(output + ": the directory does not exist");
        }
        // a crash never leaves half a bundle
        AtomicFiles.write(output, json + "\n");
        err().println("wrote ATLAS " + kb.version() + " as STIX 2.1 to " + output);
        return ok();
    }
}
