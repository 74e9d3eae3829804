package org.atlasops.navigator;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code layout} object: how the matrix is drawn. {@code MINI} hides IDs and names, as the Navigator does.
 *
 * @param expandedSubtechniques which parents show their sub-techniques: none, all, or those with annotated subs
 */
public record Layout(
        Kind kind,
        boolean showId,
        boolean showName,
        boolean showAggregateScores,
        boolean countUnscored,
        AggregateFunction aggregateFunction,
        Expansion expandedSubtechniques) {
    public static final Layout DEFAULT =
            new Layout(Kind.SIDE, false, true, false, false, AggregateFunction.AVERAGE, Expansion.NONE);

    public Layout {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(aggregateFunction, "aggregateFunction");
        Objects.requireNonNull(expandedSubtechniques, "expandedSubtechniques");
    }

    /** The three matrix layouts of the Navigator. */
    public enum Kind {
        SIDE,
        FLAT,
        MINI;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which sub-techniques are shown under their parent. */
    public enum Expansion {
        NONE,
        ALL,
        ANNOTATED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
