package org.atlasops.store;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: viewers read team data, analysts also change it, admins also manage users. */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    /** True when this role includes everything {@code needed} may do. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
