package org.atlasops.server.assess;

import java.util.List;
import java.util.Optional;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.Evidence;
import org.atlasops.assess.coverage.TacticCoverage;
import org.atlasops.assess.coverage.TechniqueCoverage;
import org.atlasops.assess.threatmodel.ApplicableTechnique;
import org.atlasops.assess.threatmodel.MitigationStatus;
import org.atlasops.assess.threatmodel.Priority;
import org.atlasops.assess.threatmodel.Reason;
import org.atlasops.assess.threatmodel.Recommendation;
import org.atlasops.assess.threatmodel.ThreatModel;

/** The assessment API's answers; their OpenAPI schemas are generated from these records. */
public final class AssessJson {
    private AssessJson() {}

    /** A threat model: the techniques that apply, by priority, and the mitigations to apply first. */
    public record ThreatModelBody(
            String system,
            String name,
            String release,
            String ruleSet,
            List<Threat> applicable,
            int notApplicable,
            List<Mitigation> mitigations,
            List<String> notes) {
        public ThreatModelBody {
            applicable = List.copyOf(applicable);
            mitigations = List.copyOf(mitigations);
            notes = List.copyOf(notes);
        }

        static ThreatModelBody of(ThreatModel m) {
            return new ThreatModelBody(
                    m.system().id(),
                    m.system().name(),
                    m.atlasVersion(),
                    m.ruleSet(),
                    m.applicable().stream().map(Threat::of).toList(),
                    m.notApplicable().size(),
                    m.recommendations().stream().map(Mitigation::of).toList(),
                    m.notes());
        }
    }

    /** One applicable technique: why it applies (component and attribute), its priority and parts, mitigations. */
    public record Threat(
            String id,
            String name,
            List<String> tactics,
            String maturity,
            double priority,
            String formula,
            List<Part> parts,
            List<Why> reasons,
            List<MitigationState> mitigations) {
        public Threat {
            tactics = List.copyOf(tactics);
            parts = List.copyOf(parts);
            reasons = List.copyOf(reasons);
            mitigations = List.copyOf(mitigations);
        }

        static Threat of(ApplicableTechnique a) {
            return new Threat(
                    a.id().value(),
                    a.name(),
                    a.tactics(),
                    a.maturity(),
                    a.priority().total(),
                    a.priority().formula(),
                    a.priority().parts().stream().map(Part::of).toList(),
                    a.reasons().stream().map(Why::of).toList(),
                    a.mitigations().stream().map(MitigationState::of).toList());
        }
    }

    /** A part of a priority: its value (0 to 1), its weight and the points they make. */
    public record Part(String name, double value, double weight, double points, String detail) {
        static Part of(Priority.Part p) {
            return new Part(p.name(), p.value(), p.weight(), p.points(), p.detail());
        }
    }

    /** The component and attribute that made a technique apply. */
    public record Why(String component, String componentLabel, String attribute, String detail) {
        static Why of(Reason r) {
            return new Why(r.component(), r.componentLabel(), r.attribute(), r.detail());
        }
    }

    /** An ATLAS mitigation of a technique and whether the inventory declares it in place. */
    public record MitigationState(String id, String name, boolean inPlace, String use) {
        static MitigationState of(MitigationStatus m) {
            return new MitigationState(m.id().value(), m.name(), m.inPlace(), m.use());
        }
    }

    /** A mitigation to apply first, by the summed priority of the techniques it addresses, with ATLAS's use text. */
    public record Mitigation(String id, String name, double value, List<Use> uses) {
        public Mitigation {
            uses = List.copyOf(uses);
        }

        static Mitigation of(Recommendation r) {
            return new Mitigation(
                    r.id().value(),
                    r.name(),
                    r.value(),
                    r.uses().stream()
                            .map(u -> new Use(u.technique().value(), u.techniqueName(), u.priority(), u.use()))
                            .toList());
        }
    }

    /** How a mitigation addresses one technique. */
    public record Use(String technique, String techniqueName, double priority, String use) {}

    /** Detection coverage of the applicable techniques, per tactic as a percentage of those that apply. */
    public record CoverageBody(
            String system,
            String name,
            String release,
            int threshold,
            long detected,
            int applicable,
            double percent,
            List<Tactic> tactics,
            List<TechniqueState> techniques,
            List<String> sources,
            List<String> notes) {
        public CoverageBody {
            tactics = List.copyOf(tactics);
            techniques = List.copyOf(techniques);
            sources = List.copyOf(sources);
            notes = List.copyOf(notes);
        }

        static CoverageBody of(Coverage c) {
            return new CoverageBody(
                    c.system(),
                    c.systemName(),
                    c.atlasVersion(),
                    c.threshold(),
                    c.detected(),
                    c.techniques().size(),
                    c.percent(),
                    c.tactics().stream().map(Tactic::of).toList(),
                    c.techniques().stream().map(TechniqueState::of).toList(),
                    c.sources(),
                    c.notes());
        }
    }

    /** One tactic's coverage. */
    public record Tactic(
            String id,
            String name,
            int applicable,
            int detected,
            double percent,
            int visible,
            double visibilityPercent) {
        static Tactic of(TacticCoverage t) {
            return new Tactic(
                    t.id().value(),
                    t.name(),
                    t.applicable(),
                    t.detected(),
                    t.percent(),
                    t.visible(),
                    t.visibilityPercent());
        }
    }

    /** One applicable technique's detection (-1 to 5), visibility (0 to 4), status and evidence. */
    public record TechniqueState(
            String id, String name, String status, int detection, int visibility, List<EvidenceItem> evidence) {
        public TechniqueState {
            evidence = List.copyOf(evidence);
        }

        static TechniqueState of(TechniqueCoverage t) {
            return new TechniqueState(
                    t.id().value(),
                    t.name(),
                    t.status().label(),
                    t.detection(),
                    t.visibility(),
                    t.evidence().stream().map(EvidenceItem::of).toList());
        }
    }

    /** One piece of evidence; the date is left out for evidence that holds now (rules, analyzers). */
    public record EvidenceItem(String kind, int score, Optional<String> date, String label, String detail) {
        static EvidenceItem of(Evidence e) {
            return new EvidenceItem(e.kind().label(), e.score(), e.date().map(Object::toString), e.label(), e.detail());
        }
    }
}
