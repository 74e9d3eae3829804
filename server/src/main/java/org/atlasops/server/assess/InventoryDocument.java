package org.atlasops.server.assess;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The shape of an AI system inventory as the API takes it (docs/assess.md), for its schema in the OpenAPI document.
 * The server never maps a body onto this: assess's {@code InventoryReader} reads it (YAML or JSON), so its flaws are
 * named with their line and field.
 */
public record InventoryDocument(
        Optional<Integer> version,
        String id,
        Optional<String> name,
        Optional<String> description,
        Optional<String> owner,
        String exposure,
        @JsonProperty("untrusted-content") Optional<List<String>> untrustedContent,
        Optional<Boolean> rag,
        @JsonProperty("fine-tuned") Optional<Boolean> fineTuned,
        @JsonProperty("trained-on-user-data") Optional<Boolean> trainedOnUserData,
        @JsonProperty("model-source") Optional<String> modelSource,
        Optional<InventoryAgent> agent,
        @JsonProperty("code-execution") Optional<Boolean> codeExecution,
        @JsonProperty("holds-secrets") Optional<Boolean> holdsSecrets,
        @JsonProperty("model-api") Optional<Boolean> modelApi,
        @JsonProperty("on-device") Optional<Boolean> onDevice,
        Optional<List<ComponentEntry>> components,
        Optional<List<EdgeEntry>> edges,
        Optional<List<MitigationEntry>> mitigations) {

    /** The agent's tools and MCP servers. */
    public record InventoryAgent(
            Optional<List<ToolEntry>> tools,
            @JsonProperty("mcp-servers") Optional<List<ToolEntry>> mcpServers) {}

    /** A tool or MCP server, and whether calling it changes anything. */
    public record ToolEntry(
            String name, @JsonProperty("side-effects") Optional<Boolean> sideEffects, Optional<String> description) {}

    /** A component in CoSAI's vocabulary ({@code componentTheModel}, ...). */
    public record ComponentEntry(String type, Optional<String> name, Optional<String> description) {}

    /** A flow between two listed components, each named by its name (or its CoSAI type when it has none). */
    public record EdgeEntry(String from, String to) {}

    /** An ATLAS mitigation in place. */
    public record MitigationEntry(String id, Optional<String> note) {}
}
