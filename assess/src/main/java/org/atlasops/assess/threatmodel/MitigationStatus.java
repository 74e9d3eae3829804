package org.atlasops.assess.threatmodel;

import java.util.Objects;
import org.atlasops.kb.AtlasId;

/** An ATLAS mitigation of a technique, whether the system has it, and how it applies to the technique. */
public record MitigationStatus(AtlasId id, String name, boolean inPlace, String use) {
    public MitigationStatus {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        use = Objects.requireNonNullElse(use, "");
    }
}
