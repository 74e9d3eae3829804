package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An MCP tool as a server lists it: server, name, description and optional input schema. */
public record ToolDefinition(String server, String name, String description, Optional<JsonNode> inputSchema) {
    public ToolDefinition {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
    }

    /**
     * A tool from a JSON record as {@code tools/list} gives it or {@code mcp check} reads it: {@code description}
     * (required), {@code server} and {@code name} (empty when absent), {@code inputSchema} when it is an object.
     *
     * @throws IllegalArgumentException when the record has no description string
     */
    public static ToolDefinition of(JsonNode record) {
        if (!record.path("description").isTextual()) {
            throw new IllegalArgumentException("needs a \"description\" string");
        }
        return new ToolDefinition(
                record.path("server").asText(""),
                record.path("name").asText(""),
                record.get("description").asText(),
                Optional.ofNullable(record.get("inputSchema")).filter(JsonNode::isObject));
    }

    /** Every description text of the input schema, with its JSON path (properties, nested, items). */
    public List<String[]> schemaTexts() {
        List<String[]> out = new ArrayList<>();
        inputSchema.ifPresent(s -> collect(s, "inputSchema", out, 0));
        return out;
    }

    private static void collect(JsonNode n, String path, List<String[]> out, int depth) {
        if (depth > 20 || n == null || !n.isObject()) {
            return;
        }
        for (String key : List.of("description", "title")) {
            if (n.path(key).isTextual()) {
                out.add(new String[] {path + "." + key, n.get(key).asText()});
            }
        }
        n.path("properties")
                .properties()
                .forEach(e -> collect(e.getValue(), path + ".properties." + e.getKey(), out, depth + 1));
        collect(n.get("items"), path + ".items", out, depth + 1);
    }
}
