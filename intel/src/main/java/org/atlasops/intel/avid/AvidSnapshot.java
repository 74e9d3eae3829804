package org.atlasops.intel.avid;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The AVID records read from one source, the flaws found on the way, and where they came from. */
public record AvidSnapshot(String source, List<AvidRecord> records, List<AvidFlaw> flaws) {
    /** AVID's data licence, kept with every hit. */
    public static final String LICENCE = "MIT (AVID, avidml/avid-db)";

    public AvidSnapshot {
        Objects.requireNonNull(source, "source");
        records = List.copyOf(records);
        flaws = List.copyOf(flaws);
    }

    public Map<AvidFlaw.Kind, Integer> flawCounts() {
        Map<AvidFlaw.Kind, Integer> m = new EnumMap<>(AvidFlaw.Kind.class);
        flaws.forEach(f -> m.merge(f.kind(), 1, Integer::sum));
        return m;
    }

    /** How many records each data version has ({@code 0.1}, ..., {@code none}). */
    public Map<String, Integer> versions() {
        Map<String, Integer> m = new TreeMap<>();
        records.forEach(r -> m.merge(r.dataVersion(), 1, Integer::sum));
        return m;
    }
}
