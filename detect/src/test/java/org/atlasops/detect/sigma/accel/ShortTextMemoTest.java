package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortTextMemoTest {
    @Test
    void remembersByValueAndForgetsWhatAnotherValueDisplaces() {
        ShortTextMemo memo = new ShortTextMemo();
        assertThat(memo.get("/v1/chat/completions")).isNull();
        memo.put("/v1/chat/completions", true);
        assertThat(memo.get(new String("/v1/chat/completions")))
                .as("equal text, another string")
                .isTrue();
        assertThat(memo.get("/v1/embeddings")).isNull();
        // "Aa" and "BB" share a hash code, so they share a slot: the newer wins and the older is a miss, not a lie
        memo.put("Aa", false);
        memo.put("BB", true);
        assertThat(memo.get("Aa")).isNull();
        assertThat(memo.get("BB")).isTrue();
    }
}
