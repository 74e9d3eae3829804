package org.atlasops.intel.taxii;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who sends a TAXII request: a user of the server with the roles their role includes (an analyst holds
 * {@code analyst} and {@code viewer}), or nobody.
 */
public record Requester(Optional<String> user, Set<String> roles) {
    public static final Requester ANONYMOUS = new Requester(Optional.empty(), Set.of());

    public Requester {
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
    }

    public static Requester user(String name, Set<String> roles) {
        return new Requester(Optional.of(name), roles);
    }

    public boolean admin() {
        return roles.contains("admin");
    }

    /** The name the audit log and status resources keep. */
    public String name() {
        return user.orElse("anonymous");
    }

    /** True when one of the grants ({@code user:NAME}, {@code role:ROLE}) names this requester. */
    boolean granted(Set<String> grants) {
        if (user.isEmpty()) {
            return false;
        }
        if (grants.contains("user:" + user.get())) {
            return true;
        }
        return roles.stream().anyMatch(r -> grants.contains("role:" + r));
    }
}
