package org.atlasops.cli.kb;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.stix.StixImporter;
import org.atlasops.kb.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kb import-stix FILE}: read a STIX bundle into the model and report what it holds. */
@Command(
        name = "import-stix",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Read a STIX 2.1 ATLAS bundle (the official stix-atlas.json or ours) and report what it "
                    + "holds. Relationships are joined by (source, type, target), so the official bundle's colliding "
                    + "relationship IDs lose nothing.",
            "To work with it afterwards: atlas-ops --atlas-data FILE.json kb ..."
        })
final class ImportStixCommand extends KbSubcommand {
    @Parameters(paramLabel = "FILE", description = "The STIX bundle (.json).")
    Path file;

    @Option(
            names = "--release-version",
            paramLabel = "VERSION",
            description = "The ATLAS release the bundle holds, when the bundle does not say (the official one "
                    + "does not).")
    String version;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase kb = StixImporter.read(file, Optional.ofNullable(version));
        int links =
                kb.mitigations().stream().mapToInt(m -> m.techniques().size()).sum();
        int broken = Validator.validate(kb).size();
        if (format.get() == OutputFormat.JSON) {
            var n = KbJson.object()
                    .put("source", kb.source())
                    .put("atlas_version", kb.version())
                    .put("tactics", kb.tactics().size())
                    .put("techniques", kb.techniques().size())
                    .put("mitigations", kb.mitigations().size())
                    .put("mitigation_links", links)
                    .put("case_studies", kb.caseStudies().size())
                    .put("broken_references", broken);
            var a = n.putArray("issues");
            kb.issues()
                    .forEach(i -> a.addObject()
                            .put("severity", i.severity().name().toLowerCase(Locale.ROOT))
                            .put("location", i.location())
                            .put("message", i.message()));
            KbJson.print(out(), n);
            return ok();
        }
        out().println(Terminal.bold("STIX bundle " + file) + " → ATLAS " + kb.version());
        out().printf("  %-20s %5d%n", "tactics", kb.tactics().size());
        out().printf("  %-20s %5d%n", "techniques", kb.techniques().size());
        out().printf("  %-20s %5d%n", "mitigations", kb.mitigations().size());
        out().printf("  %-20s %5d%n", "mitigation links", links);
        out().printf("  %-20s %5d%n", "case studies", kb.caseStudies().size());
        out().printf("  %-20s %5d%n", "broken references", broken);
        kb.issues().stream()
                .filter(i -> root().verbose() || i.severity() != DataIssue.Severity.INFO)
                .forEach(i -> out().println(i));
        return ok();
    }
}
