package org.atlasops.assess.inventory;

import java.util.Objects;
import org.atlasops.kb.AtlasId;

/** An ATLAS mitigation the team has in place, with how (optional). */
public record DeclaredMitigation(AtlasId id, String note, int line) {
    public DeclaredMitigation {
        Objects.requireNonNull(id, "id");
        note = Objects.requireNonNullElse(note, "");
    }
}
