package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorTest {
    private static final String REGEX_RULE =
            "title: %s\nlogsource: {}\ndetection:\n  s:\n    f|re: '%s'\n" + "  condition: s\n";

    /**
     * Rules from two loaders have literal ids of two automata: a rule set put together from both still gives each
     * rule its own verdict, whichever rule comes first.
     */
    @Test
    void aRuleSetMadeFromTwoLoadersKeepsEachRulesLiterals() {
        RuleSet one = Sigma.rules(
                REGEX_RULE.formatted("one", "alpha\\d") + "---\n" + REGEX_RULE.formatted("two", "gamma\\d"));
        RuleSet other = Sigma.rules(REGEX_RULE.formatted("three", "beta\\d"));
        for (List<SigmaRule> order : List.of(
                List.of(one.rules().get(0), other.rules().get(0)),
                List.of(other.rules().get(0), one.rules().get(0), one.rules().get(1)))) {
            Detector d = new Detector(new RuleSet(order, List.of(), List.of(), List.of(), 0));
            for (String text : List.of("alpha1", "beta2", "gamma3", "beta2 alpha1", "none")) {
                List<String> matched = new ArrayList<>();
                for (Match m : d.process(Sigma.event("{\"f\": \"" + text + "\"}"), Instant.EPOCH)) {
                    matched.add(((Match.RuleMatch) m).rule().title());
                }
                List<String> expected = order.stream()
                        .map(SigmaRule::title)
                        .filter(t -> t.equals("one") && text.contains("alpha")
                                || t.equals("two") && text.contains("gamma")
                                || t.equals("three") && text.contains("beta"))
                        .toList();
                assertThat(matched).as(text + " with " + order).containsExactlyElementsOf(expected);
            }
        }
    }
}
