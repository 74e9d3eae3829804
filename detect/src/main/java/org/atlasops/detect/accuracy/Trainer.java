package org.atlasops.detect.accuracy;

import java.util.List;

/**
 * A detector that learns: trains on labelled examples and gives the trained detector, with its operating point chosen
 * from the training examples alone (leave-one-source-out relies on that: the left-out source must not choose it).
 */
public interface Trainer<T> {
    Judge<T> train(List<Example<T>> examples);
}
