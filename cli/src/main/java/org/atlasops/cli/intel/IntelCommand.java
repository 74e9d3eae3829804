package org.atlasops.cli.intel;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops intel}: threat-intel sharing. */
@Command(
        name = "intel",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Share threat intel in ATLAS terms: pull from and push to TAXII 2.1 servers.",
        subcommands = {TaxiiPullCommand.class, TaxiiPushCommand.class, TaxiiCollectionsCommand.class})
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
