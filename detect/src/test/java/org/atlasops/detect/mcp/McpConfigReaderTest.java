package org.atlasops.detect.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each client's way of declaring MCP servers, and the flaws a configuration file can have. */
class McpConfigReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
        return p;
    }

    @Test
    void claudeDesktopCursorAndWindsurfUseMcpServers() throws Exception {
        McpConfigReader.Result r = McpConfigReader.read(file("claude_desktop_config.json", """
                {"mcpServers": {
                  "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"],
                            "env": {"DEBUG": "1"}},
                  "remote": {"serverUrl": "https://mcp.example.com/mcp"}}}"""), "Claude Desktop");
        assertThat(r.problems()).isEmpty();
        assertThat(r.servers()).extracting(McpServerSpec::name).containsExactly("files", "remote");
        McpServerSpec.Stdio files = (McpServerSpec.Stdio) r.servers().get(0).transport();
        assertThat(files.args()).containsExactly("-y", "@modelcontextprotocol/server-filesystem", "/tmp");
        assertThat(files.env()).containsEntry("DEBUG", "1");
        assertThat(r.servers().get(1).transport())
                .isEqualTo(new McpServerSpec.Http("https://mcp.example.com/mcp", java.util.Map.of()));
    }

    @Test
    void claudeCodeKeepsServersPerProject() throws Exception {
        McpConfigReader.Result r = McpConfigReader.read(file(".claude.json", """
                {"mcpServers": {"global": {"command": "g"}},
                 "projects": {"/work/app": {"mcpServers": {"local": {"type": "http", "url": "http://127.0.0.1:3000/mcp",
                   "headers": {"Authorization": "Bearer x"}}}}}}"""), "Claude Code");
        assertThat(r.servers()).extracting(McpServerSpec::name).containsExactly("global", "local");
        assertThat(((McpServerSpec.Http) r.servers().get(1).transport()).headers())
                .containsKey("Authorization");
    }

    @Test
    void vsCodeUsesServersAndSettingsWithComments() throws Exception {
        assertThat(McpConfigReader.read(file(".vscode/mcp.json", """
                {"servers": {"gh": {"type": "stdio", "command": "docker", "args": ["run", "ghcr.io/github/mcp"]}}}"""), "VS Code")
                        .servers())
                .extracting(McpServerSpec::name)
                .containsExactly("gh");
        McpConfigReader.Result settings = McpConfigReader.read(file("settings.json", """
                {
                  // user settings
                  "editor.fontSize": 14,
                  "mcp": {"servers": {"time": {"command": "uvx", "args": ["mcp-server-time"],},},},
                }"""), "VS Code");
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.servers()).extracting(McpServerSpec::name).containsExactly("time");
    }

    @Test
    void flawsAreReportedWithTheirPlaceAndTheRestIsKept() throws Exception {
        McpConfigReader.Result r = McpConfigReader.read(file("mixed.json", """
                {"mcpServers": {"ok": {"command": "x"}, "neither": {"args": []}, "ftp": {"url": "ftp://x/y"},
                 "text": "nope"}}"""), "config");
        assertThat(r.servers()).extracting(McpServerSpec::name).containsExactly("ok");
        assertThat(r.problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("mcpServers.neither").contains("neither command nor url"));
        assertThat(McpConfigReader.read(file("bad.json", "{\"mcpServers\": {\n  \"a\": }"), "x")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p).contains("bad.json:2:").contains("not valid JSON"));
        assertThat(McpConfigReader.read(file("none.json", "{\"editor\": 1}"), "x")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p).contains("no MCP servers declared"));
    }

    @Test
    void discoveryFindsOnlyExistingFilesOnce() throws Exception {
        Path home = dir.resolve("home");
        Path project = dir.resolve("project");
        file("home/.cursor/mcp.json", "{\"mcpServers\": {}}");
        file("home/.codeium/windsurf/mcp_config.json", "{\"mcpServers\": {}}");
        file("project/.vscode/mcp.json", "{\"servers\": {}}");
        List<McpConfigDiscovery.Location> found = McpConfigDiscovery.find(home, project, null);
        assertThat(found)
                .extracting(McpConfigDiscovery.Location::client)
                .containsExactly("Cursor", "VS Code", "Windsurf");
    }
}
