package org.atlasops.cli;

import org.atlasops.kb.failure.BadInputException;

/** Bad usage or input found while running a command: printed as one line, exit code 2. */
public class UserException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }
}
