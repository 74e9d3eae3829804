package org.atlasops.assess.inventory;

import java.util.Objects;

/**
 * A tool or an MCP server the agent can call.
 *
 * @param sideEffects it changes something outside the conversation (writes, sends, deletes, pays)
 * @param line where the inventory declares it
 */
public record Tool(Kind kind, String name, boolean sideEffects, int line) {
    public enum Kind {
        TOOL,
        MCP_SERVER;

        public String label() {
            return this == TOOL ? "tool" : "MCP server";
        }
    }

    public Tool {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tool needs a name");
        }
    }
}
