package org.atlasops.assess.threatmodel;

import java.util.List;
import java.util.Objects;

/**
 * How urgent an applicable technique is: the sum of weighted parts, each part a value from 0 to 1 with what it was
 * computed from. The total runs from 0 to the sum of the weights (100 with the defaults).
 */
public record Priority(double total, List<Part> parts) {
    /**
     * @param name exposure, maturity, evidence or control-gap
     * @param value from 0 to 1
     * @param weight the points the part is worth at 1
     * @param detail what the value was computed from
     */
    public record Part(String name, double value, double weight, String detail) {
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
            if (value < 0 || value > 1) {
                throw new IllegalArgumentException(name + " must be from 0 to 1, was " + value);
            }
        }

        public double points() {
            return Math.round(value * weight * 10) / 10.0;
        }
    }

    public Priority {
        parts = List.copyOf(parts);
    }

    static Priority of(List<Part> parts) {
        double sum = parts.stream().mapToDouble(p -> p.value() * p.weight()).sum();
        return new Priority(Math.round(sum * 10) / 10.0, parts);
    }

    /** "exposure 25 + maturity 25 + evidence 8 + control-gap 30". */
    public String formula() {
        return String.join(
                " + ",
                parts.stream().map(p -> p.name() + " " + format(p.points())).toList());
    }

    static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
