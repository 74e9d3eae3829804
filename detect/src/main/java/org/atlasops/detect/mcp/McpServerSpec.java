package org.atlasops.detect.mcp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One MCP server as a client configuration declares it: its name, the client and file that declare it, and how to
 * reach it (a command to start and talk to over stdio, or a URL for streamable HTTP).
 */
public record McpServerSpec(String name, String client, Path source, Transport transport) {
    public sealed interface Transport permits Stdio, Http {}

    /** A local process spoken to over stdin/stdout. */
    public record Stdio(String command, List<String> args, Map<String, String> env) implements Transport {
        public Stdio {
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }

        @Override
        public String toString() {
            return command + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }
    }

    /** A remote server over streamable HTTP (or the older HTTP+SSE, which the same URL usually also serves). */
    public record Http(String url, Map<String, String> headers) implements Transport {
        public Http {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            return url;
        }
    }

    public McpServerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(transport, "transport");
    }
}
