package org.atlasops.cli.mcp;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops mcp}: MCP tool definitions. */
@Command(name = "mcp", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check MCP tool definitions for poisoning: instructions to the model hidden in descriptions "
                + "and schemas (AML.T0110).",
        subcommands = {CheckCommand.class})
public final class McpCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
