package org.atlasops.navigator.upgrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.diff.Differ;
import org.atlasops.kb.diff.ReleaseDiff;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.Versions;
import org.atlasops.navigator.upgrade.UpgradeChange.Kind;

/**
 * Upgrades a layer made for one release to another. Tactics are matched by their ATLAS ID, so a renamed shortname
 * follows its tactic; a technique that left the entry's tactic moves to its tactic in the target (or to all of
 * them, when it has several); a removed technique goes to the successor the release diff names. Whatever cannot be
 * placed is returned in {@link Result#notCarried()} with the reason in {@link Result#changes()}.
 */
public final class LayerUpgrader {
    private final KnowledgeBase from;
    private final KnowledgeBase to;
    private final Map<AtlasId, AtlasId> successors = new LinkedHashMap<>();

    /** Upgrades straight from one release to the other. */
    public LayerUpgrader(KnowledgeBase from, KnowledgeBase to) {
        this(List.of(from, to));
    }

    /**
     * Upgrades along a path of releases, oldest first (e.g. every release between the two): successors are found
     * release by release and chained, so a technique renamed after it was replaced is still followed.
     */
    public LayerUpgrader(List<KnowledgeBase> path) {
        if (path.size() < 2) {
            throw new IllegalArgumentException("an upgrade path needs at least two releases");
        }
        this.from = path.get(0);
        this.to = path.get(path.size() - 1);
        for (int i = 0; i + 1 < path.size(); i++) {
            ReleaseDiff step = Differ.diff(path.get(i), path.get(i + 1));
            successors.replaceAll((old, now) -> step.successors().getOrDefault(now, now));
            step.successors().forEach(successors::putIfAbsent);
        }
    }

    /** The upgraded layer, every change made, and the entries that could not be carried. */
    public record Result(
            Layer layer, List<UpgradeChange> changes, List<TechniqueAnnotation> notCarried, int unchanged) {
        public Result {
            changes = List.copyOf(changes);
            notCarried = List.copyOf(notCarried);
        }
    }

    public Result upgrade(Layer layer) {
        List<UpgradeChange> changes = new ArrayList<>();
        List<TechniqueAnnotation> notCarried = new ArrayList<>();
        Map<String, TechniqueAnnotation> carried = new LinkedHashMap<>();
        int unchanged = 0;
        java.util.Set<AtlasId> renamedReported = new java.util.HashSet<>();
        for (TechniqueAnnotation a : layer.techniques()) {
            String label = a.techniqueId() + a.tactic().map(t -> " on " + t).orElse("");
            Optional<Technique> target = targetTechnique(a.techniqueId(), label, changes);
            if (target.isEmpty()) {
                notCarried.add(a);
                continue;
            }
            Technique t = target.get();
            // the same technique whatever the case the layer wrote its ID in (aml.t0051 is AML.T0051)
            boolean same = AtlasId.tryParse(a.techniqueId()).equals(Optional.of(t.id()));
            from.technique(a.techniqueId())
                    .filter(old -> same && !old.name().equals(t.name()) && renamedReported.add(t.id()))
                    .ifPresent(old -> changes.add(new UpgradeChange(
                            Kind.TECHNIQUE_RENAMED,
                            t.id().value(),
                            "\"" + old.name() + "\" is now \"" + t.name() + "\"")));
            List<Optional<String>> tactics = targetTactics(a, t, label, changes);
            if (tactics.isEmpty()) {
                notCarried.add(a);
                continue;
            }
            if (same
                    && t.id().value().equals(a.techniqueId())
                    && tactics.size() == 1
                    && tactics.get(0).equals(a.tactic())) {
                unchanged++;
            }
            for (Optional<String> tactic : tactics) {
                TechniqueAnnotation moved = a.withTechniqueId(t.id().value()).withTactic(tactic);
                TechniqueAnnotation before = carried.putIfAbsent(moved.key(), moved);
                if (before != null) {
                    carried.put(moved.key(), before.mergedWith(moved));
                    String scores = before.score().isPresent()
                                    && moved.score().isPresent()
                                    && before.score().getAsDouble()
                                            != moved.score().getAsDouble()
                            ? "scores " + before.score().getAsDouble() + " and "
                                    + moved.score().getAsDouble() + ": kept "
                                    + moved.score().getAsDouble() + " (from " + label + ")"
                            : "the later entry's score and colour win";
                    changes.add(new UpgradeChange(
                            Kind.MERGED,
                            moved.key().replace("^", " on "),
                            "two entries now annotate this cell; merged (" + scores + "; comments both kept)"));
                }
            }
        }
        Layer upgraded = layer.withTechniques(List.copyOf(carried.values()))
                .withAtlasVersion(to.version())
                .withVersions(Versions.CURRENT)
                .withDomain(Layer.ATLAS_DOMAIN);
        return new Result(upgraded, changes, notCarried, unchanged);
    }

    private Optional<Technique> targetTechnique(String id, String label, List<UpgradeChange> changes) {
        Optional<Technique> same = to.technique(id).filter(t -> !t.deprecated());
        if (same.isPresent()) {
            return same;
        }
        AtlasId successor = AtlasId.tryParse(id).map(successors::get).orElse(null);
        if (successor != null && to.technique(successor).isPresent()) {
            changes.add(new UpgradeChange(
                    Kind.TECHNIQUE_REPLACED,
                    label,
                    id + " is not in ATLAS " + to.version()
                            + "; carried to " + successor + " ("
                            + to.displayName(to.technique(successor).get())
                            + "), which took its name"));
            return to.technique(successor);
        }
        boolean known = from.technique(id).isPresent();
        String why = to.technique(id).filter(Technique::deprecated).isPresent()
                ? id + " is deprecated in ATLAS " + to.version()
                : known
                        ? id + " was removed in ATLAS " + to.version() + " and the data names no successor"
                        : id + " is in neither ATLAS " + from.version() + " nor " + to.version();
        changes.add(new UpgradeChange(Kind.NOT_CARRIED, label, why + "; re-annotate it by hand"));
        return Optional.empty();
    }

    /** The tactic(s) the entry lands on in the target; empty tactic = all tactics of the technique. */
    private List<Optional<String>> targetTactics(
            TechniqueAnnotation a, Technique t, String label, List<UpgradeChange> changes) {
        if (a.tactic().isEmpty()) {
            return List.of(Optional.empty());
        }
        String shortname = a.tactic().get();
        Optional<Tactic> mapped = from.tacticByShortname(shortname)
                .flatMap(old -> to.tactic(old.id()))
                .or(() -> to.tacticByShortname(shortname));
        if (mapped.isPresent() && !mapped.get().shortname().equals(shortname)) {
            changes.add(new UpgradeChange(
                    Kind.TACTIC_RENAMED,
                    label,
                    "\"" + shortname + "\" is \""
                            + mapped.get().shortname() + "\" in ATLAS " + to.version() + " (same tactic, "
                            + mapped.get().id() + ")"));
        }
        List<String> own = t.tacticIds().stream()
                .map(id -> to.tactic(id).map(Tactic::shortname).orElse(id.value()))
                .toList();
        if (mapped.isPresent() && t.tacticIds().contains(mapped.get().id())) {
            return List.of(Optional.of(mapped.get().shortname()));
        }
        if (own.isEmpty()) {
            changes.add(new UpgradeChange(Kind.NOT_CARRIED, label, t.id() + " has no tactic in ATLAS " + to.version()));
            return List.of();
        }
        String was = mapped.map(m -> "\"" + m.shortname() + "\"").orElse("\"" + shortname + "\" (unknown)");
        changes.add(new UpgradeChange(
                Kind.TACTIC_MOVED,
                label,
                t.id() + " is no longer in " + was + " in ATLAS " + to.version() + "; carried to "
                        + String.join(", ", own)));
        return own.stream().map(Optional::of).toList();
    }
}
