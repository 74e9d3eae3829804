package org.atlasops.intel.taxii;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A collection the team keeps: who may read it and who may write to it, as grants {@code user:NAME} or
 * {@code role:ROLE} (a role grant covers the roles above it, since their holders hold it too).
 */
public record TeamCollection(
        String id, String title, String description, Optional<String> alias, Set<String> readers, Set<String> writers) {
    public TeamCollection {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw TaxiiException.badRequest("collection ID '" + id + "' is not a lower-case UUID");
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            throw TaxiiException.badRequest("a collection needs a title of 1 to 200 characters");
        }
        description = description == null ? "" : description;
        alias = alias == null ? Optional.empty() : alias.filter(a -> !a.isBlank());
        alias.ifPresent(a -> {
            if (!a.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw TaxiiException.badRequest("alias '" + a + "' must be 1 to 64 lower-case letters, digits, dots, "
                        + "dashes or underscores");
            }
        });
        readers = Set.copyOf(readers);
        writers = Set.copyOf(writers);
        for (String g : union(readers, writers)) {
            if (!g.matches("(user:[A-Za-z0-9._-]{1,64}|role:(viewer|analyst|admin))")) {
                throw TaxiiException.badRequest("grant '" + g + "' is not user:NAME or role:viewer|analyst|admin");
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
