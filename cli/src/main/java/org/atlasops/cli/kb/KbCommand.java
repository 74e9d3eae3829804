package org.atlasops.cli.kb;

import java.util.List;
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
                + "validation, STIX.")
public final class KbCommand implements Runnable {
    /**
     * The kb commands, in the order help lists them; the command line adds them (only the one typed, when that is
     * certain), not the annotation ({@code org.atlasops.cli.CommandTree}).
     */
    public static final List<Class<?>> COMMANDS = List.of(
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
            ImportStixCommand.class);

    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
