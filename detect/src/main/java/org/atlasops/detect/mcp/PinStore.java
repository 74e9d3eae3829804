package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.files.AtomicFiles;

/**
 * Pins of MCP tool signatures: per server and tool, the SHA-256 of the whole signature (name, description, input
 * schema, annotations) and the signature itself, so a change can be shown as a diff. Kept as JSON in the data
 * directory ({@code mcp-pins.json}), written atomically.
 */
public final class PinStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final ObjectNode pins;

    private PinStore(Path file, ObjectNode pins) {
        this.file = file;
        this.pins = pins;
    }

    public static PinStore open(Path file) {
        if (!Files.exists(file)) {
            return new PinStore(file, JSON.createObjectNode());
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException(file + ": not a pin file (a JSON object of servers); move it away "
                        + "and pin again with 'atlas-ops mcp pin'");
            }
            return new PinStore(file, o);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": cannot read the pins: " + e.getMessage() + "; move it away "
                            + "and pin again with 'atlas-ops mcp pin'",
                    e);
        }
    }

    public boolean isEmpty() {
        return pins.isEmpty();
    }

    public boolean hasServer(String server) {
        return pins.has(server);
    }

    /** A difference between the pinned tools of a server and what it offers now. */
    public record Change(String server, String tool, String what, Optional<String> before, Optional<String> after) {}

    /** The tools added, removed or changed since this server was pinned; empty when it never was. */
    public List<Change> compare(McpInventory inventory) {
        String server = inventory.server().name();
        List<Change> changes = new ArrayList<>();
        JsonNode pinned = pins.get(server);
        if (pinned == null) {
            return changes;
        }
        for (McpInventory.Tool t : inventory.tools()) {
            JsonNode p = pinned.get(t.name());
            String signature = t.signature();
            if (p == null) {
                changes.add(new Change(server, t.name(), "added", Optional.empty(), Optional.of(signature)));
            } else if (!p.path("sha256").asText().equals(Canonical.sha256(signature))) {
                changes.add(new Change(
                        server,
                        t.name(),
                        "changed",
                        Optional.of(p.path("signature").asText()),
                        Optional.of(signature)));
            }
        }
        for (Iterator<String> it = pinned.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (inventory.tools().stream().noneMatch(t -> t.name().equals(name))) {
                changes.add(new Change(
                        server,
                        name,
                        "removed",
                        Optional.of(pinned.get(name).path("signature").asText()),
                        Optional.empty()));
            }
        }
        return changes;
    }

    /** Pins what the server offers now, replacing its earlier pins. */
    public void pin(McpInventory inventory) {
        ObjectNode server = pins.putObject(inventory.server().name());
        for (McpInventory.Tool t : inventory.tools()) {
            String signature = t.signature();
            server.putObject(t.name())
                    .put("sha256", Canonical.sha256(signature))
                    .put("signature", signature);
        }
    }

    public void save() {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pins));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("pins cannot be written as JSON", e);
        }
    }
}
