package org.atlasops.kb;

import org.atlasops.kb.failure.BadInputException;

/** Input that cannot be read as ATLAS data. The message names the file, the place and the rule broken. */
public class AtlasDataException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public AtlasDataException(String message) {
        super(message);
    }

    public AtlasDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
