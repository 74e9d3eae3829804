package org.atlasops.kb.failure;

/** The input names an object, file or record that does not exist. */
public class NotFoundException extends Failure {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.NOT_FOUND;
    }
}
