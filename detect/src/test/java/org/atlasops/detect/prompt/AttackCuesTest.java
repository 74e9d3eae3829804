package org.atlasops.detect.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The one-pass checks in front of the encoded-payload regexes never rule out a text the regexes would match. */
class AttackCuesTest {
    private static final String CHARS = "aF09+/= :xyz.\n";

    @Property(tries = 3000)
    void runChecksAreNecessaryForTheRegexes(@ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(80); i > 0; i--) {
            text.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        String t = text.toString();
        if (AttackCues.BASE64.matcher(t).find()) {
            assertThat(AttackCues.hasBase64Run(t)).as(t).isTrue();
        }
        if (AttackCues.HEX.matcher(t).find()) {
            assertThat(AttackCues.hasHexRun(t)).as(t).isTrue();
        }
    }

    @Property(tries = 3000)
    void tokensSplitAsTheRegexSplits(@ForAll long seed) {
        Random random = new Random(seed);
        String chars = "ab \t\n\u000B\f\r\u2003.";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        String t = text.toString();
        assertThat(AttackCues.tokens(t)).as("[" + t + "]").containsExactly(t.split("\\s+"));
    }

    /** The searches the high-character check skips cannot match a text without such characters. */
    @Property(tries = 2000)
    void tagAndZeroWidthCuesNeedHighCharacters(@ForAll String text) {
        if (!AttackCues.hasCharAtLeast(text, '\u200B')) {
            assertThat(AttackCues.Cue.TAG_CHARACTERS.pattern.matcher(text).find()).isFalse();
            assertThat(AttackCues.Cue.ZERO_WIDTH.pattern.matcher(text).find()).isFalse();
        }
    }
}
