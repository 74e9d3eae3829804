package org.atlasops.server.assess;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.Evidence;
import org.atlasops.assess.coverage.TacticCoverage;
import org.atlasops.assess.coverage.TechniqueCoverage;
import org.atlasops.assess.coverage.TrendPoint;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.assess.metrics.SocMetrics;
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
            List<TrendItem> trend,
            List<String> sources,
            List<String> dataSources,
            List<String> notes) {
        public CoverageBody {
            tactics = List.copyOf(tactics);
            techniques = List.copyOf(techniques);
            trend = List.copyOf(trend);
            sources = List.copyOf(sources);
            dataSources = List.copyOf(dataSources);
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
                    c.trend().stream().map(TrendItem::of).toList(),
                    c.sources(),
                    c.dataSources(),
                    c.notes());
        }
    }

    /** Coverage as of one day of the trend (the DeTT&CT logbooks' dates, dated emulation evidence, today). */
    public record TrendItem(LocalDate date, int applicable, int detected, double percent) {
        static TrendItem of(TrendPoint p) {
            return new TrendItem(p.date(), p.applicable(), p.detected(), p.percent());
        }
    }

    /**
     * Coverage from the evidence sent with the inventory: a DeTT&CT techniques file (manual scores, visibility and
     * their dated history), a data sources file, the team's Sigma rules, and emulation runs of the server's data dir
     * by name (team data: naming one needs team read). Files are given as their text, so flaws are named by line.
     *
     * @param dettect a DeTT&CT techniques administration file (YAML, domain atlas-atlas)
     * @param dataSources a DeTT&CT data sources administration file (YAML)
     * @param rules the team's Sigma rules, each with its tests if it has some
     * @param emulation run folder names as {@code GET /api/v1/emulation/runs} lists them
     * @param pack count the bundled rule pack (default true)
     * @param analyzers count the AI analyzers (default true)
     * @param ruleTests run the uploaded rules' tests (default true)
     * @param minScore the detection score from which a technique counts as detected (-1 to 5, default 1)
     */
    public record CoverageRequest(
            String inventory,
            Optional<String> dettect,
            @JsonProperty("data_sources") Optional<String> dataSources,
            Optional<List<RuleFile>> rules,
            Optional<List<String>> emulation,
            Optional<Boolean> pack,
            Optional<Boolean> analyzers,
            @JsonProperty("rule_tests") Optional<Boolean> ruleTests,
            @JsonProperty("min_score") Optional<Integer> minScore) {
        public CoverageRequest {
            // inventory is checked where the request is read (JsonBody.required), so its absence is a 400 naming it
            dettect = Objects.requireNonNullElse(dettect, Optional.empty());
            dataSources = Objects.requireNonNullElse(dataSources, Optional.empty());
            rules = Objects.requireNonNullElse(rules, Optional.<List<RuleFile>>empty())
                    .map(List::copyOf);
            emulation = Objects.requireNonNullElse(emulation, Optional.<List<String>>empty())
                    .map(List::copyOf);
            pack = Objects.requireNonNullElse(pack, Optional.empty());
            analyzers = Objects.requireNonNullElse(analyzers, Optional.empty());
            ruleTests = Objects.requireNonNullElse(ruleTests, Optional.empty());
            minScore = Objects.requireNonNullElse(minScore, Optional.empty());
        }
    }

    /** One Sigma rule file of the team: its name (a label only), its YAML, and its tests' YAML if any. */
    public record RuleFile(String name, String content, Optional<String> tests) {
        public RuleFile {
            // name and content are checked where the request is read (JsonBody.required), so a missing one is a 400
            // naming rules[i].name or rules[i].content, not a NullPointerException
            tests = Objects.requireNonNullElse(tests, Optional.empty());
        }
    }

    /**
     * SOC metrics over the incident register, as {@code atlas-ops assess metrics --register --format json} writes
     * them (the same fields): times in seconds; alerts are those the incidents link (the server keeps no alerts).
     */
    public record MetricsBody(
            Optional<Instant> from,
            Optional<Instant> to,
            MetricsFigures overall,
            List<MetricsFigures> byTechnique,
            List<MetricsFigures> byTactic,
            List<MetricsFigures> bySystem,
            int alerts,
            int alertsThatBecameIncidents,
            double incidentShare,
            List<AlertShare> alertsByTechnique,
            List<Unmeasured> notMeasurable) {
        public MetricsBody {
            byTechnique = List.copyOf(byTechnique);
            byTactic = List.copyOf(byTactic);
            bySystem = List.copyOf(bySystem);
            alertsByTechnique = List.copyOf(alertsByTechnique);
            notMeasurable = List.copyOf(notMeasurable);
        }

        static MetricsBody of(SocMetrics.Report r, List<RegisterTimelines.NotMeasurable> nm) {
            return new MetricsBody(
                    r.from(),
                    r.to(),
                    MetricsFigures.of(r.overall()),
                    r.byTechnique().stream().map(MetricsFigures::of).toList(),
                    r.byTactic().stream().map(MetricsFigures::of).toList(),
                    r.bySystem().stream().map(MetricsFigures::of).toList(),
                    r.alertCount(),
                    r.alertsThatBecameIncidents(),
                    r.incidentShare(),
                    r.alerts().stream()
                            .map(a -> new AlertShare(a.technique().value(), a.alerts(), a.becameIncidents(), a.share()))
                            .toList(),
                    nm.stream()
                            .map(n -> new Unmeasured(n.incident(), n.metric(), n.reason()))
                            .toList());
        }
    }

    /** Time to detect and to respond of one group (a technique, a tactic, a system, or all). */
    public record MetricsFigures(
            String group, int incidents, Optional<DurationStats> timeToDetect, Optional<DurationStats> timeToRespond) {
        static MetricsFigures of(SocMetrics.Figures f) {
            return new MetricsFigures(
                    f.group(),
                    f.incidents(),
                    f.detect().map(DurationStats::of),
                    f.respond().map(DurationStats::of));
        }
    }

    /** Mean, median and 90th percentile (nearest rank) in seconds, over {@code count} incidents. */
    public record DurationStats(int count, long meanSeconds, long medianSeconds, long p90Seconds) {
        static DurationStats of(SocMetrics.Stats s) {
            return new DurationStats(
                    s.count(),
                    s.mean().getSeconds(),
                    s.median().getSeconds(),
                    s.p90().getSeconds());
        }
    }

    /** Alerts of one technique and how many became incidents (percent, one decimal). */
    public record AlertShare(String technique, int alerts, int becameIncidents, double share) {}

    /** An incident of the register left out of a figure, and why. */
    public record Unmeasured(String incident, String metric, String reason) {}

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
