package org.atlasops.assess.inventory;

import java.util.Objects;

/** One flaw of an inventory file: where, which field, what is wrong and how to fix it. */
public record InventoryProblem(String file, int line, int column, String field, String message) {
    public InventoryProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
