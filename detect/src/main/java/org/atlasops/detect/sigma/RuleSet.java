package org.atlasops.detect.sigma;

import java.util.List;
import org.atlasops.detect.sigma.correlation.CorrelationRule;

/** What a set of Sigma files held: rules (with their filters attached), filters, correlations and problems. */
public record RuleSet(
        List<SigmaRule> rules,
        List<SigmaFilter> filters,
        List<CorrelationRule> correlations,
        List<RuleLoader.Problem> problems,
        int documents) {
    public RuleSet {
        rules = List.copyOf(rules);
        filters = List.copyOf(filters);
        correlations = List.copyOf(correlations);
        problems = List.copyOf(problems);
    }

    /** Documents that loaded (rules, filters and correlations). */
    public int loaded() {
        return rules.size() + filters.size() + correlations.size();
    }
}
