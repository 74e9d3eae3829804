package org.atlasops.cli.mcp;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.detect.mcp.McpInventory;
import org.atlasops.detect.mcp.PinStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mcp pin}: record every tool's signature now, so later scans report any change (rug pulls). */
@Command(
        name = "pin",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Connect to the configured MCP servers and pin every tool: a SHA-256 of its whole signature "
                    + "(name, description, input schema, annotations), kept in mcp-pins.json in the data directory. "
                    + "Later 'mcp scan' runs report any added, removed or changed tool with a diff (AML.T0109)."
        })
final class PinCommand implements Callable<Integer> {
    @ParentCommand
    McpCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    McpServers servers;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PinStore pins = McpServers.pins(parent.root.dataDir());
        List<McpInventory> inventories = servers.inventories(servers.declared(err), err, System.console() != null);
        int pinned = 0;
        for (McpInventory i : inventories) {
            if (i.error().isPresent()) {
                err.println("atlas-ops: not pinned: " + i.error().get());
                continue;
            }
            pins.pin(i);
            pinned++;
            spec.commandLine()
                    .getOut()
                    .println("pinned " + i.tools().size() + " tools of "
                            + i.server().name());
        }
        pins.save();
        return pinned == inventories.size() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
