package org.atlasops.emulate.report;

import java.util.List;
import java.util.Objects;

/** One technique's attempts in a run (imports included): how many, how many succeeded, which procedures. */
public record TechniqueResult(
        String technique,
        String tactic,
        int attempts,
        int succeeded,
        int failed,
        int unscorable,
        List<String> procedures) {
    public TechniqueResult {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(tactic, "tactic");
        procedures = List.copyOf(procedures);
    }

    /** Succeeded among the scorable attempts, 0 to 1; 0 when none was scorable. */
    public double successRate() {
        int scorable = succeeded + failed;
        return scorable == 0 ? 0 : (double) succeeded / scorable;
    }
}
