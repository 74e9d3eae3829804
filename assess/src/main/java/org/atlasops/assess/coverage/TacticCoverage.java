package org.atlasops.assess.coverage;

import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * Coverage of one tactic, over the techniques that apply to the system (not the whole matrix).
 *
 * @param detected applicable techniques whose detection reaches the threshold (or was proven)
 * @param visible applicable techniques with visibility 1 or more
 */
public record TacticCoverage(AtlasId id, String name, int applicable, int detected, int visible) {
    public TacticCoverage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public double percent() {
        return applicable == 0 ? 0 : Math.round(1000.0 * detected / applicable) / 10.0;
    }

    public double visibilityPercent() {
        return applicable == 0 ? 0 : Math.round(1000.0 * visible / applicable) / 10.0;
    }
}
