package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Long value lists are matched in one automaton pass and their values feed the rule's prerequisite cut to their
 * first 8 characters: an event that shares those 8 characters but differs later must not match, and one that has
 * the whole value must, through the rule alone and through a detector.
 */
class LongValueListTest {
    private static final String[] MODIFIERS = {"", "|startswith", "|endswith", "|contains"};

    @Test
    void valuesLongerThanTheCutAreComparedWhole() {
        for (String modifier : MODIFIERS) {
            StringBuilder yaml = new StringBuilder(
                            "title: long list\nlogsource: {}\ndetection:\n  sel:\n    CommandLine")
                    .append(modifier)
                    .append(":\n");
            for (int i = 0; i < 12; i++) {
                yaml.append("      - 'powershell-encoded-").append(i).append("'\n");
            }
            yaml.append("  condition: sel\n");
            RuleSet set = Sigma.rules(yaml.toString());
            assertThat(set.problems()).as(modifier).isEmpty();
            assertVerdict(set, modifier, "powershell-encoded-7", true);
            assertVerdict(set, modifier, "POWERSHELL-ENCODED-11", true);
            assertVerdict(set, modifier, "powershell-encoded-x", false);
            assertVerdict(set, modifier, "powershel", false);
            boolean inside = !modifier.isEmpty() && !modifier.equals("|startswith") && !modifier.equals("|endswith");
            assertVerdict(set, modifier, "cmd /c powershell-encoded-3 now", inside);
        }
    }

    private static void assertVerdict(RuleSet set, String modifier, String commandLine, boolean expected) {
        String json = "{\"CommandLine\":\"" + commandLine + "\"}";
        assertThat(set.rules().get(0).matches(Sigma.event(json)))
                .as(modifier + " rule on " + commandLine)
                .isEqualTo(expected);
        assertThat(new Detector(set).process(Sigma.event(json), Instant.EPOCH).isEmpty())
                .as(modifier + " detector on " + commandLine)
                .isEqualTo(!expected);
    }
}
