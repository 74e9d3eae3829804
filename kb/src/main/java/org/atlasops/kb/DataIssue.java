package org.atlasops.kb;

import java.util.Objects;

/**
 * Something wrong or odd in the data that the reader handled: where it is, which object, what was done.
 * INFO: harmless (an unknown key ignored); WARNING: a flaw recovered from; ERROR: something had to be left out.
 *
 * @param location {@code file:line:column}, or the file alone when the place is not known
 * @param objectId the ATLAS object concerned, or empty
 */
public record DataIssue(Severity severity, String location, String objectId, String message) {
    public enum Severity {
        INFO,
        WARNING,
        ERROR
    }

    public DataIssue {
        Objects.requireNonNull(severity, "severity");
        location = Objects.requireNonNullElse(location, "");
        objectId = Objects.requireNonNullElse(objectId, "");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (location.isEmpty() ? "" : location + ": ") + severity.name().toLowerCase(java.util.Locale.ROOT) + ": "
                + (objectId.isEmpty() ? "" : objectId + ": ") + message;
    }
}
