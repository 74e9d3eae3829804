package org.atlasops.intel.anonymise;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analyst tells the anonymiser: how coarse the date becomes, the names to replace beside those the
 * incident itself gives (organisations, people, products), how target and actor read once generalised (empty: a
 * generalisation is derived), and whether public references stay.
 */
public record Options(
        Coarsen coarsen, List<String> names, Optional<String> target, Optional<String> actor, boolean keepReferences) {
    public static final Options DEFAULT =
            new Options(Coarsen.MONTH, List.of(), Optional.empty(), Optional.empty(), false);

    public Options {
        Objects.requireNonNull(coarsen, "coarsen");
        names = names.stream()
                .map(String::strip)
                .filter(n -> n.length() >= 2)
                .distinct()
                .toList();
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(actor, "actor");
    }
}
