package org.atlasops.assess.review;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.threatmodel.ThreatModel;

/**
 * The review of one system from one release to another.
 *
 * @param carriedManual the DeTT&CT file with its techniques carried to the new release's IDs and names
 * @param coverageBefore coverage in the older release (when evidence was given)
 */
public record ReleaseReview(
        String from,
        String to,
        ThreatModel before,
        ThreatModel after,
        List<TechniqueChange> techniques,
        List<MitigationChange> mitigations,
        List<CarriedEntry> carried,
        Optional<TechniqueAdministration> carriedManual,
        Optional<Coverage> coverageBefore,
        Optional<Coverage> coverageAfter) {
    public ReleaseReview {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        techniques = List.copyOf(techniques);
        mitigations = List.copyOf(mitigations);
        carried = List.copyOf(carried);
        Objects.requireNonNull(carriedManual, "carriedManual");
        Objects.requireNonNull(coverageBefore, "coverageBefore");
        Objects.requireNonNull(coverageAfter, "coverageAfter");
    }

    public List<TechniqueChange> of(TechniqueChange.Kind kind) {
        return techniques.stream().filter(t -> t.kind() == kind).toList();
    }

    /** New techniques that apply to the system. */
    public List<TechniqueChange> newThatApply() {
        return techniques.stream()
                .filter(t -> t.kind() == TechniqueChange.Kind.ADDED && t.appliesAfter())
                .toList();
    }
}
