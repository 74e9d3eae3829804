package org.atlasops.server;

import org.atlasops.kb.failure.UnavailableException;

/** The server could not start for a reason the user can fix (a port in use, an address not on this machine). */
public final class ServerStartException extends UnavailableException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
