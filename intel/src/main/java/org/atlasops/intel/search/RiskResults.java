package org.atlasops.intel.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link RiskQuery}: how many records match, the best of them, and the facet counts over all matches
 * ({@code source}, {@code technique}, {@code tactic}, {@code maturity}, {@code system}, {@code year}), each map
 * ordered by count.
 */
public record RiskResults(int total, List<RiskHit> hits, Map<String, Map<String, Integer>> facets) {
    public RiskResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }
}
