package org.atlasops.cli.detect;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops detect}: Sigma detection on AI telemetry, every alert tagged with ATLAS techniques. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Detect attacks on AI systems in telemetry: a Sigma 2.1 engine (rules, filters, correlations) "
                    + "on JSON lines, with a bundled ATLAS rule pack for LLM calls, MCP traffic and model API logs.",
            "Telemetry formats: docs/telemetry.md. Rules and alerts: docs/detect.md."
        },
        subcommands = {
            ScanCommand.class,
            StreamCommand.class,
            ValidateCommand.class,
            TestCommand.class,
            RulesCommand.class,
            CanaryCommand.class,
            PromptCommand.class,
            EvaluateCommand.class
        })
public final class DetectCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
