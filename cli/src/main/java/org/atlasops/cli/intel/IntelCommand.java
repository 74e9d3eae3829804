package org.atlasops.cli.intel;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops intel}: threat-intel sharing in ATLAS terms. */
@Command(
        name = "intel",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Threat-intel sharing in ATLAS terms: the team's incident register (case-study form, "
                + "anonymised sharing as case-study YAML, STIX 2.1 or Markdown), AVID and AIID imports, one "
                + "searchable AI risk database, and TAXII 2.1 pull, push and collections.",
        subcommands = {
            IncidentCommand.class,
            IntelImportCommand.class,
            RiskSearchCommand.class,
            TaxiiPullCommand.class,
            TaxiiPushCommand.class,
            TaxiiCollectionsCommand.class
        },
        footer = {"", "Docs: docs/intel.md, docs/taxii.md."})
public final class IntelCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
