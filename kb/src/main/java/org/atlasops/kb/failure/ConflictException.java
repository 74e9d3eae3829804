package org.atlasops.kb.failure;

/** The request clashes with the current state, e.g. a layer saved since it was read, or a name already taken. */
public class ConflictException extends Failure {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.CONFLICT;
    }
}
