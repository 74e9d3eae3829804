package org.atlasops.assess.inventory;

import java.util.Objects;

/**
 * A part of the system in the CoSAI vocabulary.
 *
 * @param type the CoSAI component ID, e.g. {@code componentRAGContent}
 * @param name what the team calls it, e.g. "Confluence vector index"
 */
public record Component(String type, String name, int line) {
    public Component {
        Objects.requireNonNull(type, "type");
        name = Objects.requireNonNullElse(name, "");
    }

    /** The team's name, else the CoSAI title. */
    public String label() {
        return name.isBlank() ? CosaiComponents.title(type) : name;
    }
}
