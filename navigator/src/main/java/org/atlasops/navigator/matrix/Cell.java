package org.atlasops.navigator.matrix;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.TechniqueAnnotation;

/**
 * One technique in one tactic column, with what the layer says about it there.
 *
 * @param annotation the layer's entry for this cell (entries without a tactic merged with the tactic's own)
 * @param subTechniques the sub-techniques under a parent, sorted like their column; empty for a sub-technique
 * @param expanded whether the sub-techniques are shown (the entry's showSubtechniques or the layout's expansion)
 * @param aggregateScore the parent's score aggregated over itself and its sub-techniques (the layout's function)
 * @param fill the colour the cell is painted: its own colour, else the (aggregate) score on the gradient
 */
public record Cell(
        Technique technique,
        Tactic tactic,
        String displayName,
        Optional<TechniqueAnnotation> annotation,
        List<Cell> subTechniques,
        boolean expanded,
        OptionalDouble aggregateScore,
        Optional<RgbColor> fill) {
    public Cell {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(annotation, "annotation");
        subTechniques = List.copyOf(subTechniques);
        Objects.requireNonNull(aggregateScore, "aggregateScore");
        Objects.requireNonNull(fill, "fill");
    }

    /** The technique's ID as a layer writes it. */
    public String techniqueId() {
        return technique.id().value();
    }

    public OptionalDouble score() {
        return annotation.map(TechniqueAnnotation::score).orElse(OptionalDouble.empty());
    }

    public String comment() {
        return annotation.map(TechniqueAnnotation::comment).orElse("");
    }

    public boolean enabled() {
        return annotation.map(TechniqueAnnotation::enabled).orElse(true);
    }

    public boolean annotated() {
        return annotation.filter(TechniqueAnnotation::isAnnotated).isPresent();
    }

    /** The text colour that reads on the fill: black or white, grey when disabled. */
    public RgbColor textColor() {
        if (!enabled()) {
            return new RgbColor(0xbc, 0xbc, 0xbc, 255);
        }
        return fill.map(RgbColor::readableText).orElse(RgbColor.BLACK);
    }
}
