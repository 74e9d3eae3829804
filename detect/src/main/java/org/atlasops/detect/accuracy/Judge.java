package org.atlasops.detect.accuracy;

/** A detector as the evaluation sees it: a score for an item and the decision at its operating point. */
public interface Judge<T> {
    Judgement judge(T item);

    /** The operating point: an item is flagged when its score is at least this. */
    double threshold();
}
