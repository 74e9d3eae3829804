package org.atlasops.assess.review;

import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * One entry keyed by an ATLAS ID that the review carried to the new release (or could not).
 *
 * @param what the kind of entry: "DeTT&CT score", "mitigation in place", "CoSAI mapping"
 * @param to the ID in the new release; empty when the entry could not be carried
 * @param how renamed, moved, replaced by, or why it was dropped
 */
public record CarriedEntry(String what, String label, AtlasId from, Optional<AtlasId> to, String how) {
    public CarriedEntry {
        Objects.requireNonNull(what, "what");
        label = Objects.requireNonNullElse(label, "");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(how, "how");
    }

    public boolean carried() {
        return to.isPresent();
    }
}
