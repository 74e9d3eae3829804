package org.atlasops.detect.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the MCP servers out of a client configuration file, whichever client wrote it:
 * {@code mcpServers} (Claude Desktop, Cursor, Windsurf, Claude Code's {@code .mcp.json}), Claude Code's
 * {@code ~/.claude.json} with per-project servers, {@code servers} (VS Code's {@code mcp.json}) and {@code mcp.servers}
 * (VS Code's {@code settings.json}, which may hold comments and trailing commas). Entries name a {@code command} with
 * {@code args} and {@code env}, or a {@code url} / {@code serverUrl} with {@code headers}.
 */
public final class McpConfigReader {
    private static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private McpConfigReader() {}

    /** What a file declared, and the entries it could not use, each with its reason. */
    public record Result(List<McpServerSpec> servers, List<String> problems) {
        public Result {
            servers = List.copyOf(servers);
            problems = List.copyOf(problems);
        }
    }

    public static Result read(Path file, String client) {
        List<McpServerSpec> servers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return new Result(List.of(), List.of(file + ": larger than 8 MiB; not an MCP configuration"));
            }
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            return new Result(List.of(), List.of(file + where + ": not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new Result(List.of(), List.of(file + ": cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Result(List.of(), List.of(file + ": the file must hold a JSON object"));
        }
        Map<String, JsonNode> blocks = new LinkedHashMap<>();
        blocks.put("mcpServers", root.get("mcpServers"));
        blocks.put("servers", root.get("servers"));
        blocks.put("mcp.servers", root.path("mcp").get("servers"));
        root.path("projects")
                .properties()
                .forEach(p -> blocks.put(
                        "projects." + p.getKey() + ".mcpServers", p.getValue().get("mcpServers")));
        boolean any = false;
        for (Map.Entry<String, JsonNode> block : blocks.entrySet()) {
            JsonNode entries = block.getValue();
            if (entries == null || entries.isNull()) {
                continue;
            }
            any = true;
            if (!entries.isObject()) {
                problems.add(file + ": " + block.getKey() + " must be an object of named servers");
                continue;
            }
            entries.properties()
                    .forEach(e -> entry(file, client, block.getKey(), e.getKey(), e.getValue(), servers, problems));
        }
        if (!any) {
            problems.add(file + ": no MCP servers declared (looked for mcpServers, servers and mcp.servers)");
        }
        return new Result(servers, problems);
    }

    private static void entry(
            Path file,
            String client,
            String block,
            String name,
            JsonNode e,
            List<McpServerSpec> servers,
            List<String> problems) {
        String where = file + ": " + block + "." + name;
        if (!e.isObject()) {
            problems.add(where + ": must be an object with command or url");
            return;
        }
        String url = e.hasNonNull("url")
                ? e.get("url").asText()
                : e.hasNonNull("serverUrl") ? e.get("serverUrl").asText() : null;
        if (e.hasNonNull("command")) {
            List<String> args = new ArrayList<>();
            e.path("args").forEach(a -> args.add(a.asText()));
            servers.add(new McpServerSpec(
                    name,
                    client,
                    file,
                    new McpServerSpec.Stdio(e.get("command").asText(), args, strings(e.path("env")))));
        } else if (url != null) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                problems.add(where + ": url '" + url + "' is not http(s)");
                return;
            }
            servers.add(new McpServerSpec(name, client, file, new McpServerSpec.Http(url, strings(e.path("headers")))));
        } else {
            problems.add(where + ": has neither command nor url");
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(p -> out.put(p.getKey(), p.getValue().asText()));
        return out;
    }
}
