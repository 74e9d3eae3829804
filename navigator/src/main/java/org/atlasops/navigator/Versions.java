package org.atlasops.navigator;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code versions} object: layer format, Navigator and (for ATT&CK) dataset version, as the file said them.
 * Legacy 3.0 files had only a top-level {@code version}; they read as layer "3.0" with no Navigator version.
 */
public record Versions(String layer, Optional<String> navigator, Optional<String> attack) {
    /** What atlas-ops writes: layer format 4.5, Navigator 5.1.0 (the release that defined 4.5). */
    public static final Versions CURRENT = new Versions("4.5", Optional.of("5.1.0"), Optional.empty());

    public Versions {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(navigator, "navigator");
        Objects.requireNonNull(attack, "attack");
    }
}
