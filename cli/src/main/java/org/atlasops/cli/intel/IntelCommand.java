package org.atlasops.cli.intel;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intel}: threat-intel sharing in ATLAS terms. */
@Command(
        name = "intel",
        mixinStandardHelpOptions = true,
        description = "Threat-intel sharing in ATLAS terms: the team's incident register (case-study form, "
                + "anonymised sharing as case-study YAML, STIX 2.1 or Markdown), AVID and AIID imports, and one "
                + "searchable AI risk database.",
        subcommands = {IncidentCommand.class, IntelImportCommand.class, RiskSearchCommand.class},
        footer = {"", "Docs: docs/intel.md."})
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
