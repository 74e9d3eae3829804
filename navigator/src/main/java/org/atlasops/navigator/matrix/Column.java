package org.atlasops.navigator.matrix;

import java.util.List;
import java.util.Objects;
import org.atlasops.kb.Tactic;

/** One tactic of the matrix with its visible techniques, sorted as the layer asks. */
public record Column(Tactic tactic, List<Cell> cells) {
    public Column {
        Objects.requireNonNull(tactic, "tactic");
        cells = List.copyOf(cells);
    }

    /** Rows the column takes when drawn: each parent, plus its sub-techniques when expanded. */
    public int rowCount() {
        return cells.stream()
                .mapToInt(c -> 1 + (c.expanded() ? c.subTechniques().size() : 0))
                .sum();
    }
}
