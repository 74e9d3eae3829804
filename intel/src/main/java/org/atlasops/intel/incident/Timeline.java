package org.atlasops.intel.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When the SOC saw what: first evidence, detected, acknowledged, contained, resolved. Internal: never part of what
 * is shared. Each moment is optional; those given must come in this order.
 */
public record Timeline(
        Optional<Instant> firstEvidence,
        Optional<Instant> detected,
        Optional<Instant> acknowledged,
        Optional<Instant> contained,
        Optional<Instant> resolved) {
    public static final Timeline EMPTY =
            new Timeline(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Timeline {
        Objects.requireNonNull(firstEvidence, "firstEvidence");
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(acknowledged, "acknowledged");
        Objects.requireNonNull(contained, "contained");
        Objects.requireNonNull(resolved, "resolved");
    }

    /** The moments by their field names, in order, the missing ones left out. */
    public Map<String, Instant> moments() {
        Map<String, Instant> m = new LinkedHashMap<>();
        firstEvidence.ifPresent(v -> m.put("first_evidence", v));
        detected.ifPresent(v -> m.put("detected", v));
        acknowledged.ifPresent(v -> m.put("acknowledged", v));
        contained.ifPresent(v -> m.put("contained", v));
        resolved.ifPresent(v -> m.put("resolved", v));
        return m;
    }

    /** One message per moment that comes before an earlier one. */
    public List<String> orderProblems() {
        List<String> problems = new ArrayList<>();
        String previousName = null;
        Instant previous = null;
        for (Map.Entry<String, Instant> e : moments().entrySet()) {
            if (previous != null && e.getValue().isBefore(previous)) {
                problems.add("timeline." + e.getKey() + ": " + e.getValue() + " is before " + previousName + " ("
                        + previous + "); the order is first_evidence, detected, acknowledged, contained, resolved");
            }
            previousName = e.getKey();
            previous = e.getValue();
        }
        return problems;
    }
}
