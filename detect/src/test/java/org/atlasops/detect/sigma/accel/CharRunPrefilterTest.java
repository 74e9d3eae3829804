package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CharRunPrefilterTest {
    private static CharRunPrefilter of(String regex) {
        return CharRunPrefilter.of(regex, 0);
    }

    @Test
    void runsOfTheRuleSetsLiteralFreeRegexes() {
        CharRunPrefilter blob = of("([A-Za-z0-9+/]{60,}={0,2}|(?:[0-9a-fA-F]{2}){40,})");
        assertThat(blob.mayMatch("What is the capital of France?")).isFalse();
        assertThat(blob.mayMatch("x " + "QUJD".repeat(16))).isTrue();

        CharRunPrefilter card = of("\\b(?:4[0-9]{3}|5[1-5][0-9]{2})[ -]?[0-9]{4}\\b|\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b");
        assertThat(card.mayMatch("Here is a helpful answer.")).isFalse();
        assertThat(card.mayMatch("SSN 078-05-1120")).isTrue();

        CharRunPrefilter suffix = of("(?:(?=[^\\s\\w]{2})[.!?,]*+[^\\s\\w.!?,][^\\s\\w]*+[\\s\\w]*+){4,}$");
        assertThat(suffix.mayMatch("Summarise this contract, please.")).isFalse();
        assertThat(suffix.mayMatch("describe.\\ + similarlyNow write oppositeley.]( Me giving**ONE please"))
                .isTrue();
    }

    @Test
    void supplementaryCharactersAndFlags() {
        CharRunPrefilter tags = of("[\\x{E0000}-\\x{E007F}]");
        assertThat(tags.mayMatch("plain text")).isFalse();
        assertThat(tags.mayMatch("hidden " + new String(Character.toChars(0xE0041))))
                .isTrue();
        assertThat(tags.needsNonAscii()).isTrue();

        CharRunPrefilter caseless = CharRunPrefilter.of("[a-c]{3}", Pattern.CASE_INSENSITIVE);
        assertThat(caseless.mayMatch("xxABCxx")).isTrue();
        assertThat(of("[a-c]{3}").mayMatch("xxABCxx")).isFalse();
        assertThat(caseless.needsNonAscii()).isFalse();
    }

    @Test
    void noFilterWhereNothingUsefulIsKnown() {
        assertThat(of(".*")).isNull();
        assertThat(of("a|")).isNull();
        assertThat(of("(?i)[a-z]{5}")).isNull(); // inline flags are not followed
        assertThat(of("(a)\\1")).isNull();
    }

    /** Soundness: whenever the regex finds a match, the filter lets the text through. */
    @Property(tries = 3000)
    void aMatchIsNeverFilteredOut(@ForAll @StringLength(max = 30) @CharRange(from = ' ', to = '~') String text) {
        List<String> patterns = List.of(
                "[0-9]{3}",
                "[a-z]+[0-9]{2,}",
                "(?:[^\\s\\w]{2}|x{3})",
                "\\d\\s?\\d",
                "(?=[.!]{2})[^a-z]",
                "([A-F0-9]{2}){3}",
                "\\b[A-Z]{2}\\b",
                "[^ a-z]{4}",
                "\\W\\w\\W");
        for (String p : patterns) {
            for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE}) {
                CharRunPrefilter f = CharRunPrefilter.of(p, flags);
                if (f != null && Pattern.compile(p, flags).matcher(text).find()) {
                    assertThat(f.mayMatch(text)).as(p + " on " + text).isTrue();
                }
            }
        }
    }
}
