package org.atlasops.detect.mcp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/** Something the MCP scan found, with its ATLAS techniques, how bad it is, and the evidence. */
public record McpFinding(
        Kind kind,
        Severity severity,
        String server,
        Optional<String> tool,
        List<AtlasId> techniques,
        String title,
        List<String> evidence) {
    public enum Kind {
        TOOL_POISONING,
        CROSS_SERVER_SHADOWING,
        RUG_PULL,
        TOXIC_FLOW,
        UNREACHABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Severity> parse(String text) {
            for (Severity s : values()) {
                if (s.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public McpFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
        techniques = List.copyOf(techniques);
        Objects.requireNonNull(title, "title");
        evidence = List.copyOf(evidence);
    }
}
