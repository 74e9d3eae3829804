package org.atlasops.cli.kb;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops kb}: the ATLAS knowledge base. */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Look ATLAS up: objects, search, matrix, lists, statistics, release diffs, crosswalks, "
                + "validation, STIX.",
        subcommands = {
            ShowCommand.class,
            SearchCommand.class,
            MatrixCommand.class,
            ListCommand.class,
            StatsCommand.class,
            DiffCommand.class,
            CrosswalkCommand.class,
            ValidateCommand.class,
            ReleasesCommand.class,
            ImportCommand.class,
            ExportStixCommand.class,
            ImportStixCommand.class
        })
public final class KbCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
