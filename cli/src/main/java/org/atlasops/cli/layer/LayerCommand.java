package org.atlasops.cli.layer;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops layer}: ATT&CK/ATLAS Navigator layers. */
@Command(
        name = "layer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Navigator layers (format 4.5; 4.x and legacy 3.0 read): generate them from ATLAS, combine "
                    + "any number by a score expression, upgrade them to another ATLAS release, validate, render in "
                    + "the terminal and export to JSON, Excel, SVG, PNG, CSV or Markdown.",
            "Wherever a FILE is read, '-' reads standard input."
        },
        subcommands = {
            GenerateCommand.class,
            CombineCommand.class,
            UpgradeCommand.class,
            ExportCommand.class,
            RenderCommand.class,
            ValidateCommand.class
        })
public final class LayerCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
