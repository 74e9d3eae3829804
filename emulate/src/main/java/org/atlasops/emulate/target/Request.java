package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One step of an attempt as a target receives it, after the procedure's converters ran. A target answers the kinds
 * it supports and answers {@link Reply.Outcome#UNSUPPORTED} for the others.
 */
public sealed interface Request {

    /** A conversation for a chat or agent target; the target app adds its own system prompt. */
    record Chat(List<Message> messages) implements Request {
        public Chat {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a chat request needs at least one message");
            }
        }
    }

    /**
     * Content placed where the target application will read it later (indirect routes): {@code channel} is e.g.
     * {@code rag}, {@code file} or {@code web}; {@code name} names the document.
     */
    record Plant(String channel, String name, String content) implements Request {
        public Plant {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** List the tools of an MCP server (discovery). */
    record ListTools() implements Request {}

    /** Call one tool of an MCP server directly with JSON arguments. */
    record CallTool(String tool, JsonNode arguments) implements Request {
        public CallTool {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** One query to a model's inference API: the input as JSON (features or text). */
    record Infer(JsonNode input) implements Request {
        public Infer {
            Objects.requireNonNull(input, "input");
        }
    }

    /** One chat message. {@code role} is {@code system}, {@code user}, {@code assistant} or {@code tool}. */
    record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
