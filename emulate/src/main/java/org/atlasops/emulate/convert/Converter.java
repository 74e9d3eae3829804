package org.atlasops.emulate.convert;

import java.util.Optional;
import java.util.Random;

/**
 * One transformation of a prompt before it is sent (an encoding, an obfuscation, a wrapper). Converters compose in
 * a {@link ConverterChain}. Those that choose at random take the attempt's {@link Random}, so the same seed gives the
 * same text.
 */
public interface Converter {
    /** The name as written in a procedure, e.g. {@code base64} or {@code translate:fr}. */
    String name();

    String apply(String text, Random random);

    /** The original text back, for converters that can be undone (used by tests and by reports). */
    default Optional<String> reverse(String converted) {
        return Optional.empty();
    }
}
