package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RegexPrefilterTest {
    @Test
    void literalsOfCommonShapes() {
        assertThat(RegexPrefilter.of("\\b(ignore|disregard)\\b.{0,40}\\binstructions\\b"))
                .as("cut to eight characters").containsExactly("instruct");
        assertThat(RegexPrefilter.of("(AKIA[0-9A-Z]{16}|-----BEGIN (RSA |EC )?PRIVATE KEY-----)"))
                .as("the three kinds of key share their first eight characters")
                .containsExactlyInAnyOrder("akia", "-----beg");
        assertThat(RegexPrefilter.of("colou?r")).containsExactlyInAnyOrder("color", "colour");
        assertThat(RegexPrefilter.of("a.b")).isNull();
        assertThat(RegexPrefilter.of("(foo)?bar")).containsExactly("bar");
        assertThat(RegexPrefilter.of("[a-z]+")).isNull();
        assertThat(RegexPrefilter.of("(?i)abc")).isNull();
        assertThat(RegexPrefilter.of("/dev/tcp/[0-9.]+")).containsExactly("/dev/tcp");
    }

    @Test
    void fixedPartsSideBySideAreMultipliedOut() {
        // "read_file" has "read_" but none of these: the tool-name rule is ruled out without running the regex
        assertThat(RegexPrefilter.of("(read_(email|mail|inbox)|get_(secret|email)|query)"))
                .containsExactlyInAnyOrder("read_ema", "read_mai", "read_inb", "get_secr", "get_emai", "query");
        assertThat(RegexPrefilter.of("(q|r)(s|t)uv")).containsExactlyInAnyOrder("qsuv", "qtuv", "rsuv", "rtuv");
        assertThat(RegexPrefilter.of("(foo)?bar")).as("foobar holds bar: only bar is kept").containsExactly("bar");
        assertThat(RegexPrefilter.of("x(yz)*w")).as("a repeated group breaks the chain").isNull();
        // beyond 64 strings the chain is cut: (a|b|c|d)(e|f|g|h)(i|j|k|l)(m|n|o|p) keeps the first three parts
        assertThat(RegexPrefilter.of("(a|b|c|d)(e|f|g|h)(i|j|k|l)(m|n|o|p)")).hasSize(64);
    }

    /** Soundness: whenever the regex finds a match, some literal is in the text. */
    @Property(tries = 2000)
    void aMatchAlwaysContainsALiteral(@ForAll @StringLength(max = 40) String text) {
        assertSound(text);
    }

    /** The same on texts made of the patterns' own pieces, so that matches are common. */
    @Property(tries = 5000)
    void aMatchAlwaysContainsALiteralInTextsOfTheirPieces(
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 29) Integer> pieces) {
        String[] from = {"colo", "u", "r", "read_", "mail", "inbox", "get_", "x", "yy", "z", "foo", "bar", "baz", "qux",
            "end", "ab", "c", "d", "ef", " ", "q", "s", "t", "uv", "e", "f", "yz", "w", "ignore", "all"};
        StringBuilder text = new StringBuilder();
        pieces.forEach(i -> text.append(from[i]));
        assertSound(text.toString());
    }

    private static void assertSound(String text) {
        List<String> patterns = List.of("\\b(ignore|disregard|forget)\\b.{0,10}\\b(previous|all)\\b",
                "(ab|cd)+e?f", "x(yz)*w", "(?:hello|world)[0-9]{2,}", "a{2}b", "(q|r)(s|t)uv",
                "colou?r", "(read_(mail|inbox)|get_(x|yy))z?", "(foo)?bar(baz|qux)?end", "\\b(ab|c)\\b(d|ef)");
        for (String p : patterns) {
            List<String> lits = RegexPrefilter.of(p);
            if (lits != null && Pattern.compile(p, Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                String lower = text.toLowerCase(Locale.ROOT);
                assertThat(lits.stream().anyMatch(lower::contains)).as(p + " on " + text).isTrue();
            }
        }
    }
}
