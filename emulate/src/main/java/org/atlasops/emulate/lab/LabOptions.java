package org.atlasops.emulate.lab;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the lab: the address (loopback unless told otherwise; port 0 picks a free one), the guard, the seed
 * (the same seed gives the same secrets and answers), the sandbox folder (a fresh temporary one when empty) and a file
 * the outbox appends to.
 */
public record LabOptions(String host, int port, Guard guard, long seed, Optional<Path> sandbox, Optional<Path> outbox) {
    public static final long DEFAULT_SEED = 7;

    public LabOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(outbox, "outbox");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port is from 0 to 65535, not " + port);
        }
    }

    /** Loopback, a free port, no guard, the default seed, a temporary sandbox. */
    public static LabOptions defaults() {
        return new LabOptions("127.0.0.1", 0, Guard.NONE, DEFAULT_SEED, Optional.empty(), Optional.empty());
    }

    public LabOptions withGuard(Guard g) {
        return new LabOptions(host, port, g, seed, sandbox, outbox);
    }

    public LabOptions withSeed(long s) {
        return new LabOptions(host, port, guard, s, sandbox, outbox);
    }
}
