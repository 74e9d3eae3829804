package org.atlasops.kb.details;

import java.util.Objects;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;

/**
 * One step of a case study's procedure, its tactic and technique resolved in the release.
 *
 * @param number 1-based position in the procedure
 */
public record Step(int number, Related<Tactic> tactic, Related<Technique> technique, String description) {
    public Step {
        if (number < 1) {
            throw new IllegalArgumentException("step numbers start at 1, was " + number);
        }
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(technique, "technique");
        description = Objects.requireNonNullElse(description, "");
    }
}
