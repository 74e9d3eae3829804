package org.atlasops.assess.threatmodel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.kb.AtlasId;

/**
 * The threat model of one system for one ATLAS release: applicable techniques by priority (highest first), those
 * left out with their condition, the mitigations to apply first, and notes (rule set mismatches).
 */
public record ThreatModel(
        SystemInventory system,
        String atlasVersion,
        String ruleSet,
        Weights weights,
        List<ApplicableTechnique> applicable,
        List<NotApplicable> notApplicable,
        List<Recommendation> recommendations,
        List<String> notes) {
    public ThreatModel {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(atlasVersion, "atlasVersion");
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(weights, "weights");
        applicable = List.copyOf(applicable);
        notApplicable = List.copyOf(notApplicable);
        recommendations = List.copyOf(recommendations);
        notes = List.copyOf(notes);
    }

    public Optional<ApplicableTechnique> find(AtlasId technique) {
        return applicable.stream().filter(a -> a.id().equals(technique)).findFirst();
    }

    public boolean applies(AtlasId technique) {
        return find(technique).isPresent();
    }
}
