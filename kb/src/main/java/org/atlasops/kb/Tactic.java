package org.atlasops.kb;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A column of the ATLAS matrix: the adversary's goal. */
public record Tactic(
        AtlasId id,
        String name,
        String description,
        Optional<AttackReference> attackReference,
        Optional<LocalDate> created,
        Optional<LocalDate> modified)
        implements AtlasObject {
    public Tactic {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(attackReference, "attackReference");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }

    @Override
    public ObjectType type() {
        return ObjectType.TACTIC;
    }

    /** The shortname STIX and the Navigator use: the name in lower case, spaces as dashes. */
    public String shortname() {
        return shortnameOf(name);
    }

    public static String shortnameOf(String tacticName) {
        return tacticName.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
