package org.atlasops.kb.details;

import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;

/**
 * An object that other data names by ID: the object itself when the release has it, and the name ATLAS shows for
 * it (a sub-technique's with its parent's: "LLM Prompt Injection: Direct"). Data may name IDs a release lacks
 * (a mitigation link to a retired technique); such a reference keeps its ID and has no object.
 */
public record Related<T extends AtlasObject>(AtlasId id, Optional<T> object, String displayName) {
    public Related {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(object, "object");
        displayName = Objects.requireNonNullElse(displayName, "");
    }

    public boolean inRelease() {
        return object.isPresent();
    }

    /** The object's own name, empty when the release does not have it. */
    public String name() {
        return object.map(AtlasObject::name).orElse("");
    }
}
