package org.atlasops.cli.mcp;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.atlasops.cli.UserException;
import org.atlasops.detect.mcp.McpConfigDiscovery;
import org.atlasops.detect.mcp.McpConfigReader;
import org.atlasops.detect.mcp.McpInventory;
import org.atlasops.detect.mcp.McpInventoryClient;
import org.atlasops.detect.mcp.McpServerSpec;
import picocli.CommandLine.Option;

/** Options shared by {@code mcp scan} and {@code mcp pin}: which configurations, which servers, how long to wait. */
final class McpServers {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "An MCP client configuration to scan "
                    + "(repeatable). Without it: the configurations of Claude Desktop, Claude Code, Cursor, VS Code and "
                    + "Windsurf found in your home directory and the current project.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--server", paramLabel = "NAME", description = "Only the servers with this name (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long to wait for each server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The servers declared in the chosen configurations; problems are printed, the rest goes on. */
    List<McpServerSpec> declared(PrintWriter err) {
        List<McpConfigDiscovery.Location> where = new ArrayList<>();
        if (configs.isEmpty()) {
            Path home = Path.of(System.getProperty("user.home"));
            where.addAll(McpConfigDiscovery.find(home, Path.of("").toAbsolutePath(), System.getenv("APPDATA")));
            if (where.isEmpty()) {
                throw new UserException("no MCP client configuration found (looked for Claude Desktop, Claude Code, "
                        + "Cursor, VS Code and Windsurf under " + home + " and in this directory); give one with "
                        + "--config FILE");
            }
        } else {
            for (Path c : configs) {
                if (!Files.isRegularFile(c)) {
                    throw new UserException(c + ": no such file");
                }
                where.add(new McpConfigDiscovery.Location("config", c));
            }
        }
        List<McpServerSpec> servers = new ArrayList<>();
        for (McpConfigDiscovery.Location l : where) {
            McpConfigReader.Result r = McpConfigReader.read(l.file(), l.client());
            if (!configs.isEmpty() && r.servers().isEmpty() && !r.problems().isEmpty()) {
                // a configuration the user named that gives nothing: its first problem is the one line to fix
                throw new UserException(r.problems().get(0).toString());
            }
            r.problems().forEach(p -> err.println("atlas-ops: " + p));
            r.servers().stream()
                    .filter(s -> only.isEmpty() || only.contains(s.name()))
                    .forEach(servers::add);
        }
        if (servers.isEmpty()) {
            throw new UserException("no MCP servers to scan" + (only.isEmpty() ? "" : " named " + only));
        }
        return servers;
    }

    List<McpInventory> inventories(List<McpServerSpec> servers, PrintWriter err, boolean progress) {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new UserException("--timeout must be 1 to 600 seconds");
        }
        McpInventoryClient client = new McpInventoryClient(Duration.ofSeconds(timeoutSeconds));
        List<McpInventory> out = new ArrayList<>();
        int n = 0;
        for (McpServerSpec s : servers) {
            n++;
            if (progress) {
                err.println(
                        "[" + n + "/" + servers.size() + "] " + s.name() + " (" + s.client() + "): " + s.transport());
            }
            out.add(client.fetch(s));
        }
        return out;
    }

    /** The pin store of the data directory; an unreadable one is a usage error naming the file and the fix. */
    static org.atlasops.detect.mcp.PinStore pins(Path dataDir) {
        try {
            return org.atlasops.detect.mcp.PinStore.open(pinFile(dataDir));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    static Path pinFile(Path dataDir) {
        return dataDir.resolve("mcp-pins.json");
    }
}
