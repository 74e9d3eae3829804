package org.atlasops.navigator;

import java.util.Objects;

/** One entry of the legend: what a colour means. */
public record LegendItem(String label, String color) {
    public LegendItem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(color, "color");
    }
}
