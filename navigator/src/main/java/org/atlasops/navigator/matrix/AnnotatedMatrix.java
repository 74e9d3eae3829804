package org.atlasops.navigator.matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.AggregateFunction;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.Sorting;
import org.atlasops.navigator.TechniqueAnnotation;

/**
 * A layer drawn over one ATLAS release: tactic columns in matrix order, each with its parent techniques (sorted
 * as the layer asks, disabled ones left out when the layer hides them) and their sub-techniques. Deprecated
 * techniques are not drawn. Entries that name no cell of the release are kept in {@link #unplaced()}.
 */
public final class AnnotatedMatrix {
    private final Layer layer;
    private final KnowledgeBase kb;
    private final List<Column> columns;
    private final Map<String, Cell> byKey = new LinkedHashMap<>();
    private final List<TechniqueAnnotation> unplaced = new ArrayList<>();

    private AnnotatedMatrix(Layer layer, KnowledgeBase kb) {
        this.layer = layer;
        this.kb = kb;
        Map<String, TechniqueAnnotation> entries = new HashMap<>();
        for (TechniqueAnnotation a : layer.techniques()) {
            String key = key(a.techniqueId(), a.tactic().orElse(""));
            entries.merge(key, a, TechniqueAnnotation::mergedWith);
        }
        List<Column> cols = new ArrayList<>();
        for (Tactic tactic : kb.tactics()) {
            List<Cell> cells = new ArrayList<>();
            for (Technique t : kb.techniquesIn(tactic.id())) {
                if (t.isSubTechnique() || t.deprecated()) {
                    continue;
                }
                List<Cell> subs = new ArrayList<>();
                for (Technique s : kb.subTechniquesOf(t.id())) {
                    if (!s.deprecated()) {
                        Cell sub = cell(s, tactic, entries, List.of(), false);
                        byKey.put(key(s.id(), tactic.shortname()), sub);
                        subs.add(sub);
                    }
                }
                subs.sort(order());
                Optional<TechniqueAnnotation> own = annotation(t, tactic, entries);
                boolean expanded = !subs.isEmpty()
                        && (own.map(TechniqueAnnotation::showSubtechniques).orElse(false)
                                || switch (layer.view().layout().expandedSubtechniques()) {
                                    case ALL -> true;
                                    case ANNOTATED -> subs.stream().anyMatch(Cell::annotated);
                                    case NONE -> false;
                                });
                List<Cell> visibleSubs = subs.stream().filter(this::visible).toList();
                Cell parent = cell(t, tactic, entries, visibleSubs, expanded);
                byKey.put(key(t.id(), tactic.shortname()), parent);
                if (visible(parent)) {
                    cells.add(parent);
                }
            }
            cells.sort(order());
            cols.add(new Column(tactic, cells));
        }
        this.columns = List.copyOf(cols);
        for (TechniqueAnnotation a : layer.techniques()) {
            boolean placed = a.tactic()
                    .map(t -> byKey.containsKey(key(a.techniqueId(), t)))
                    .orElseGet(() -> byKey.keySet().stream().anyMatch(k -> k.startsWith(norm(a.techniqueId()) + "^")));
            if (!placed) {
                unplaced.add(a);
            }
        }
    }

    /** Lays {@code layer} over {@code kb}. */
    public static AnnotatedMatrix of(Layer layer, KnowledgeBase kb) {
        return new AnnotatedMatrix(layer, kb);
    }

    public Layer layer() {
        return layer;
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The cell of a technique in a tactic (by shortname), visible or not. */
    public Optional<Cell> cell(String techniqueId, String tacticShortname) {
        return Optional.ofNullable(byKey.get(key(techniqueId, tacticShortname)));
    }

    /** Every cell, visible or not, parents and sub-techniques, in column order. */
    public List<Cell> allCells() {
        return List.copyOf(byKey.values());
    }

    /** Visible cells in drawing order: per column, each parent followed by its sub-techniques. */
    public Stream<Cell> visibleCells() {
        return columns.stream()
                .flatMap(c -> c.cells().stream())
                .flatMap(p -> Stream.concat(Stream.of(p), p.subTechniques().stream()));
    }

    /** Entries that name a technique or tactic this release does not have, or a tactic not of the technique. */
    public List<TechniqueAnnotation> unplaced() {
        return List.copyOf(unplaced);
    }

    private boolean visible(Cell c) {
        if (layer.view().hideDisabled() && !c.enabled()) {
            return false;
        }
        List<String> platforms = layer.platforms();
        List<String> own = c.technique().platforms();
        return platforms.isEmpty() || own.isEmpty() || own.stream().anyMatch(platforms::contains);
    }

    private Cell cell(
            Technique t, Tactic tactic, Map<String, TechniqueAnnotation> entries, List<Cell> subs, boolean expanded) {
        Optional<TechniqueAnnotation> a = annotation(t, tactic, entries);
        OptionalDouble aggregate = aggregate(a, subs);
        Layout layout = layer.view().layout();
        Optional<RgbColor> fill = a.map(TechniqueAnnotation::color).flatMap(RgbColor::parse);
        if (fill.isEmpty()) {
            OptionalDouble basis = layout.showAggregateScores() && !subs.isEmpty()
                    ? aggregate
                    : a.map(TechniqueAnnotation::score).orElse(OptionalDouble.empty());
            if (basis.isPresent()) {
                fill = Optional.of(layer.gradient().colorFor(basis.getAsDouble()));
            }
        }
        return new Cell(t, tactic, t.name(), a, subs, expanded, aggregate, fill);
    }

    private OptionalDouble aggregate(Optional<TechniqueAnnotation> own, List<Cell> subs) {
        Layout layout = layer.view().layout();
        List<Double> values = new ArrayList<>();
        OptionalDouble ownScore = own.map(TechniqueAnnotation::score).orElse(OptionalDouble.empty());
        if (ownScore.isPresent()) {
            values.add(ownScore.getAsDouble());
        } else if (layout.countUnscored()) {
            values.add(0.0);
        }
        for (Cell s : subs) {
            if (s.score().isPresent()) {
                values.add(s.score().getAsDouble());
            } else if (layout.countUnscored()) {
                values.add(0.0);
            }
        }
        return aggregate(
                layout.aggregateFunction(),
                values,
                ownScore.isPresent() || subs.stream().anyMatch(s -> s.score().isPresent()));
    }

    /** The Navigator's aggregate: over the parent's and its sub-techniques' scores; none when nothing is scored. */
    static OptionalDouble aggregate(AggregateFunction f, List<Double> values, boolean anyScored) {
        if (values.isEmpty() || !anyScored) {
            return OptionalDouble.empty();
        }
        var stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return OptionalDouble.of(
                switch (f) {
                    case AVERAGE -> stats.getAverage();
                    case MIN -> stats.getMin();
                    case MAX -> stats.getMax();
                    case SUM -> stats.getSum();
                });
    }

    private Optional<TechniqueAnnotation> annotation(
            Technique t, Tactic tactic, Map<String, TechniqueAnnotation> entries) {
        TechniqueAnnotation general = entries.get(key(t.id(), ""));
        TechniqueAnnotation specific = entries.get(key(t.id(), tactic.shortname()));
        if (general == null && specific == null) {
            return Optional.empty();
        }
        TechniqueAnnotation merged =
                general == null ? specific : specific == null ? general : general.mergedWith(specific);
        return Optional.of(merged.withTactic(Optional.of(tactic.shortname())));
    }

    private Comparator<Cell> order() {
        Comparator<Cell> byName = Comparator.comparing(c -> c.displayName().toLowerCase(Locale.ROOT));
        Comparator<Cell> byScore = Comparator.comparingDouble(c -> c.score().orElse(0));
        Sorting s = layer.view().sorting();
        return switch (s) {
            case NAME_ASCENDING -> byName;
            case NAME_DESCENDING -> byName.reversed();
            case SCORE_ASCENDING -> byScore.thenComparing(byName);
            case SCORE_DESCENDING -> byScore.reversed().thenComparing(byName);
        };
    }

    private static String key(AtlasId techniqueId, String tacticShortname) {
        return key(techniqueId.value(), tacticShortname);
    }

    private static String key(String techniqueId, String tacticShortname) {
        return norm(techniqueId) + "^" + tacticShortname.toLowerCase(Locale.ROOT);
    }

    private static String norm(String techniqueId) {
        return techniqueId.strip().toUpperCase(Locale.ROOT);
    }
}
