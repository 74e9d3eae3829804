package org.atlasops.detect.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.atlasops.detect.sigma.Pipeline;
import org.junit.jupiter.api.Test;

/** Benign corpora: a rule that alerts on ordinary traffic fails, naming the record and what matched. */
class RuleTestsBenignTest {
    private static final String RULE =
            "title: Word x\nlogsource: {category: test}\n" + "detection: {s: {msg|contains: secret}, condition: s}\n";
    private static final String TESTS = "- name: hit\n  expect: match\n  events:\n    - {\"msg\": \"a secret\"}\n"
            + "- name: miss\n  expect: no_match\n  events:\n    - {\"msg\": \"hello\"}\n";

    private static List<RuleTests.Result> run(String corpus) {
        return RuleTests.run(
                RULE,
                "r.yml",
                TESTS,
                Pipeline.NONE,
                Map.of(),
                List.of(new RuleTests.BenignCorpus("chat.jsonl", corpus)));
    }

    @Test
    void aRuleQuietOnTheCorpusPassesWithTheEventCount() {
        List<RuleTests.Result> results = run("{\"msg\": \"good morning\"}\n\n{\"msg\": \"see you\"}\n");
        assertThat(results)
                .allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
        assertThat(results).extracting(RuleTests.Result::name).contains("benign chat.jsonl (2 events)");
    }

    @Test
    void anAlertOnABenignEventFailsNamingTheLineTheRecordAndTheMatchedValue() {
        List<RuleTests.Result> results =
                run("{\"msg\": \"good morning\"}\n{\"event.id\": \"pr-1\", \"msg\": \"keep it secret, please\"}\n");
        List<RuleTests.Result> failed =
                results.stream().filter(r -> !r.passed()).toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).toString())
                .isEqualTo("FAIL  r.yml: benign chat.jsonl:2 (pr-1): alerted on a benign event: 'Word x' matched "
                        + "msg = \"keep it secret, please\"");
    }

    @Test
    void manyAlertsAreListedUpToALimitThenCounted() {
        String corpus = "{\"msg\": \"secret\"}\n".repeat(RuleTests.MAX_BENIGN_FAILURES + 3);
        List<RuleTests.Result> failed =
                run(corpus).stream().filter(r -> !r.passed()).toList();
        assertThat(failed).hasSize(RuleTests.MAX_BENIGN_FAILURES + 1);
        assertThat(failed.get(failed.size() - 1).detail())
                .isEqualTo("3 more benign events alerted (" + (RuleTests.MAX_BENIGN_FAILURES + 3) + " of "
                        + (RuleTests.MAX_BENIGN_FAILURES + 3) + ")");
    }

    @Test
    void aLineThatIsNotAnObjectFailsWithItsPlace() {
        List<RuleTests.Result> failed = run("{\"msg\": \"fine\"}\n[1, 2]\n").stream()
                .filter(r -> !r.passed())
                .toList();
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("benign chat.jsonl:2");
            assertThat(r.detail()).contains("not a JSON object");
        });
    }

    @Test
    void aLineThatIsNotJsonFailsWithItsPlaceAndTheOtherLinesStillRun() {
        List<RuleTests.Result> results = run("{\"msg\": \"fine\"\n{\"msg\": \"a secret\"}\n");
        List<RuleTests.Result> failed =
                results.stream().filter(r -> !r.passed()).toList();
        assertThat(failed)
                .extracting(RuleTests.Result::name)
                .containsExactly("benign chat.jsonl:1", "benign chat.jsonl:2");
        assertThat(failed.get(0).detail()).startsWith("not valid JSON (");
        assertThat(failed.get(1).detail()).contains("'Word x' matched msg = \"a secret\"");
    }
}
