package org.atlasops.navigator.combine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Gradient;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.LayerIssue.Severity;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;

/**
 * Combines any number of layers into one by a score expression, cell by cell (technique and tactic), with the
 * Navigator's rules: a layer that does not score a cell counts as 0 there; a cell no referenced layer scores gets
 * no score; a constant expression scores every cell of the matrix; booleans are 1/0; the gradient is rescaled to
 * the results (white-to-blue when they are only 0 and 1). Per-cell and whole-layer properties can be inherited from
 * a chosen input layer.
 */
public final class LayerCombiner {
    private final KnowledgeBase kb;

    public LayerCombiner(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** The combined layer and what the combination could not do. */
    public record Result(Layer layer, List<LayerIssue> issues) {
        public Result {
            issues = List.copyOf(issues);
        }
    }

    /**
     * @param inherit for each property to copy, the 0-based index of the layer to copy it from
     */
    public Result combine(List<Layer> layers, String expression, Map<Inherit, Integer> inherit, String name) {
        if (layers.isEmpty()) {
            throw new LayerException("combine needs at least one layer");
        }
        ScoreExpression expr = ScoreExpression.parse(expression);
        for (int v : expr.variables()) {
            if (v >= layers.size()) {
                throw new LayerException("the expression uses " + ScoreExpression.variableName(v) + ", which names "
                        + "layer " + (v + 1) + ", but " + layers.size() + " layer(s) were given (a = the first)");
            }
        }
        inherit.forEach((what, index) -> {
            if (index < 0 || index >= layers.size()) {
                throw new LayerException("cannot inherit " + what.name().toLowerCase(java.util.Locale.ROOT)
                        + " from layer " + ScoreExpression.variableName(Math.max(index, 0)) + ": only "
                        + layers.size() + " layer(s) were given");
            }
        });
        List<LayerIssue> issues = new ArrayList<>();
        List<AnnotatedMatrix> matrices = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String var = ScoreExpression.variableName(i);
            String where = "layer " + var + " (" + l.name() + ")";
            l.atlasVersion()
                    .filter(v -> !v.equals(kb.version()))
                    .ifPresent(
                            v -> issues.add(
                                    new LayerIssue(
                                            Severity.WARNING,
                                            where,
                                            "is for ATLAS " + v + ", combined over ATLAS " + kb.version()
                                                    + "; 'atlas-ops layer upgrade' it first to carry renamed tactics and moved techniques")));
            AnnotatedMatrix m = AnnotatedMatrix.of(l, kb);
            for (TechniqueAnnotation lost : m.unplaced()) {
                issues.add(new LayerIssue(
                        Severity.WARNING,
                        where + ": " + lost.key().replace("^", " on "),
                        "names no cell of ATLAS " + kb.version() + "; it takes no part in the combination"));
            }
            matrices.add(m);
        }
        AnnotatedMatrix frame = matrices.get(0);
        Map<String, TechniqueAnnotation> out = new LinkedHashMap<>();
        double[] values = new double[layers.size()];
        List<String> unscorable = new ArrayList<>();
        for (Cell cell : frame.allCells()) {
            String tactic = cell.tactic().shortname();
            boolean anyScored = expr.isConstant();
            for (int v : expr.variables()) {
                OptionalDouble s = matrices.get(v)
                        .cell(cell.techniqueId(), tactic)
                        .map(Cell::score)
                        .orElse(OptionalDouble.empty());
                values[v] = s.orElse(0);
                anyScored |= s.isPresent();
            }
            TechniqueAnnotation result = TechniqueAnnotation.of(cell.techniqueId(), tactic);
            if (anyScored) {
                double score = expr.evaluate(values);
                if (Double.isFinite(score)) {
                    result = result.withScore(OptionalDouble.of(score));
                } else {
                    unscorable.add(cell.techniqueId() + " on " + tactic);
                }
            }
            result = inheritCell(result, cell, matrices, inherit);
            if (result.isAnnotated()) {
                out.put(result.key(), result);
            }
        }
        if (!unscorable.isEmpty()) { // one warning for the expression, not one per cell
            issues.add(new LayerIssue(
                    Severity.WARNING,
                    unscorable.get(0),
                    "the expression gives no number (a division by zero?) for " + unscorable.size() + " cell(s), "
                            + "e.g. " + String.join(", ", unscorable.subList(0, Math.min(3, unscorable.size())))
                            + "; they are left unscored"));
        }
        List<TechniqueAnnotation> entries = showAnnotatedSubs(out, frame);
        StringBuilder from = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            from.append(i == 0 ? "" : "; ")
                    .append(ScoreExpression.variableName(i))
                    .append(" = ")
                    .append(layers.get(i).name());
        }
        Layer combined = Layer.empty(name == null || name.isBlank() ? "Combined: " + expression : name, kb.version())
                .withDescription("Scores from the expression " + expression + " over " + from + ".")
                .withTechniques(entries)
                .withGradient(gradient(entries, layers, inherit));
        if (inherit.containsKey(Inherit.LEGEND)) {
            combined =
                    combined.withLegend(layers.get(inherit.get(Inherit.LEGEND)).legend());
        }
        if (inherit.containsKey(Inherit.FILTERS)) {
            combined = combined.withPlatforms(
                    layers.get(inherit.get(Inherit.FILTERS)).platforms());
        }
        return new Result(combined, issues);
    }

    public Result combine(List<Layer> layers, String expression) {
        return combine(layers, expression, new EnumMap<>(Inherit.class), null);
    }

    private static TechniqueAnnotation inheritCell(
            TechniqueAnnotation result, Cell cell, List<AnnotatedMatrix> matrices, Map<Inherit, Integer> inherit) {
        TechniqueAnnotation r = result;
        for (Map.Entry<Inherit, Integer> e : inherit.entrySet()) {
            Optional<TechniqueAnnotation> source = matrices.get(e.getValue())
                    .cell(cell.techniqueId(), cell.tactic().shortname())
                    .flatMap(Cell::annotation);
            if (source.isEmpty()) {
                continue;
            }
            TechniqueAnnotation s = source.get();
            r = switch (e.getKey()) {
                case COMMENTS -> r.withComment(s.comment());
                case COLORS -> r.withColor(s.color());
                case LINKS -> r.withLinks(s.links());
                case METADATA -> r.withMetadata(s.metadata());
                case ENABLED -> r.withEnabled(s.enabled());
                default -> r;
            };
        }
        return r;
    }

    /** Orders entries like the matrix and makes a parent with annotated sub-techniques show them. */
    private static List<TechniqueAnnotation> showAnnotatedSubs(
            Map<String, TechniqueAnnotation> out, AnnotatedMatrix frame) {
        List<TechniqueAnnotation> entries = new ArrayList<>();
        for (Cell cell : frame.allCells()) {
            String key = cell.techniqueId() + "^" + cell.tactic().shortname();
            boolean subAnnotated = cell.subTechniques().stream()
                    .anyMatch(s ->
                            out.containsKey(s.techniqueId() + "^" + s.tactic().shortname()));
            TechniqueAnnotation a = out.get(key);
            if (subAnnotated) {
                a = (a != null
                                ? a
                                : TechniqueAnnotation.of(
                                        cell.techniqueId(), cell.tactic().shortname()))
                        .withShowSubtechniques(true);
            }
            if (a != null) {
                entries.add(a);
            }
        }
        return entries;
    }

    private static Gradient gradient(
            List<TechniqueAnnotation> entries, List<Layer> layers, Map<Inherit, Integer> inherit) {
        if (inherit.containsKey(Inherit.GRADIENT)) {
            return layers.get(inherit.get(Inherit.GRADIENT)).gradient();
        }
        double min = entries.stream()
                .filter(t -> t.score().isPresent())
                .mapToDouble(t -> t.score().getAsDouble())
                .min()
                .orElse(0);
        double max = entries.stream()
                .filter(t -> t.score().isPresent())
                .mapToDouble(t -> t.score().getAsDouble())
                .max()
                .orElse(100);
        boolean binary = entries.stream()
                .filter(t -> t.score().isPresent())
                .allMatch(t -> t.score().getAsDouble() == 0 || t.score().getAsDouble() == 1);
        if (binary) {
            return new Gradient(List.of("#ffffff00", "#66b1ff"), 0, 1);
        }
        return new Gradient(Gradient.DEFAULT.colors(), min, max > min ? max : min + 1);
    }
}
