package org.atlasops.navigator;

import java.util.Objects;

/**
 * Something wrong with a layer: where (file, layer, JSON path and technique), what rule it breaks and how to fix
 * it. Errors mean part of the layer could not be used; warnings mean it was used but may not mean what the author
 * meant; info notes a repair (such as merged duplicates).
 */
public record LayerIssue(Severity severity, String where, String message) {
    public enum Severity {
        INFO,
        WARNING,
        ERROR
    }

    public LayerIssue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return where + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
