package org.atlasops.server.auth;

import org.atlasops.store.Role;

/** Who may call an endpoint or open a page. */
public enum Access {
    /** Anyone: the public ATLAS knowledge base. */
    PUBLIC(null),
    /** Team data to read: a viewer at least, or anyone when anonymous reading is switched on. */
    TEAM_READ(Role.VIEWER),
    /** Changes to team data. */
    ANALYST(Role.ANALYST),
    /** Users, tokens of others, the audit log. */
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role that passes; empty for public access. */
    public java.util.Optional<Role> role() {
        return java.util.Optional.ofNullable(role);
    }
}
