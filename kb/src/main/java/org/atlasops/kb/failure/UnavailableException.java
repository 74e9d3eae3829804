package org.atlasops.kb.failure;

/** Something the program needs cannot be used now: a database, a data directory, a port, a broker. */
public class UnavailableException extends Failure {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
