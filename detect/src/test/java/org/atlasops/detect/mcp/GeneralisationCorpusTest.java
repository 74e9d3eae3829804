package org.atlasops.detect.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generalisation corpus (generalisation_tools.jsonl, see SOURCES.md): poisoned tools written in wordings the
 * check's patterns were not written from, one group per category of issue 16, each with benign look-alikes a real
 * server could ship. It reports recall and benign flagged per split and category and fails below the targets of
 * issue 16 (recall at least 0.90, at most 2% of benign tools flagged, which on 56 benign tools means at most one).
 */
class GeneralisationCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double MIN_RECALL = 0.90;
    static final double MAX_BENIGN_FLAGGED = 0.021;

    /** Counts of one group: poisoned caught of poisoned, benign flagged of benign. */
    private static final class Tally {
        int poisoned;
        int caught;
        int benign;
        int flagged;

        void add(boolean isPoisoned, boolean flaggedAsPoisoned) {
            if (isPoisoned) {
                poisoned++;
                caught += flaggedAsPoisoned ? 1 : 0;
            } else {
                benign++;
                flagged += flaggedAsPoisoned ? 1 : 0;
            }
        }

        double recall() {
            return poisoned == 0 ? 1 : (double) caught / poisoned;
        }

        double benignFlagged() {
            return benign == 0 ? 0 : (double) flagged / benign;
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "recall %.3f (%d of %d), benign flagged %.1f%% (%d of %d)",
                    recall(),
                    caught,
                    poisoned,
                    100 * benignFlagged(),
                    flagged,
                    benign);
        }
    }

    static List<JsonNode> corpus() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GeneralisationCorpusTest.class.getResourceAsStream(
                        "/org/atlasops/detect/mcp/generalisation_tools.jsonl"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    @Test
    void recallAndBenignFlaggedOnToolsWrittenInUnseenWordings() throws Exception {
        ToolPoisoningChecker checker = new ToolPoisoningChecker();
        Tally all = new Tally();
        Map<String, Tally> groups = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode n : corpus()) {
            boolean poisoned = n.path("label").asText().equals("poisoned");
            ToolPoisoningChecker.Verdict v = checker.check(ToolDefinition.of(n));
            all.add(poisoned, v.poisoned());
            groups.computeIfAbsent("split " + n.path("split").asText(), k -> new Tally())
                    .add(poisoned, v.poisoned());
            groups.computeIfAbsent(n.path("category").asText(), k -> new Tally())
                    .add(poisoned, v.poisoned());
            // every miss, and every benign look-alike with any finding: the near misses a change must not push over
            if (poisoned != v.poisoned() || !poisoned && v.score() > 0) {
                String what = poisoned ? "missed " : v.poisoned() ? "flagged " : "benign, scored ";
                errors.add(what + n.path("id").asText() + " " + n.path("name").asText() + " score " + v.score() + " "
                        + v.reasons());
            }
        }
        StringBuilder report = new StringBuilder("MCP generalisation corpus: all " + all + "\n");
        groups.forEach(
                (k, t) -> report.append("  ").append(k).append(": ").append(t).append('\n'));
        errors.forEach(e -> report.append("  ").append(e).append('\n'));
        System.out.print(report);

        assertThat(all.poisoned).isEqualTo(65);
        assertThat(all.benign).isEqualTo(56);
        assertThat(all.recall()).as(report.toString()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(all.benignFlagged()).as(report.toString()).isLessThanOrEqualTo(MAX_BENIGN_FLAGGED);
    }

    @Test
    void everyPoisonedToolCaughtSaysWhichPartAndWhy() throws Exception {
        ToolPoisoningChecker checker = new ToolPoisoningChecker();
        for (JsonNode n : corpus()) {
            ToolPoisoningChecker.Verdict v = checker.check(ToolDefinition.of(n));
            if (v.poisoned()) {
                assertThat(v.findings()).isNotEmpty().allSatisfy(f -> {
                    assertThat(f.part()).isNotBlank();
                    assertThat(f.reason()).isNotBlank();
                });
            }
        }
    }
}
