package org.atlasops.detect.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;
import org.atlasops.detect.sigma.accel.ShortTextMemo;
import org.junit.jupiter.api.Test;

class RegexMatchTest {
    /** From memory (a detector's memo), through the automaton, or alone: the same answers as searching. */
    @Test
    void aRegexGivesTheSameAnswerFromMemoryAsBySearching() {
        LiteralAutomaton.Builder b = new LiteralAutomaton.Builder();
        RegexMatch shared = RegexMatch.of(Pattern.compile("/v1/(chat/completions|embeddings)$"), Optional.of(b));
        RegexMatch alone = RegexMatch.of(Pattern.compile("/v1/(chat/completions|embeddings)$"), Optional.empty());
        LiteralAutomaton automaton = b.build();
        ShortTextMemo[] memos = new ShortTextMemo[automaton.memoSlots()];
        String[] texts = {
            "/v1/chat/completions",
            "/v1/models",
            "/v1/embeddings",
            "/v1/chat/completions/x",
            "x".repeat(ShortTextMemo.MAX_LENGTH) + "/v1/embeddings"
        };
        boolean[] expected = {true, false, true, false, true};
        Event e = Event.of(JsonNodeFactory.instance.objectNode());
        for (int round = 0; round < 3; round++) {
            EvaluationContext c = new EvaluationContext(e, automaton, memos);
            for (int i = 0; i < texts.length; i++) {
                TextNode v = new TextNode(new String(texts[i]));
                assertThat(shared.test(v, c)).as(texts[i]).isEqualTo(expected[i]);
                assertThat(alone.test(v, EvaluationContext.of(e))).as(texts[i]).isEqualTo(expected[i]);
            }
        }
        assertThat(memos[0].get("/v1/chat/completions/x"))
                .as("remembered by the detector's memo")
                .isFalse();
        assertThat(memos[0].get("/v1/models"))
                .as("ruled out by the automaton before the regex ran")
                .isNull();
    }
}
