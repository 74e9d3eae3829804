package org.atlasops.intel.search;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.failure.BadInputException;

/**
 * A search of the AI risk database: words (may be empty), and filters: technique (its sub-techniques included),
 * tactic, maturity, sources, affected model or system, date range; at most {@code limit} hits.
 */
public record RiskQuery(
        String text,
        Optional<AtlasId> technique,
        Optional<AtlasId> tactic,
        Optional<String> maturity,
        Set<String> sources,
        Optional<String> system,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        int limit) {
    public static final int MAX_LIMIT = 1000;

    public RiskQuery {
        text = Objects.requireNonNullElse(text, "").strip();
        if (text.length() > 500) {
            throw new BadInputException("the query is longer than 500 characters");
        }
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(maturity, "maturity");
        sources = Set.copyOf(sources);
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadInputException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Words only, the first 20 hits. */
    public static RiskQuery of(String text) {
        return new RiskQuery(
                text,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                20);
    }

    public RiskQuery withTechnique(AtlasId t) {
        return new RiskQuery(text, Optional.of(t), tactic, maturity, sources, system, from, to, limit);
    }

    public RiskQuery withSources(Set<String> s) {
        return new RiskQuery(text, technique, tactic, maturity, s, system, from, to, limit);
    }

    public RiskQuery withLimit(int l) {
        return new RiskQuery(text, technique, tactic, maturity, sources, system, from, to, l);
    }
}
