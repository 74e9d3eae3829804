package org.atlasops.emulate.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;

/**
 * A target as the command line names it: a kind ({@code openai}, {@code http}, {@code mcp}, {@code model-api},
 * {@code agent}, {@code lab}) and its options by name without dashes ({@code base-url}, {@code model}, ...). An option
 * may be given more than once ({@code mcp} for an agent's servers). {@link Targets#open} checks them.
 */
public record TargetSpec(String kind, Map<String, List<String>> options) {
    public TargetSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new BadInputException("--target is empty; name a kind: " + String.join(", ", Targets.KINDS));
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        options = Map.copyOf(copy);
    }

    /** A spec with single-valued options. */
    public static TargetSpec of(String kind, Map<String, String> options) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        options.forEach((k, v) -> m.put(k, List.of(v)));
        return new TargetSpec(kind, m);
    }

    /** The option's value; more than one is a mistake for a single-valued option. */
    public Optional<String> option(String name) {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadInputException(
                    "option " + name + " is given " + values.size() + " times for --target " + kind + "; give it once");
        }
        return values.stream().findFirst();
    }

    /** The option's value, or a bad-input failure that names the option and the target kind. */
    public String required(String name, String example) {
        return option(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new BadInputException("option " + name + " is required for --target " + kind
                        + " (e.g. " + name + "=" + example + ")"));
    }

    /** Every value of a repeatable option, in the order given. */
    public List<String> all(String name) {
        return new ArrayList<>(options.getOrDefault(name, List.of()));
    }
}
