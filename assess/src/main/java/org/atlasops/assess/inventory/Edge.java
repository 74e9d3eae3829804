package org.atlasops.assess.inventory;

import java.util.Objects;

/**
 * A flow between two listed components (data, prompts, calls), as in CoSAI's component diagram.
 *
 * @param from the name of the component it starts at (its CoSAI type when the component has no name)
 * @param to the name of the component it ends at, the same way
 * @param line where the inventory declares it
 */
public record Edge(String from, String to, int line) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isBlank() || to.isBlank()) {
            throw new IllegalArgumentException("an edge needs both ends");
        }
    }
}
