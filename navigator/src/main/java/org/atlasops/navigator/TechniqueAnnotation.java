package org.atlasops.navigator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.kb.AtlasId;

/**
 * One technique entry of a layer. Without a {@code tactic} it applies to every tactic of the technique (for a
 * sub-technique: every tactic of its parent). An absent score is "unscored", which is not 0: unscored cells get no
 * gradient colour. An empty colour or comment means none.
 */
public record TechniqueAnnotation(
        String techniqueId,
        Optional<String> tactic,
        OptionalDouble score,
        String color,
        String comment,
        boolean enabled,
        List<MetadataItem> metadata,
        List<LinkItem> links,
        boolean showSubtechniques) {

    public TechniqueAnnotation {
        Objects.requireNonNull(techniqueId, "techniqueId");
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(comment, "comment");
        metadata = List.copyOf(metadata);
        links = List.copyOf(links);
    }

    /** An entry with nothing set: enabled, unscored, no colour. */
    public static TechniqueAnnotation of(String techniqueId, Optional<String> tactic) {
        return new TechniqueAnnotation(
                techniqueId, tactic, OptionalDouble.empty(), "", "", true, List.of(), List.of(), false);
    }

    /** An entry for a technique of a release (the layer keeps the ID as its text, as the format says). */
    public static TechniqueAnnotation of(AtlasId techniqueId, Optional<String> tactic) {
        return of(techniqueId.value(), tactic);
    }

    /** The same entry on one tactic. */
    public static TechniqueAnnotation of(String techniqueId, String tactic) {
        return of(techniqueId, Optional.of(tactic));
    }

    /** True when anything differs from the defaults, i.e. the Navigator would export it. */
    public boolean isAnnotated() {
        return score.isPresent()
                || !color.isEmpty()
                || !comment.isEmpty()
                || !enabled
                || !metadata.isEmpty()
                || !links.isEmpty();
    }

    public TechniqueAnnotation withTactic(Optional<String> newTactic) {
        return new TechniqueAnnotation(
                techniqueId, newTactic, score, color, comment, enabled, metadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withTechniqueId(String id) {
        return new TechniqueAnnotation(id, tactic, score, color, comment, enabled, metadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withScore(OptionalDouble newScore) {
        return new TechniqueAnnotation(
                techniqueId, tactic, newScore, color, comment, enabled, metadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withColor(String newColor) {
        return new TechniqueAnnotation(
                techniqueId, tactic, score, newColor, comment, enabled, metadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withComment(String newComment) {
        return new TechniqueAnnotation(
                techniqueId, tactic, score, color, newComment, enabled, metadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withEnabled(boolean newEnabled) {
        return new TechniqueAnnotation(
                techniqueId, tactic, score, color, comment, newEnabled, metadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withMetadata(List<MetadataItem> newMetadata) {
        return new TechniqueAnnotation(
                techniqueId, tactic, score, color, comment, enabled, newMetadata, links, showSubtechniques);
    }

    public TechniqueAnnotation withLinks(List<LinkItem> newLinks) {
        return new TechniqueAnnotation(
                techniqueId, tactic, score, color, comment, enabled, metadata, newLinks, showSubtechniques);
    }

    public TechniqueAnnotation withShowSubtechniques(boolean show) {
        return new TechniqueAnnotation(techniqueId, tactic, score, color, comment, enabled, metadata, links, show);
    }

    /**
     * Two entries for the same cell as one: what {@code later} sets wins for score and colour, comments that differ
     * are both kept (one per line), metadata and links are joined without repeats, a cell is disabled if either
     * entry disables it, and sub-techniques are shown if either entry shows them (so an annotated sub is never
     * hidden by a second, bare entry of its parent).
     */
    public TechniqueAnnotation mergedWith(TechniqueAnnotation later) {
        String mergedComment = comment.isEmpty() || comment.equals(later.comment)
                ? later.comment
                : later.comment.isEmpty() ? comment : comment + "\n" + later.comment;
        return new TechniqueAnnotation(
                techniqueId,
                tactic,
                later.score.isPresent() ? later.score : score,
                later.color.isEmpty() ? color : later.color,
                mergedComment,
                enabled && later.enabled,
                union(metadata, later.metadata),
                union(links, later.links),
                showSubtechniques || later.showSubtechniques);
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<T> out = new ArrayList<>(a);
        LinkedHashSet<T> seen = new LinkedHashSet<>(a);
        for (T item : b) {
            // dividers repeat legitimately; named entries do not
            if (item instanceof MetadataItem.Divider || item instanceof LinkItem.Divider || seen.add(item)) {
                out.add(item);
            }
        }
        return out;
    }

    /** The key the Navigator uses inside the app: {@code ID^tactic}, or just the ID when no tactic is given. */
    public String key() {
        return tactic.map(t -> techniqueId + "^" + t).orElse(techniqueId);
    }
}
