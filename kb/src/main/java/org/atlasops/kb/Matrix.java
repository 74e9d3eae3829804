package org.atlasops.kb;

import java.util.List;
import java.util.Objects;

/** A matrix: its tactic IDs in column order. */
public record Matrix(String id, String name, List<AtlasId> tacticIds) {
    public Matrix {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        tacticIds = List.copyOf(tacticIds);
    }
}
