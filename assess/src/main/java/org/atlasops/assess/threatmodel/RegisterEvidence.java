package org.atlasops.assess.threatmodel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atlasops.intel.incident.Incident;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.ProcedureStep;

/**
 * The team's incident register as real-world evidence: how many incidents used a technique in their procedure (an
 * incident counts once per technique; a parent counts the incidents of its sub-techniques too, each once).
 */
public final class RegisterEvidence implements EvidenceCounts {
    private final Map<AtlasId, Integer> counts;

    private RegisterEvidence(Map<AtlasId, Integer> counts) {
        this.counts = Map.copyOf(counts);
    }

    public static RegisterEvidence of(List<Incident> incidents) {
        Map<AtlasId, Integer> counts = new HashMap<>();
        for (Incident i : incidents) {
            Set<AtlasId> ids = new HashSet<>();
            for (ProcedureStep s : i.study().procedure()) {
                ids.add(s.techniqueId());
                s.techniqueId().parent().ifPresent(ids::add);
            }
            ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        return new RegisterEvidence(counts);
    }

    @Override
    public String label() {
        return "incidents in the register";
    }

    @Override
    public int count(AtlasId technique) {
        return counts.getOrDefault(technique, 0);
    }
}
