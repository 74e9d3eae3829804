package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.atlasops.detect.accuracy.ExampleFormat;
import org.atlasops.detect.accuracy.Judge;
import org.atlasops.detect.accuracy.Judgement;

/**
 * The tool-poisoning check as the accuracy evaluation sees it: labelled tool records ({@code description},
 * {@code label} benign or poisoned, optional {@code server}, {@code name}, {@code inputSchema} and
 * {@code annotations}) and the checker as a judge.
 */
public final class ToolExamples {
    private ToolExamples() {}

    /** Tool records as {@code mcp check} reads them, with a label. */
    public static final ExampleFormat<ToolDefinition> FORMAT = new ExampleFormat<>() {
        @Override
        public String what() {
            return "a tool record";
        }

        @Override
        public List<String> labels() {
            return List.of("benign", "poisoned");
        }

        @Override
        public boolean attack(String label) {
            return label.equals("poisoned");
        }

        @Override
        public ToolDefinition item(JsonNode record) {
            return ToolDefinition.of(record);
        }

        @Override
        public String text(ToolDefinition item) {
            return item.description();
        }
    };

    /** The checker, flagging a tool whose score is at least {@code threshold}. */
    public static Judge<ToolDefinition> judge(ToolPoisoningChecker checker, double threshold) {
        return new Judge<>() {
            @Override
            public Judgement judge(ToolDefinition item) {
                ToolPoisoningChecker.Verdict v = checker.check(item);
                boolean flagged = v.score() >= threshold;
                return new Judgement(v.score(), flagged, flagged ? "poisoned" : "benign");
            }

            @Override
            public double threshold() {
                return threshold;
            }
        };
    }
}
