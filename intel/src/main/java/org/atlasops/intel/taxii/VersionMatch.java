package org.atlasops.intel.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** One value of {@code match[version]}: the first version of each object, the last, all, or the one of a timestamp. */
public sealed interface VersionMatch {
    /** The oldest version of each object. */
    record First() implements VersionMatch {}

    /** The newest version of each object (the default). */
    record Last() implements VersionMatch {}

    /** Every version. */
    record All() implements VersionMatch {}

    /** The version whose timestamp is exactly this one. */
    record At(Instant version) implements VersionMatch {
        public At {
            Objects.requireNonNull(version, "version");
        }
    }

    VersionMatch FIRST = new First();
    VersionMatch LAST = new Last();
    VersionMatch ALL = new All();

    /** Parses a comma-separated {@code match[version]} value; a bad entry is a 400 naming it. */
    static List<VersionMatch> parse(String text) {
        List<VersionMatch> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            switch (p.toLowerCase(Locale.ROOT)) {
                case "first" -> out.add(FIRST);
                case "last" -> out.add(LAST);
                case "all" -> out.add(ALL);
                default ->
                    out.add(new At(Timestamps.parse(p)
                            .orElseThrow(() -> TaxiiException.badRequest("match[version] value '" + p
                                    + "' is not first, last, all or an RFC 3339 timestamp such as "
                                    + "2026-01-30T00:00:00.000Z"))));
            }
        }
        return List.copyOf(out);
    }
}
