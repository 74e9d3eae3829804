package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShortTextMemoTest {
    @Test
    void remembersByValueAndForgetsWhatAnotherValueDisplaces() {
        ShortTextMemo memo = new ShortTextMemo();
        assertThat(memo.get("/v1/chat/completions")).isNull();
        memo.put("/v1/chat/completions", true);
        assertThat(memo.get(new String("/v1/chat/completions"))).as("equal text, another string").isTrue();
        assertThat(memo.get("/v1/embeddings")).isNull();
        // "Aa" and "BB" share a hash code, so they share a slot: the newer wins and the older is a miss, not a lie
        memo.put("Aa", false);
        memo.put("BB", true);
        assertThat(memo.get("Aa")).isNull();
        assertThat(memo.get("BB")).isTrue();
    }

    @Test
    void aRegexTestGivesTheSameAnswerFromMemoryAsBySearching() {
        EventTest.RegexTest re = EventTest.RegexTest.of(Pattern.compile("/v1/(chat/completions|embeddings)$"));
        String[] texts = {"/v1/chat/completions", "/v1/models", "/v1/embeddings", "/v1/chat/completions/x",
            "x".repeat(ShortTextMemo.MAX_LENGTH) + "/v1/embeddings"};
        boolean[] expected = {true, false, true, false, true};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < texts.length; i++) {
                assertThat(re.test(new TextNode(new String(texts[i])))).as(texts[i]).isEqualTo(expected[i]);
            }
        }
    }
}
