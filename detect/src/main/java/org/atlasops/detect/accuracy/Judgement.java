package org.atlasops.detect.accuracy;

import java.util.Objects;

/**
 * A detector's answer on one item: its attack score (higher is more suspicious), whether it flagged the item, and the
 * label it gave (for a prompt detector injection, jailbreak or benign).
 */
public record Judgement(double score, boolean flagged, String label) {
    public Judgement {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("a score must be a number");
        }
        Objects.requireNonNull(label, "label");
    }
}
