package org.atlasops.intel.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STIX 2.1 bundle: its ID and its objects, as JSON trees. What an incident export produces and what a TAXII push
 * sends (as an envelope's {@code objects}).
 */
public record StixBundle(String id, List<ObjectNode> objects) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StixBundle {
        Objects.requireNonNull(id, "id");
        if (!id.startsWith("bundle--")) {
            throw new IllegalArgumentException("a bundle ID starts with bundle--, was " + id);
        }
        objects = objects.stream().map(ObjectNode::deepCopy).toList();
    }

    /** The objects of a type, in bundle order. */
    public List<ObjectNode> ofType(String type) {
        return objects.stream()
                .filter(o -> type.equals(o.path("type").asText()))
                .toList();
    }

    public Optional<ObjectNode> find(String objectId) {
        return objects.stream()
                .filter(o -> objectId.equals(o.path("id").asText()))
                .findFirst();
    }

    /** {@code {"type": "bundle", "id": ..., "objects": [...]}}. */
    public ObjectNode toJson() {
        ObjectNode b = JSON.createObjectNode();
        b.put("type", "bundle");
        b.put("id", id);
        objects.forEach(b.putArray("objects")::add);
        return b;
    }

    /** Pretty-printed, deterministic JSON text. */
    public String toJsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
