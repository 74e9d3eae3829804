package org.atlasops.cli.mcp;

import org.atlasops.cli.AtlasOpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops mcp}: MCP tool definitions. */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "MCP security: scan the servers your MCP clients use (poisoning, shadowing, rug pulls, toxic "
                + "flows), pin their tools, or check tool definitions from a file (AML.T0110).",
        subcommands = {CheckCommand.class, ScanCommand.class, PinCommand.class})
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
