package org.atlasops.server;

import java.time.Duration;

/**
 * How long a connection may stay silent, and how slowly a client may send a request body or read an answer, before
 * the server closes it. Without these a client that trickles bytes holds a connection and a thread for as long as it
 * likes (slowloris).
 *
 * @param idleTimeout        a connection with nothing sent or received for this long is closed (an answer the client
 *                           stops reading included)
 * @param minReadBytesPerSec a request body arriving slower than this, on average, is cut off
 */
record ConnectionLimits(Duration idleTimeout, long minReadBytesPerSec) {
    /** 30 s of silence; 16 KiB/s, so the largest body (32 MiB) may take half an hour on a slow link, no longer. */
    static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofSeconds(30), 16 * 1024);

    ConnectionLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || minReadBytesPerSec < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }
}
