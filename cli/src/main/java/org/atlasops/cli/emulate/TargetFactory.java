package org.atlasops.cli.emulate;

import java.util.Map;
import org.atlasops.emulate.target.Target;

/**
 * Makes a {@link Target} from {@code --target NAME} and {@code --target-option KEY=VALUE}s. The built-in factories
 * are listed in {@link Targets}; more come through {@link java.util.ServiceLoader} (tests plug a fake target in so).
 */
public interface TargetFactory {
    /** The name after {@code --target}, e.g. {@code lab} or {@code openai}. */
    String name();

    /** One line for {@code --help} and errors: what it is and the options it takes. */
    String help();

    /**
     * @throws org.atlasops.kb.failure.BadInputException naming the option that is missing or wrong
     */
    Target open(Map<String, String> options);
}
