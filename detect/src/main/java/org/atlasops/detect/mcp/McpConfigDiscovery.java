package org.atlasops.detect.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where MCP clients keep their server lists, for the user's home and the current project: Claude Desktop, Claude
 * Code, Cursor, VS Code and Windsurf, on Linux, macOS and Windows. Only files that exist are returned.
 */
public final class McpConfigDiscovery {
    /** A configuration file and the client that reads it. */
    public record Location(String client, Path file) {}

    private McpConfigDiscovery() {}

    public static List<Location> candidates(Path home, Path project, String appData) {
        List<Location> all = new ArrayList<>();
        all.add(new Location("Claude Desktop", home.resolve(".config/Claude/claude_desktop_config.json")));
        all.add(new Location(
                "Claude Desktop", home.resolve("Library/Application Support/Claude/claude_desktop_config.json")));
        if (appData != null && !appData.isBlank()) {
            all.add(new Location("Claude Desktop", Path.of(appData, "Claude", "claude_desktop_config.json")));
            all.add(new Location("VS Code", Path.of(appData, "Code", "User", "mcp.json")));
            all.add(new Location("VS Code", Path.of(appData, "Code", "User", "settings.json")));
        }
        all.add(new Location("Claude Code", home.resolve(".claude.json")));
        all.add(new Location("Claude Code", project.resolve(".mcp.json")));
        all.add(new Location("Cursor", home.resolve(".cursor/mcp.json")));
        all.add(new Location("Cursor", project.resolve(".cursor/mcp.json")));
        all.add(new Location("VS Code", home.resolve(".config/Code/User/mcp.json")));
        all.add(new Location("VS Code", home.resolve(".config/Code/User/settings.json")));
        all.add(new Location("VS Code", home.resolve("Library/Application Support/Code/User/mcp.json")));
        all.add(new Location("VS Code", home.resolve("Library/Application Support/Code/User/settings.json")));
        all.add(new Location("VS Code", project.resolve(".vscode/mcp.json")));
        all.add(new Location("Windsurf", home.resolve(".codeium/windsurf/mcp_config.json")));
        return all;
    }

    /** The candidates that exist, each file once. */
    public static List<Location> find(Path home, Path project, String appData) {
        List<Location> found = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        for (Location l : candidates(home, project, appData)) {
            Path p = l.file().toAbsolutePath().normalize();
            if (Files.isRegularFile(p) && !seen.contains(p)) {
                seen.add(p);
                found.add(new Location(l.client(), p));
            }
        }
        return found;
    }
}
