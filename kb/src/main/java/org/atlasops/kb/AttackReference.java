package org.atlasops.kb;

import java.util.Objects;

/** The ATT&amp;CK object an ATLAS object was adapted from, e.g. {@code T1596}. */
public record AttackReference(String id, String url) {
    public AttackReference {
        Objects.requireNonNull(id, "id");
        url = Objects.requireNonNullElse(url, "");
    }
}
