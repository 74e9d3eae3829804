package org.atlasops.assess.threatmodel;

import java.util.List;
import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * A technique that applies to the system: why (the rule's sentence and the reasons that held), how urgent, its
 * mitigations and the CoSAI risks behind it.
 *
 * @param tactics the tactics' names (a sub-technique's are its parent's)
 */
public record ApplicableTechnique(
        AtlasId id,
        String name,
        List<String> tactics,
        String maturity,
        String why,
        List<Reason> reasons,
        Priority priority,
        List<MitigationStatus> mitigations,
        List<String> cosaiRisks) {
    public ApplicableTechnique {
        Objects.requireNonNull(id, "id");
        tactics = List.copyOf(tactics);
        maturity = Objects.requireNonNullElse(maturity, "");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(priority, "priority");
        mitigations = List.copyOf(mitigations);
        cosaiRisks = List.copyOf(cosaiRisks);
    }
}
