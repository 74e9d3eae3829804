package org.atlasops.kb.search;

import java.util.Objects;
import org.atlasops.kb.AtlasObject;

/** One search result: the object, its display name (a sub-technique's includes its parent's) and its score. */
public record SearchHit(AtlasObject object, String displayName, float score) {
    public SearchHit {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(displayName, "displayName");
    }
}
