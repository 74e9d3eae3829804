package org.atlasops.emulate.target;

import java.util.Locale;

/** What a target is, and so which procedures apply to it (a procedure names the kinds it runs against). */
public enum TargetKind {
    /** An LLM application behind an OpenAI-compatible chat-completions API (or a generic HTTP chat endpoint). */
    CHAT,
    /** An LLM with tools: chat in, tool calls made on the agent's MCP servers are reported back. */
    AGENT,
    /** An MCP server, addressed directly (list tools, call a tool). */
    MCP,
    /** A classic model behind an inference API (features or text in, label and scores out). */
    MODEL_API,
    /** Content the target application reads later: a RAG store, a shared folder, a web page (indirect routes). */
    CONTENT;

    /** The name used in procedure YAML and on the command line, e.g. {@code model-api}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
