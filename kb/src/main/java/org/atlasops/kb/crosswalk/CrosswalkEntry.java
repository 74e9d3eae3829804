package org.atlasops.kb.crosswalk;

import java.util.Objects;

/**
 * One link of the crosswalk, seen from the ID that was looked up: the framework and ID at the other end, its
 * title, and what joins them ({@code via}: a CoSAI risk or control, or an ATLAS object's ATT&amp;CK reference).
 *
 * @param inRelease false when {@code id} is an ATLAS ID that the release in use does not have
 */
public record CrosswalkEntry(Framework framework, String id, String title, String via, boolean inRelease) {
    public CrosswalkEntry {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(id, "id");
        title = Objects.requireNonNullElse(title, "");
        via = Objects.requireNonNullElse(via, "");
    }
}
