package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one MCP server offered when asked: its tools, prompts and resources, or why it could not be asked. */
public record McpInventory(
        McpServerSpec server,
        Optional<String> serverVersion,
        Optional<String> instructions,
        List<Tool> tools,
        List<Item> prompts,
        List<Item> resources,
        Optional<String> error) {
    /** A tool with everything that defines what the model is told about it. */
    public record Tool(
            String name, String description, Optional<JsonNode> inputSchema, Optional<JsonNode> annotations) {
        public Tool {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
            Objects.requireNonNull(inputSchema, "inputSchema");
            Objects.requireNonNull(annotations, "annotations");
        }

        /** The whole signature as canonical JSON (sorted keys): what a pin covers. */
        public String signature() {
            ObjectNode n =
                    JsonNodeFactory.instance.objectNode().put("name", name).put("description", description);
            inputSchema.ifPresent(s -> n.set("inputSchema", s));
            annotations.ifPresent(a -> n.set("annotations", a));
            return Canonical.json(n);
        }

        public ToolDefinition definition(String server) {
            return new ToolDefinition(server, name, description, inputSchema, annotations);
        }
    }

    /** A prompt or resource: name and description (resources also carry a URI in the name's place if unnamed). */
    public record Item(String name, String description) {
        public Item {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
        }
    }

    public McpInventory {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(instructions, "instructions");
        tools = List.copyOf(tools);
        prompts = List.copyOf(prompts);
        resources = List.copyOf(resources);
        Objects.requireNonNull(error, "error");
    }

    public static McpInventory failed(McpServerSpec server, String error) {
        return new McpInventory(
                server, Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), Optional.of(error));
    }
}
