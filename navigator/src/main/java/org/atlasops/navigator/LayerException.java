package org.atlasops.navigator;

import org.atlasops.kb.failure.BadInputException;

/** A layer, expression or request that cannot be used at all; the message says where and how to fix it. */
public class LayerException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public LayerException(String message) {
        super(message);
    }

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
