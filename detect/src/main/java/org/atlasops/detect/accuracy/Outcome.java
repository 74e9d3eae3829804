package org.atlasops.detect.accuracy;

import java.util.Objects;

/**
 * A detector's judgement of one example, with what the tables group by: label, whether it is an attack, source group,
 * language and length band, score and decision.
 */
public record Outcome(
        String id,
        String label,
        boolean attack,
        String source,
        String language,
        LengthBand length,
        double score,
        boolean flagged) {
    public Outcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(length, "length");
    }

    /** The judgement of an example, grouped by its {@linkplain Example#sourceGroup() source group}. */
    public static Outcome of(Example<?> e, Judgement j) {
        return new Outcome(
                e.id(), e.label(), e.attack(), e.sourceGroup(), e.language(), e.length(), j.score(), j.flagged());
    }
}
