package org.atlasops.kb.diff;

import java.util.List;
import java.util.Objects;

/**
 * One changed field of an object. For list-valued fields ({@code tactics}, {@code techniques} of a mitigation,
 * {@code procedure}) {@code added} and {@code removed} say which items changed; for text they are empty.
 */
public record FieldChange(String field, String before, String after, List<String> added, List<String> removed) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
        before = Objects.requireNonNullElse(before, "");
        after = Objects.requireNonNullElse(after, "");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    static FieldChange text(String field, String before, String after) {
        return new FieldChange(field, before, after, List.of(), List.of());
    }
}
