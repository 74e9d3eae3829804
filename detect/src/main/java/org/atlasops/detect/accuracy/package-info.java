/**
 * How well a detector generalises, measured on labelled examples: balanced accuracy, recall per label, benign texts
 * flagged, ROC-AUC and a threshold table, overall and per source, language and length band; and leave-one-source-out
 * (train on every source but one, measure on that one). Nothing here knows a particular detector: a detector plugs
 * in as a {@link org.atlasops.detect.accuracy.Judge} (and a {@link org.atlasops.detect.accuracy.Trainer} when it
 * learns), its records as an {@link org.atlasops.detect.accuracy.ExampleFormat}.
 */
package org.atlasops.detect.accuracy;
