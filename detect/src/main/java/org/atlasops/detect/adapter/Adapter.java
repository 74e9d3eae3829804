package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The bundled telemetry adapters, by the name {@code detect scan --adapter NAME} takes. Each turns one record of
 * the vendor's shape into zero or more events of docs/telemetry.md; docs/detect.md#adapters says which
 * documentation each shape follows.
 */
public enum Adapter {
    /** LiteLLM proxy: the standard logging payload, or a row of its spend logs. */
    LITELLM("litellm", LiteLlm::new),
    /** Langfuse: observations of type GENERATION (other types are not model calls and give no event). */
    LANGFUSE("langfuse", Langfuse::new),
    /** OpenAI organisation usage API: completions usage buckets or their results. */
    OPENAI_USAGE("openai-usage", OpenAiUsage::new),
    /** Azure OpenAI diagnostic logs, category RequestResponse (Azure Monitor resource logs). */
    AZURE_OPENAI("azure-openai", AzureOpenAi::new),
    /** AWS Bedrock model-invocation logs with their input and output bodies. */
    BEDROCK("bedrock", Bedrock::new),
    /** MCP JSON-RPC 2.0 messages, raw (as the stdio transport carries them) or in a log wrapper. */
    MCP("mcp-log", McpLog::new);

    private final String cliName;
    private final Supplier<RecordAdapter> factory;

    Adapter(String cliName, Supplier<RecordAdapter> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    /** The name on the command line, e.g. {@code litellm}. */
    public String cliName() {
        return cliName;
    }

    /** A fresh adapter for one input (the MCP one remembers which request an answer belongs to). */
    public RecordAdapter newAdapter() {
        return factory.get();
    }

    public static Optional<Adapter> byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.cliName.equals(n)).findFirst();
    }

    /** "litellm, langfuse, …" for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Adapter::cliName).collect(Collectors.joining(", "));
    }

    /** Turns records of one input into events; not thread-safe, one per input. */
    public interface RecordAdapter {
        /**
         * The events of one record: usually one; none for a record of the shape that is not a model call (a
         * Langfuse span); several for a record that bundles several (an OpenAI usage bucket).
         *
         * @throws NotThisShape when the record is not of the adapter's shape
         */
        List<ObjectNode> adapt(ObjectNode record) throws NotThisShape;
    }

    /** A record that is not of the adapter's shape; the message says what was missing. */
    public static final class NotThisShape extends Exception {
        private static final long serialVersionUID = 1L;

        public NotThisShape(String message) {
            super(message);
        }
    }
}
