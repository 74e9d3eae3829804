package org.atlasops.assess.coverage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * Detection coverage of one system: per applicable technique, per tactic, and over time.
 *
 * @param threshold the detection score from which a technique counts as detected
 * @param sources the names of the evidence sources used
 * @param dataSources the data sources of a DeTT&CT data sources file that are available for analytics (empty when
 *     none was given)
 */
public record Coverage(
        String system,
        String systemName,
        String atlasVersion,
        int threshold,
        List<TechniqueCoverage> techniques,
        List<TacticCoverage> tactics,
        List<TrendPoint> trend,
        List<String> sources,
        List<String> dataSources,
        List<String> notes) {
    public Coverage {
        Objects.requireNonNull(system, "system");
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
        trend = List.copyOf(trend);
        sources = List.copyOf(sources);
        dataSources = List.copyOf(dataSources);
        notes = List.copyOf(notes);
    }

    public Optional<TechniqueCoverage> technique(AtlasId id) {
        return techniques.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public long detected() {
        return techniques.stream().filter(t -> t.status().covered()).count();
    }

    public double percent() {
        return techniques.isEmpty() ? 0 : Math.round(1000.0 * detected() / techniques.size()) / 10.0;
    }
}
