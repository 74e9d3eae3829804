package org.atlasops.cli;

/** Bad usage or input found while running a command: printed as one line, exit code 2. */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }
}
