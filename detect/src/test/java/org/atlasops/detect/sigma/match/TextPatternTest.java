package org.atlasops.detect.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextPatternTest {
    /** Characters that matter to case-insensitive search: ASCII, Latin-1, and those that fold to i, k or s. */
    private static final String ALPHABET = "abcikstxyzABCIKSTXYZ<|>_-. 0éÉ\u0130\u0131\u212a\u017f\u00b5\u039c\u03bc";

    /** The specification of contains without case: some start position where the value matches ignoring case. */
    private static boolean reference(String text, String value) {
        for (int i = 0; i + value.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, value, 0, value.length())) {
                return true;
            }
        }
        return false;
    }

    private static String random(Random r, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    @Test
    void containsWithoutCaseAgreesWithEveryStartPosition() {
        Random r = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            String value = random(r, 3);
            String text = random(r, 12);
            if (value.isEmpty()) {
                continue;
            }
            assertThat(new TextPattern.Contains(value, false).matches(text))
                    .as("%s in %s", value, text)
                    .isEqualTo(reference(text, value));
        }
    }

    @Test
    void lettersThatOtherCharactersFoldToAreFound() {
        assertThat(new TextPattern.Contains("kit", false).matches("a \u212aIT"))
                .as("Kelvin sign")
                .isTrue();
        assertThat(new TextPattern.Contains("ss", false).matches("\u017fS"))
                .as("long s")
                .isTrue();
        assertThat(new TextPattern.Contains("<|im_start|>", false).matches("x <|IM_START|> y"))
                .isTrue();
        assertThat(new TextPattern.Contains("<|im_start|>", false).matches("x <|im_stop|> <|im_star"))
                .isFalse();
        assertThat(new TextPattern.Contains("mimi", true).matches("MimiKatz")).isFalse();
    }
}
