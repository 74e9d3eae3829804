package org.atlasops.assess.inventory;

/** Who can reach the system. */
public enum Exposure {
    PUBLIC,
    INTERNAL;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
