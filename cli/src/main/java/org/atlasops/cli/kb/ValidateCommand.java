package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.AtlasReader;
import org.atlasops.kb.validate.Finding;
import org.atlasops.kb.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kb validate [FILE]}: every flaw and broken reference in a release. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check an ATLAS data file (or the release in use): what the reader had to recover or leave "
                    + "out, and every broken reference (a step or mitigation pointing at a missing technique, a "
                    + "sub-technique without parent, a step whose tactic is not one of its technique's).",
            "Exit code 0: clean or only recovered flaws; 1: errors or broken references; 2: unreadable."
        })
final class ValidateCommand extends KbSubcommand {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to check (default: the release in use).")
    Path file;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase kb = file != null ? AtlasReader.read(file) : root().knowledgeBase();
        List<Finding> findings = Validator.validate(kb);
        List<DataIssue> shown = kb.issues().stream()
                .filter(i -> root().verbose() || i.severity() != DataIssue.Severity.INFO)
                .toList();
        long errors = kb.issues().stream()
                .filter(i -> i.severity() == DataIssue.Severity.ERROR)
                .count();
        long warnings = kb.issues().stream()
                .filter(i -> i.severity() == DataIssue.Severity.WARNING)
                .count();
        long notes = kb.issues().size() - errors - warnings;
        if (format.get() == OutputFormat.JSON) {
            ObjectNode n = KbJson.object()
                    .put("source", kb.source())
                    .put("atlas_version", kb.version())
                    .put("data_format", kb.dataFormat())
                    .put("valid", errors == 0 && findings.isEmpty());
            ArrayNode issues = n.putArray("issues");
            for (DataIssue i : kb.issues()) {
                issues.addObject()
                        .put("severity", i.severity().name().toLowerCase(Locale.ROOT))
                        .put("location", i.location())
                        .put("object", i.objectId())
                        .put("message", i.message());
            }
            ArrayNode broken = n.putArray("findings");
            for (Finding f : findings) {
                broken.addObject()
                        .put("object", f.objectId())
                        .put("rule", f.rule().code())
                        .put("message", f.message());
            }
            KbJson.print(out(), n);
        } else {
            shown.forEach(i -> out().println(i));
            findings.forEach(f -> out().println(kb.source() + ": error: " + f));
            out().println(kb.source() + " (ATLAS " + kb.version() + "): " + findings.size() + " broken reference(s), "
                    + errors + " error(s), " + warnings + " warning(s), " + notes + " note(s)"
                    + (notes > 0 && !root().verbose() ? " (--verbose shows notes)" : ""));
        }
        return errors == 0 && findings.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
