package org.atlasops.navigator;

import java.util.List;
import java.util.Objects;

/**
 * The score gradient: colours spread evenly from {@code minValue} to {@code maxValue}; scores outside clamp to the
 * ends. Colours are kept as written; {@link #colorFor} uses those that parse.
 */
public record Gradient(List<String> colors, double minValue, double maxValue) {
    /** The Navigator's default "redgreen" preset over 0..100. */
    public static final Gradient DEFAULT = new Gradient(List.of("#ff6666", "#ffe766", "#8ec843"), 0, 100);

    public Gradient {
        colors = List.copyOf(Objects.requireNonNull(colors, "colors"));
    }

    /** A gradient from white to one colour, the usual choice for counts. */
    public static Gradient whiteTo(String color, double min, double max) {
        return new Gradient(List.of("#ffffff", color), min, max > min ? max : min + 1);
    }

    /** The colour for a score. */
    public RgbColor colorFor(double score) {
        List<RgbColor> stops = colors.stream()
                .map(RgbColor::parse)
                .flatMap(java.util.Optional::stream)
                .toList();
        if (stops.isEmpty()) {
            return RgbColor.WHITE;
        }
        if (stops.size() == 1 || maxValue <= minValue) {
            return stops.get(0);
        }
        double t = (Math.max(minValue, Math.min(maxValue, score)) - minValue) / (maxValue - minValue);
        double pos = t * (stops.size() - 1);
        int i = Math.min((int) Math.floor(pos), stops.size() - 2);
        return stops.get(i).mix(stops.get(i + 1), pos - i);
    }
}
