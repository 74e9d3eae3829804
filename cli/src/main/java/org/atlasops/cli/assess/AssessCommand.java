package org.atlasops.cli.assess;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess}. */
@Command(
        name = "assess",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Assess your own AI systems against ATLAS: which techniques apply and which first (model), what detects "
                    + "them and how sure we are (coverage), and what a new ATLAS release changes (review). A system "
                    + "is described in an inventory file (YAML or JSON, docs/assess.md)."
        },
        subcommands = {
            ModelCommand.class,
            CoverageCommand.class,
            ReviewCommand.class,
            MetricsCommand.class,
            InventoryCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops assess inventory validate samples/assess/support-bot.yaml",
            "  atlas-ops assess model samples/assess/support-bot.yaml --layer threats.json",
            "  atlas-ops assess coverage samples/assess/support-bot.yaml --dettect samples/assess/support-bot-techniques.yaml",
            "  atlas-ops assess review --from 5.0.0 --to 5.6.0 samples/assess/support-bot.yaml",
            "  atlas-ops assess metrics samples/assess/support-bot-timelines.yaml"
        })
public final class AssessCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
