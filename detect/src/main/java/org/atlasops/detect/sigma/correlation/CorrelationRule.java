package org.atlasops.detect.sigma.correlation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.sigma.SigmaRule;

/**
 * A Sigma correlation rule (all seven types of Sigma 2.1). {@code rules} name Sigma rules or other correlations by
 * id or name; {@code aliases} map an alias used in {@code groupBy} to the field it is in each referenced rule's
 * events; the condition is a conjunction of comparisons of the aggregated value.
 */
public record CorrelationRule(
        SigmaRule.Meta meta,
        Type type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Map<String, Double> condition,
        Optional<String> field,
        Map<String, Map<String, String>> aliases,
        boolean generate) {

    public enum Type {
        EVENT_COUNT,
        VALUE_COUNT,
        TEMPORAL,
        TEMPORAL_ORDERED,
        VALUE_SUM,
        VALUE_AVG,
        VALUE_PERCENTILE;

        public String sigmaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CorrelationRule {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(type, "type");
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(timespan, "timespan");
        condition = Map.copyOf(condition);
        Objects.requireNonNull(field, "field");
        aliases = Map.copyOf(aliases);
    }

    /** Whether an aggregated value satisfies every comparison of the condition. */
    public boolean holds(double value) {
        for (Map.Entry<String, Double> c : condition.entrySet()) {
            if (!compare(c.getKey(), value, c.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** One comparison of the condition: {@code gt gte lt lte eq neq}. */
    static boolean compare(String operator, double value, double limit) {
        return switch (operator) {
            case "gt" -> value > limit;
            case "gte" -> value >= limit;
            case "lt" -> value < limit;
            case "lte" -> value <= limit;
            case "eq" -> value == limit;
            default -> value != limit;
        };
    }

    /** The name other correlations use for this one: {@code name}, else {@code id}. */
    public Optional<String> reference() {
        return Optional.ofNullable(meta.name()).or(() -> Optional.ofNullable(meta.id()));
    }
}
