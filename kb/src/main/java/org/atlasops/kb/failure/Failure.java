package org.atlasops.kb.failure;

/**
 * A failure whose message is written for the user: it names the input, the place, the rule broken and the fix. The
 * subclass says which kind it is; callers that map failures to exit codes or HTTP answers switch on {@link #kind()}.
 */
public abstract class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with its own subclass. */
    public enum Kind {
        /** The input (a file, an argument, a request) is wrong; the user can fix it. */
        BAD_INPUT,
        /** The input names something that does not exist. */
        NOT_FOUND,
        /** The request clashes with the current state (a newer revision, a name taken). */
        CONFLICT,
        /** Something the program needs (a database, a directory, a port) cannot be used right now. */
        UNAVAILABLE
    }

    Failure(String message) {
        super(message);
    }

    Failure(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();
}
