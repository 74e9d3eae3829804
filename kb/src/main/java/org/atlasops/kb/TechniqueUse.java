package org.atlasops.kb;

import java.util.Objects;

/** A mitigation's link to a technique, with the text saying how the mitigation applies to it. */
public record TechniqueUse(AtlasId techniqueId, String use) {
    public TechniqueUse {
        Objects.requireNonNull(techniqueId, "techniqueId");
        use = Objects.requireNonNullElse(use, "").strip();
    }
}
