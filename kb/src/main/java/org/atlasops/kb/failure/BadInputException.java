package org.atlasops.kb.failure;

/** Input that cannot be used: a file, an argument, a rule, a layer or a request body. The message says where and how to fix it. */
public class BadInputException extends Failure {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Kind kind() {
        return Kind.BAD_INPUT;
    }
}
