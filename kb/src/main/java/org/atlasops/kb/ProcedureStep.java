package org.atlasops.kb;

import java.util.Objects;

/** One step of a case study: the tactic pursued, the technique used and what happened. */
public record ProcedureStep(AtlasId tacticId, AtlasId techniqueId, String description) {
    public ProcedureStep {
        Objects.requireNonNull(tacticId, "tacticId");
        Objects.requireNonNull(techniqueId, "techniqueId");
        description = Objects.requireNonNullElse(description, "");
    }
}
