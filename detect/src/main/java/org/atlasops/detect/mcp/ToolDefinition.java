package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MCP tool as a server lists it: server, name, description, optional input schema and optional annotations
 * ({@code title}, {@code readOnlyHint}, … as {@code tools/list} gives them).
 */
public record ToolDefinition(
        String server,
        String name,
        String description,
        Optional<JsonNode> inputSchema,
        Optional<JsonNode> annotations) {
    public ToolDefinition {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(annotations, "annotations");
    }

    /** A tool without annotations. */
    public ToolDefinition(String server, String name, String description, Optional<JsonNode> inputSchema) {
        this(server, name, description, inputSchema, Optional.empty());
    }

    /**
     * A tool from a JSON record as {@code tools/list} gives it or {@code mcp check} reads it: {@code description}
     * (required), {@code server} and {@code name} (empty when absent), {@code inputSchema} and {@code annotations}
     * when they are objects.
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
                Optional.ofNullable(record.get("inputSchema")).filter(JsonNode::isObject),
                Optional.ofNullable(record.get("annotations")).filter(JsonNode::isObject));
    }

    /** A part of the tool that the poisoning check reads: where it is ({@code description},
     * {@code inputSchema.properties.path (parameter name)}, {@code annotations.title}, …) and its text. */
    public record Part(String where, String text) {
        public Part {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Every text of the tool a model reads: the description, the name and each parameter name (as words:
     * {@code send_to_url} reads "send to url"), the input schema's descriptions, titles and string defaults, and the
     * annotations' strings.
     */
    public List<Part> parts() {
        List<Part> out = new ArrayList<>();
        out.add(new Part("description", description));
        if (!name.isBlank()) {
            out.add(new Part("name", words(name)));
        }
        inputSchema.ifPresent(s -> collectParts(s, "inputSchema", out, 0));
        annotations.ifPresent(a -> a.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.add(new Part("annotations." + e.getKey(), e.getValue().asText()));
            }
        }));
        return out;
    }

    private static void collectParts(JsonNode n, String path, List<Part> out, int depth) {
        if (depth > 20 || n == null || !n.isObject()) {
            return;
        }
        for (String key : List.of("description", "title", "default")) {
            if (n.path(key).isTextual()) {
                out.add(new Part(path + "." + key, n.get(key).asText()));
            }
        }
        n.path("properties").properties().forEach(e -> {
            String at = path + ".properties." + e.getKey();
            out.add(new Part(at + " (parameter name)", words(e.getKey())));
            collectParts(e.getValue(), at, out, depth + 1);
        });
        collectParts(n.get("items"), path + ".items", out, depth + 1);
    }

    /** An identifier as words: snake, kebab and camel case split with spaces. */
    static String words(String identifier) {
        return identifier
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("[_\\-.]+", " ")
                .strip();
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
