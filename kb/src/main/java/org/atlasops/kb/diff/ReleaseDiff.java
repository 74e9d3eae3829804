package org.atlasops.kb.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.ObjectType;

/**
 * Everything that differs between two releases, keyed on object IDs and the releases' {@code version} fields.
 *
 * @param tacticOrderChanged the matrix column order differs (beyond tactics added or removed)
 * @param successors for a removed object, an added object with the same name, when there is one
 *                   (AML.T0045 became AML.T0048.004 in 4.5.0)
 */
public record ReleaseDiff(
        String oldVersion,
        String newVersion,
        List<ObjectChange> changes,
        boolean tacticOrderChanged,
        List<AtlasId> oldTacticOrder,
        List<AtlasId> newTacticOrder,
        java.util.Map<AtlasId, AtlasId> successors) {
    public ReleaseDiff {
        Objects.requireNonNull(oldVersion, "oldVersion");
        Objects.requireNonNull(newVersion, "newVersion");
        changes = List.copyOf(changes);
        oldTacticOrder = List.copyOf(oldTacticOrder);
        newTacticOrder = List.copyOf(newTacticOrder);
        successors = java.util.Map.copyOf(successors);
    }

    public List<ObjectChange> of(ObjectType type, ObjectChange.Kind kind) {
        return changes.stream()
                .filter(c -> c.type() == type && c.kind() == kind)
                .toList();
    }

    public Optional<ObjectChange> change(AtlasId id) {
        return changes.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The change of the object with the ID in this text ({@link AtlasId#tryParse}); empty for no ID. */
    public Optional<ObjectChange> change(String id) {
        return AtlasId.tryParse(id).flatMap(this::change);
    }

    public boolean isEmpty() {
        return changes.isEmpty() && !tacticOrderChanged;
    }
}
