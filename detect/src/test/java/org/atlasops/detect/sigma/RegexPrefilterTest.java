package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RegexPrefilterTest {
    @Test
    void literalsOfCommonShapes() {
        assertThat(RegexPrefilter.of("\\b(ignore|disregard)\\b.{0,40}\\binstructions\\b"))
                .containsExactly("instructions");
        assertThat(RegexPrefilter.of("(AKIA[0-9A-Z]{16}|-----BEGIN (RSA |EC )?PRIVATE KEY-----)"))
                .containsExactlyInAnyOrder("akia", "private key-----");
        assertThat(RegexPrefilter.of("colou?r")).containsExactly("colo");
        assertThat(RegexPrefilter.of("a.b")).isNull();
        assertThat(RegexPrefilter.of("(foo)?bar")).containsExactly("bar");
        assertThat(RegexPrefilter.of("[a-z]+")).isNull();
        assertThat(RegexPrefilter.of("(?i)abc")).isNull();
        assertThat(RegexPrefilter.of("/dev/tcp/[0-9.]+")).containsExactly("/dev/tcp/");
    }

    /** Soundness: whenever the regex finds a match, some literal is in the text. */
    @Property(tries = 2000)
    void aMatchAlwaysContainsALiteral(@ForAll @StringLength(max = 40) String text) {
        List<String> patterns = List.of("\\b(ignore|disregard|forget)\\b.{0,10}\\b(previous|all)\\b",
                "(ab|cd)+e?f", "x(yz)*w", "(?:hello|world)[0-9]{2,}", "a{2}b", "(q|r)(s|t)uv");
        for (String p : patterns) {
            List<String> lits = RegexPrefilter.of(p);
            if (lits != null && Pattern.compile(p, Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                String lower = text.toLowerCase(Locale.ROOT);
                assertThat(lits.stream().anyMatch(lower::contains)).as(p + " on " + text).isTrue();
            }
        }
    }
}
