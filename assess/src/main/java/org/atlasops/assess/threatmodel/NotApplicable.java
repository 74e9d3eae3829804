package org.atlasops.assess.threatmodel;

import java.util.Objects;
import org.atlasops.kb.AtlasId;

/** A technique the rules leave out for this system, with the condition that did not hold. */
public record NotApplicable(AtlasId id, String name, String condition) {
    public NotApplicable {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        condition = Objects.requireNonNullElse(condition, "");
    }
}
