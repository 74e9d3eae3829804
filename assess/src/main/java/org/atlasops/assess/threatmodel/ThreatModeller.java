package org.atlasops.assess.threatmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.atlasops.assess.inventory.Attribute;
import org.atlasops.assess.inventory.Component;
import org.atlasops.assess.inventory.CosaiComponents;
import org.atlasops.assess.inventory.Exposure;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.inventory.Tool;
import org.atlasops.assess.inventory.UntrustedContent;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.crosswalk.Crosswalk;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.crosswalk.Framework;

/** Applies a rule set to a system for one release, then prioritises and recommends. */
public final class ThreatModeller {
    /** Tactics whose techniques happen off the defender's systems. */
    private static final Set<String> OFF_SYSTEM = Set.of("reconnaissance", "resource development");

    /** Attributes an outsider meets directly; "always" rules count as outward (the adversary acts unaided). */
    private static final Set<String> OUTWARD =
            Set.of("exposure", "untrusted-content", "model-api", "on-device", "always");

    /** How many mitigations the model recommends. */
    public static final int RECOMMENDATIONS = 10;

    private final KnowledgeBase kb;
    private final ThreatRules rules;
    private final Weights weights;
    private final EvidenceCounts extra;

    public ThreatModeller(KnowledgeBase kb, ThreatRules rules, Weights weights, EvidenceCounts extra) {
        this.kb = kb;
        this.rules = rules;
        this.weights = weights;
        this.extra = extra;
    }

    /** With the bundled rules for the release, the default weights and case studies as the only evidence. */
    public static ThreatModeller bundled(KnowledgeBase kb) {
        return new ThreatModeller(kb, ThreatRules.bundledFor(kb.version()), Weights.DEFAULT, EvidenceCounts.NONE);
    }

    public ThreatModel model(SystemInventory system) {
        List<String> notes = new ArrayList<>(rules.check(kb));
        if (!rules.atlasVersion().equals(kb.version())) {
            notes.add(
                    0,
                    "the rule set " + rules.source() + " is for ATLAS " + rules.atlasVersion()
                            + ", the release in use is " + kb.version());
        }
        Crosswalk crosswalk = Crosswalk.of(kb);
        Map<AtlasId, List<Reason>> held = new LinkedHashMap<>();
        List<ApplicableTechnique> applicable = new ArrayList<>();
        List<NotApplicable> notApplicable = new ArrayList<>();
        for (Technique t : kb.techniques()) {
            if (t.deprecated()) {
                continue;
            }
            Optional<ThreatRule> rule = rules.rule(t.id());
            if (rule.isEmpty()) {
                continue;
            }
            Optional<List<Reason>> reasons = evaluate(rule.get(), system, held);
            if (reasons.isEmpty()) {
                notApplicable.add(new NotApplicable(t.id(), t.name(), rule.get().condition()));
                continue;
            }
            held.put(t.id(), reasons.get());
            List<MitigationStatus> mitigations = mitigations(t, system);
            Set<String> cosai = new LinkedHashSet<>(rule.get().cosaiRisks());
            for (CrosswalkEntry e : crosswalk.lookup(t.id().value())) {
                if (e.framework() == Framework.COSAI && e.id().startsWith("risk")) {
                    cosai.add(e.id());
                }
            }
            applicable.add(new ApplicableTechnique(
                    t.id(),
                    t.name(),
                    tactics(t),
                    t.maturity().map(Maturity::label).orElse(""),
                    rule.get().why(),
                    reasons.get(),
                    priority(t, system, mitigations, reasons.get()),
                    mitigations,
                    List.copyOf(cosai)));
        }
        applicable.sort(Comparator.comparingDouble(
                        (ApplicableTechnique a) -> -a.priority().total())
                .thenComparing(ApplicableTechnique::id));
        return new ThreatModel(
                system,
                kb.version(),
                rules.source(),
                weights,
                applicable,
                notApplicable,
                recommendations(applicable),
                notes);
    }

    private Optional<List<Reason>> evaluate(ThreatRule rule, SystemInventory s, Map<AtlasId, List<Reason>> held) {
        switch (rule.when()) {
            case ALWAYS:
                return Optional.of(List.of(new Reason("", "", "always", "applies to every system: " + rule.why())));
            case NEVER:
                return Optional.empty();
            case AS_PARENT:
                return Optional.ofNullable(held.get(rule.technique().parent().orElseThrow()));
            default:
                List<Reason> out = new ArrayList<>();
                for (List<Term> alternative : rule.alternatives()) {
                    List<Reason> all = new ArrayList<>();
                    for (Term term : alternative) {
                        Optional<Reason> r = holds(term, s);
                        if (r.isEmpty()) {
                            all = null;
                            break;
                        }
                        all.add(r.get());
                    }
                    if (all != null) {
                        all.stream().filter(r -> !out.contains(r)).forEach(out::add);
                    }
                }
                return out.isEmpty() ? Optional.empty() : Optional.of(out);
        }
    }

    /** The reason a term holds for the system, or empty. */
    static Optional<Reason> holds(Term term, SystemInventory s) {
        Attribute a = term.attribute();
        String v = term.value().orElse("");
        String detail;
        switch (a) {
            case EXPOSURE -> {
                if (!s.exposure().key().equals(v)) {
                    return Optional.empty();
                }
                detail = "exposure: " + v;
            }
            case UNTRUSTED_CONTENT -> {
                List<String> kinds = s.untrustedContent().stream()
                        .map(UntrustedContent::key)
                        .filter(k -> v.isEmpty() || k.equals(v))
                        .toList();
                if (kinds.isEmpty()) {
                    return Optional.empty();
                }
                detail = "untrusted-content: " + String.join(", ", kinds);
            }
            case RAG, FINE_TUNED, TRAINED_ON_USER_DATA, CODE_EXECUTION, HOLDS_SECRETS, MODEL_API, ON_DEVICE -> {
                boolean on = switch (a) {
                    case RAG -> s.rag();
                    case FINE_TUNED -> s.fineTuned();
                    case TRAINED_ON_USER_DATA -> s.trainedOnUserData();
                    case CODE_EXECUTION -> s.codeExecution();
                    case HOLDS_SECRETS -> s.holdsSecrets();
                    case MODEL_API -> s.modelApi();
                    default -> s.onDevice();
                };
                if (!on) {
                    return Optional.empty();
                }
                detail = a.key();
            }
            case MODEL_SOURCE -> {
                if (s.modelSource().isEmpty()
                        || (!v.isEmpty() && !s.modelSource().get().key().equals(v))) {
                    return Optional.empty();
                }
                detail = "model-source: " + s.modelSource().get().key();
            }
            case AGENT -> {
                if (!s.agent()) {
                    return Optional.empty();
                }
                detail = "agent with " + names(s.tools());
            }
            case TOOLS, MCP -> {
                List<Tool> tools = s.toolsOf(a == Attribute.TOOLS ? Tool.Kind.TOOL : Tool.Kind.MCP_SERVER);
                if (tools.isEmpty()) {
                    return Optional.empty();
                }
                detail = a.key() + ": " + names(tools);
            }
            case SIDE_EFFECTS -> {
                List<Tool> tools = s.tools().stream().filter(Tool::sideEffects).toList();
                if (tools.isEmpty()) {
                    return Optional.empty();
                }
                detail = "side-effects: " + names(tools);
            }
            case COMPONENT -> {
                Optional<Component> c = s.component(v);
                if (c.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Reason(
                        v,
                        c.get().label(),
                        "component",
                        "listed component " + c.get().label()));
            }
            default -> {
                return Optional.of(new Reason("", "", "always", "always"));
            }
        }
        String home = a.homeComponent();
        String label = s.component(home).map(Component::label).orElse(CosaiComponents.title(home));
        return Optional.of(new Reason(home, label, a.key(), detail));
    }

    private static String names(List<Tool> tools) {
        return tools.stream().map(t -> t.name() + " (" + t.kind().label() + ")").collect(Collectors.joining(", "));
    }

    /** A sub-technique's tactics are its parent's. */
    private List<String> tactics(Technique t) {
        List<AtlasId> ids = t.tacticIds();
        if (ids.isEmpty() && t.parentId().isPresent()) {
            ids = kb.technique(t.parentId().get()).map(Technique::tacticIds).orElse(List.of());
        }
        return ids.stream()
                .map(id -> kb.tactic(id).map(Tactic::name).orElse(id.value()))
                .toList();
    }

    /** The technique's own mitigations; a sub-technique without any of its own takes its parent's. */
    private List<MitigationStatus> mitigations(Technique t, SystemInventory s) {
        AtlasId from = t.id();
        List<Mitigation> ms = kb.mitigationsOf(from);
        if (ms.isEmpty() && t.parentId().isPresent()) {
            from = t.parentId().get();
            ms = kb.mitigationsOf(from);
        }
        AtlasId key = from;
        return ms.stream()
                .map(m -> new MitigationStatus(
                        m.id(), m.name(), s.hasMitigation(m.id()), m.useFor(key).orElse("")))
                .toList();
    }

    private Priority priority(
            Technique t, SystemInventory s, List<MitigationStatus> mitigations, List<Reason> reasons) {
        List<Priority.Part> parts = new ArrayList<>();
        double exposure = s.exposure() == Exposure.PUBLIC ? 1 : weights.internal();
        String exposureDetail = "system is " + s.exposure().key();
        List<String> tactics = tactics(t);
        if (!tactics.isEmpty() && tactics.stream().allMatch(n -> OFF_SYSTEM.contains(n.toLowerCase(Locale.ROOT)))) {
            exposure *= weights.offSystem();
            exposureDetail += "; happens off your systems (" + String.join(", ", tactics) + ")";
        } else if (reasons.stream().noneMatch(r -> OUTWARD.contains(r.attribute()))) {
            exposure *= weights.indirect();
            exposureDetail += "; reached only through other steps (no outward-facing attribute)";
        }
        parts.add(new Priority.Part("exposure", exposure, weights.exposure(), exposureDetail));
        Optional<Maturity> maturity = t.maturity();
        double m = maturity.map(x -> switch (x) {
                    case REALIZED -> 1.0;
                    case DEMONSTRATED -> 2 / 3.0;
                    case FEASIBLE -> 1 / 3.0;
                })
                .orElse(0.0);
        parts.add(new Priority.Part(
                "maturity",
                m,
                weights.maturity(),
                maturity.map(x -> "ATLAS maturity " + x.label()).orElse("no maturity in this release")));
        long studies = kb.caseStudyStepsUsing(t.id()).stream()
                .map(step -> step.caseStudy().id())
                .distinct()
                .count();
        int more = extra.count(t.id());
        long count = studies + more;
        String evidenceDetail = studies + " ATLAS case stud" + (studies == 1 ? "y" : "ies")
                + (more > 0 ? " + " + more + " " + extra.label() : "") + " (full at " + weights.evidenceCap() + ")";
        parts.add(new Priority.Part(
                "evidence", Math.min(1.0, count / (double) weights.evidenceCap()), weights.evidence(), evidenceDetail));
        long inPlace = mitigations.stream().filter(MitigationStatus::inPlace).count();
        double gap = mitigations.isEmpty() ? 1.0 : 1.0 - inPlace / (double) mitigations.size();
        String gapDetail = mitigations.isEmpty()
                ? "ATLAS lists no mitigation"
                : inPlace + " of " + mitigations.size() + " ATLAS mitigations in place";
        parts.add(new Priority.Part("control-gap", gap, weights.controlGap(), gapDetail));
        return Priority.of(parts);
    }

    private List<Recommendation> recommendations(List<ApplicableTechnique> applicable) {
        Map<AtlasId, List<Recommendation.Use>> uses = new LinkedHashMap<>();
        Map<AtlasId, String> names = new LinkedHashMap<>();
        for (ApplicableTechnique a : applicable) {
            for (MitigationStatus m : a.mitigations()) {
                if (!m.inPlace()) {
                    names.put(m.id(), m.name());
                    uses.computeIfAbsent(m.id(), k -> new ArrayList<>())
                            .add(new Recommendation.Use(
                                    a.id(), a.name(), a.priority().total(), m.use()));
                }
            }
        }
        List<Recommendation> out = new ArrayList<>();
        uses.forEach((id, list) -> out.add(new Recommendation(
                id,
                names.get(id),
                Math.round(list.stream()
                                        .mapToDouble(Recommendation.Use::priority)
                                        .sum()
                                * 10)
                        / 10.0,
                list)));
        out.sort(Comparator.comparingDouble((Recommendation r) -> -r.value()).thenComparing(Recommendation::id));
        return out.subList(0, Math.min(RECOMMENDATIONS, out.size()));
    }
}
