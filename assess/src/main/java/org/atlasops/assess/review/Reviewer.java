package org.atlasops.assess.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageCalculator;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.ManualEvidence;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.dettect.TechniqueScores;
import org.atlasops.assess.inventory.DeclaredMitigation;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.EvidenceCounts;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatModeller;
import org.atlasops.assess.threatmodel.ThreatRules;
import org.atlasops.assess.threatmodel.Weights;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.Technique;
import org.atlasops.kb.crosswalk.Crosswalk;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.crosswalk.Framework;
import org.atlasops.kb.diff.Differ;
import org.atlasops.kb.diff.FieldChange;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.kb.diff.ReleaseDiff;

/**
 * Reviews a system from an older to a newer release. The inventory is the one written for the older release; its
 * mitigations, a DeTT&CT file's techniques and CoSAI's mappings are carried to the newer release's IDs: kept when
 * the ID stays (renamed or moved), moved to the successor when the object was replaced by one of the same name,
 * dropped (and listed) otherwise.
 */
public final class Reviewer {
    private final KnowledgeBase older;
    private final KnowledgeBase newer;
    private final Weights weights;
    private final ReleaseDiff diff;
    private final List<ReleaseDiff> steps;

    public Reviewer(KnowledgeBase older, KnowledgeBase newer, Weights weights) {
        this(List.of(older, newer), weights);
    }

    /**
     * @param path the releases from the older to the newer, both included (ReleaseCatalog.upgradePath): replaced
     *     objects are followed one release at a time, so a replacement that was later renamed is still found
     */
    public Reviewer(List<KnowledgeBase> path, Weights weights) {
        if (path.size() < 2) {
            throw new IllegalArgumentException("a review needs two releases");
        }
        this.older = path.get(0);
        this.newer = path.get(path.size() - 1);
        this.weights = weights;
        this.diff = Differ.diff(older, newer);
        List<ReleaseDiff> s = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            s.add(Differ.diff(path.get(i - 1), path.get(i)));
        }
        this.steps = List.copyOf(s);
    }

    /**
     * @param manual a DeTT&CT techniques file kept for the older release, read without checking its IDs
     * @param evidence evidence sources for coverage in both releases; empty: no coverage comparison
     */
    public ReleaseReview review(
            SystemInventory system,
            Optional<TechniqueAdministration> manual,
            List<EvidenceSource> evidence,
            LocalDate today) {
        List<CarriedEntry> carried = new ArrayList<>();
        SystemInventory carriedSystem = carryMitigations(system, carried);
        ThreatModel before = new ThreatModeller(
                        older, ThreatRules.bundledFor(older.version()), weights, EvidenceCounts.NONE)
                .model(system);
        ThreatModel after = new ThreatModeller(
                        newer, ThreatRules.bundledFor(newer.version()), weights, EvidenceCounts.NONE)
                .model(carriedSystem);
        Optional<TechniqueAdministration> carriedManual = manual.map(m -> carryManual(m, carried));
        carryCosai(carried);
        List<TechniqueChange> techniques = techniqueChanges(before, after);
        List<MitigationChange> mitigations = mitigationChanges(before, after, carriedSystem);
        Optional<Coverage> coverageBefore = Optional.empty();
        Optional<Coverage> coverageAfter = Optional.empty();
        if (!evidence.isEmpty()) {
            List<EvidenceSource> b = new ArrayList<>(evidence);
            manual.ifPresent(m -> b.add(new ManualEvidence(m)));
            coverageBefore = Optional.of(CoverageCalculator.compute(
                    before, older, b, manual, Optional.empty(), CoverageCalculator.DEFAULT_THRESHOLD, today));
            List<EvidenceSource> a = new ArrayList<>(evidence);
            carriedManual.ifPresent(m -> a.add(new ManualEvidence(m)));
            coverageAfter = Optional.of(CoverageCalculator.compute(
                    after, newer, a, carriedManual, Optional.empty(), CoverageCalculator.DEFAULT_THRESHOLD, today));
        }
        return new ReleaseReview(
                older.version(),
                newer.version(),
                before,
                after,
                techniques,
                mitigations,
                carried,
                carriedManual,
                coverageBefore,
                coverageAfter);
    }

    public ReleaseDiff diff() {
        return diff;
    }

    /** Where an ID of the older release lives in the newer one, and how it got there; empty when it is gone. */
    private Optional<Carry> carry(AtlasId id) {
        AtlasId at = id;
        List<String> replaced = new ArrayList<>();
        for (ReleaseDiff step : steps) {
            Optional<ObjectChange> c = step.change(at);
            if (c.isPresent() && c.get().kind() == ObjectChange.Kind.REMOVED) {
                AtlasId next = step.successors().get(at);
                if (next == null) {
                    return Optional.empty();
                }
                replaced.add("replaced by " + next + " in " + step.newVersion());
                at = next;
            }
        }
        if (newer.find(at).isEmpty()) {
            return Optional.empty();
        }
        if (replaced.isEmpty()) {
            return Optional.of(new Carry(id, diff.change(id).map(Reviewer::how).orElse("")));
        }
        String oldName = name(older, id);
        String newName = name(newer, at);
        String how = String.join(", then ", replaced) + " (" + newName + ")"
                + (!oldName.isEmpty() && !oldName.equals(newName) ? "; was '" + oldName + "'" : "");
        return Optional.of(new Carry(at, how));
    }

    private record Carry(AtlasId to, String how) {}

    private static String how(ObjectChange c) {
        List<String> parts = new ArrayList<>();
        if (c.renamed()) {
            parts.add("renamed from '" + c.oldName() + "' to '" + c.newName() + "'");
        }
        c.field("tactics").ifPresent(f -> parts.add("moved from tactics " + f.before() + " to " + f.after()));
        c.field("parent")
                .ifPresent(f -> parts.add("moved from parent " + blank(f.before()) + " to " + blank(f.after())));
        return String.join("; ", parts);
    }

    private static String blank(String s) {
        return s.isEmpty() ? "(none)" : s;
    }

    private static String name(KnowledgeBase kb, AtlasId id) {
        return kb.find(id).map(o -> o.name()).orElse("");
    }

    private SystemInventory carryMitigations(SystemInventory s, List<CarriedEntry> carried) {
        List<DeclaredMitigation> out = new ArrayList<>();
        for (DeclaredMitigation m : s.mitigations()) {
            Optional<Carry> c = carry(m.id());
            if (c.isEmpty()) {
                carried.add(new CarriedEntry(
                        "mitigation in place",
                        m.note(),
                        m.id(),
                        Optional.empty(),
                        "removed in " + newer.version() + " with no successor; review the inventory"));
                continue;
            }
            if (!c.get().how().isEmpty()) {
                carried.add(new CarriedEntry(
                        "mitigation in place",
                        m.note(),
                        m.id(),
                        Optional.of(c.get().to()),
                        c.get().how()));
            }
            if (out.stream().noneMatch(x -> x.id().equals(c.get().to()))) {
                out.add(new DeclaredMitigation(c.get().to(), m.note(), m.line()));
            }
        }
        return new SystemInventory(
                s.id(),
                s.name(),
                s.description(),
                s.exposure(),
                s.untrustedContent(),
                s.rag(),
                s.fineTuned(),
                s.trainedOnUserData(),
                s.modelSource(),
                s.tools(),
                s.codeExecution(),
                s.holdsSecrets(),
                s.modelApi(),
                s.onDevice(),
                s.components(),
                out,
                s.edges(),
                s.source());
    }

    private TechniqueAdministration carryManual(TechniqueAdministration m, List<CarriedEntry> carried) {
        List<TechniqueScores> out = new ArrayList<>();
        for (TechniqueScores t : m.techniques()) {
            Optional<Carry> c = carry(t.id());
            if (c.isEmpty()) {
                carried.add(new CarriedEntry(
                        "DeTT&CT score",
                        t.name(),
                        t.id(),
                        Optional.empty(),
                        "not in " + newer.version()
                                + " and no successor of the same name; left out of the carried file"));
                continue;
            }
            AtlasId to = c.get().to();
            if (!c.get().how().isEmpty()) {
                carried.add(new CarriedEntry(
                        "DeTT&CT score",
                        t.name(),
                        t.id(),
                        Optional.of(to),
                        c.get().how()));
            }
            if (out.stream().anyMatch(x -> x.id().equals(to))) {
                carried.add(new CarriedEntry(
                        "DeTT&CT score",
                        t.name(),
                        t.id(),
                        Optional.empty(),
                        to + " already has scores in the file; merge them by hand"));
                continue;
            }
            out.add(t.withId(to, name(newer, to)));
        }
        return m.withTechniques(out);
    }

    /** CoSAI's ATLAS mappings (pinned to 5.0.1) whose technique was renamed, moved or replaced. */
    private void carryCosai(List<CarriedEntry> carried) {
        Crosswalk crosswalk = Crosswalk.of(older);
        for (Technique t : older.techniques()) {
            Optional<ObjectChange> change = diff.change(t.id());
            if (change.isEmpty()) {
                continue;
            }
            Optional<Carry> c = carry(t.id());
            if (c.isPresent() && c.get().how().isEmpty()) {
                continue;
            }
            for (CrosswalkEntry e : crosswalk.lookup(t.id().value())) {
                if (e.framework() != Framework.COSAI) {
                    continue;
                }
                carried.add(new CarriedEntry(
                        "CoSAI mapping",
                        e.id() + " (" + e.title() + ")",
                        t.id(),
                        c.map(Carry::to),
                        c.map(Carry::how)
                                .orElse("not in " + newer.version() + " and no successor; the mapping is stale")));
            }
        }
    }

    private List<TechniqueChange> techniqueChanges(ThreatModel before, ThreatModel after) {
        List<TechniqueChange> out = new ArrayList<>();
        for (ObjectChange c : diff.changes()) {
            if (c.type() != ObjectType.TECHNIQUE && c.type() != ObjectType.SUB_TECHNIQUE) {
                continue;
            }
            boolean b = before.applies(c.id());
            boolean a = after.applies(c.id());
            switch (c.kind()) {
                case ADDED ->
                    out.add(new TechniqueChange(
                            c.id(),
                            c.newName(),
                            TechniqueChange.Kind.ADDED,
                            false,
                            a,
                            a
                                    ? after.find(c.id()).orElseThrow().why()
                                    : "does not apply: needs "
                                            + after.notApplicable().stream()
                                                    .filter(n -> n.id().equals(c.id()))
                                                    .map(n -> n.condition())
                                                    .findFirst()
                                                    .orElse("a rule")));
                case REMOVED -> {
                    AtlasId successor = diff.successors().get(c.id());
                    out.add(new TechniqueChange(
                            c.id(),
                            c.oldName(),
                            TechniqueChange.Kind.REMOVED,
                            b,
                            successor != null && after.applies(successor),
                            successor != null
                                    ? "replaced by " + successor + " (" + name(newer, successor) + ")"
                                    : "no successor"));
                }
                case CHANGED -> {
                    if (c.renamed()) {
                        out.add(new TechniqueChange(
                                c.id(),
                                c.newName(),
                                TechniqueChange.Kind.RENAMED,
                                b,
                                a,
                                "'" + c.oldName() + "' → '" + c.newName() + "'"));
                    }
                    Optional<FieldChange> tactics = c.field("tactics");
                    Optional<FieldChange> parent = c.field("parent");
                    if (tactics.isPresent() || parent.isPresent()) {
                        String d = tactics.map(f -> "tactics " + f.before() + " → " + f.after())
                                        .orElse("")
                                + (tactics.isPresent() && parent.isPresent() ? "; " : "")
                                + parent.map(f -> "parent " + blank(f.before()) + " → " + blank(f.after()))
                                        .orElse("");
                        out.add(new TechniqueChange(c.id(), c.newName(), TechniqueChange.Kind.MOVED, b, a, d));
                    }
                    c.field("maturity")
                            .ifPresent(f -> out.add(new TechniqueChange(
                                    c.id(),
                                    c.newName(),
                                    TechniqueChange.Kind.MATURITY,
                                    b,
                                    a,
                                    blank(f.before()) + " → " + blank(f.after()))));
                }
            }
        }
        return out;
    }

    private List<MitigationChange> mitigationChanges(ThreatModel before, ThreatModel after, SystemInventory system) {
        List<MitigationChange> out = new ArrayList<>();
        for (ObjectChange c : diff.changes()) {
            if (c.type() != ObjectType.MITIGATION) {
                continue;
            }
            List<AtlasId> added = new ArrayList<>();
            List<AtlasId> removed = new ArrayList<>();
            List<AtlasId> use = new ArrayList<>();
            switch (c.kind()) {
                case ADDED ->
                    newer.mitigation(c.id()).ifPresent(m -> m.techniques().forEach(u -> added.add(u.techniqueId())));
                case REMOVED ->
                    older.mitigation(c.id()).ifPresent(m -> m.techniques().forEach(u -> removed.add(u.techniqueId())));
                case CHANGED -> {
                    c.field("techniques").ifPresent(f -> {
                        f.added().forEach(x -> AtlasId.tryParse(x).ifPresent(added::add));
                        f.removed().forEach(x -> AtlasId.tryParse(x).ifPresent(removed::add));
                    });
                    c.field("use")
                            .ifPresent(f ->
                                    f.added().forEach(x -> AtlasId.tryParse(x).ifPresent(use::add)));
                }
            }
            Set<AtlasId> relevant = new LinkedHashSet<>();
            added.stream().filter(after::applies).forEach(relevant::add);
            removed.stream().filter(before::applies).forEach(relevant::add);
            use.stream().filter(after::applies).forEach(relevant::add);
            if (relevant.isEmpty() && !(c.kind() == ObjectChange.Kind.CHANGED && c.renamed())) {
                continue;
            }
            out.add(new MitigationChange(
                    c.id(),
                    c.kind() == ObjectChange.Kind.REMOVED ? c.oldName() : c.newName(),
                    c.kind() == ObjectChange.Kind.ADDED
                            ? "new"
                            : c.kind() == ObjectChange.Kind.REMOVED ? "removed" : c.renamed() ? "renamed" : "changed",
                    system.hasMitigation(c.id()),
                    added.stream().filter(after::applies).toList(),
                    removed.stream().filter(before::applies).toList(),
                    use.stream().filter(after::applies).toList()));
        }
        return out;
    }
}
