package org.atlasops.intel.mapping;

import java.util.Objects;
import org.atlasops.kb.AtlasId;

/** A technique a record involves, whether that is official or inferred, and why. */
public record Suggestion(AtlasId technique, Basis basis, String reason) {
    public Suggestion {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(basis, "basis");
        reason = Objects.requireNonNullElse(reason, "");
    }

    public static Suggestion official(AtlasId technique, String reason) {
        return new Suggestion(technique, Basis.OFFICIAL, reason);
    }
}
