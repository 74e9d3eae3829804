package org.atlasops.kb.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.ObjectType;

/** How one object (keyed by its ATLAS ID) differs between two releases. */
public record ObjectChange(
        AtlasId id, ObjectType type, Kind kind, String oldName, String newName, List<FieldChange> fields) {
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    public ObjectChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        oldName = Objects.requireNonNullElse(oldName, "");
        newName = Objects.requireNonNullElse(newName, "");
        fields = List.copyOf(fields);
    }

    public boolean renamed() {
        return kind == Kind.CHANGED && !oldName.equals(newName);
    }

    public Optional<FieldChange> field(String name) {
        return fields.stream().filter(f -> f.field().equals(name)).findFirst();
    }
}
