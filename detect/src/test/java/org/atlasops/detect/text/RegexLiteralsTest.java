package org.atlasops.detect.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
    private static final RegexLiterals.Style EXACT =
            new RegexLiterals.Style(false, 32, false, true, true, 1, Integer.MAX_VALUE);
    private static final RegexLiterals.Style FOLDED = new RegexLiterals.Style(true, 64, true, false, false, 2, 8);

    @Test
    void theStyleDecidesCaseRunsAndLength() {
        assertThat(RegexLiterals.of("Colou?rs\\b", EXACT)).contains(List.of("Colo"));
        assertThat(RegexLiterals.of("Colou?rs\\b", FOLDED)).contains(List.of("colours", "colors"));
        assertThat(RegexLiterals.of("ab\\bcdefghijk", EXACT)).contains(List.of("abcdefghijk"));
        assertThat(RegexLiterals.of("ab\\bcdefghijk", FOLDED)).contains(List.of("cdefghij"));
        assertThat(RegexLiterals.of("a|bc", EXACT)).contains(List.of("a", "bc"));
        assertThat(RegexLiterals.of("a|bc", FOLDED))
                .as("a literal under two characters")
                .isEmpty();
    }

    @Test
    void aStyleOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new RegexLiterals.Style(true, 0, true, true, true, 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxExact");
        assertThatThrownBy(() -> new RegexLiterals.Style(true, 8, true, true, true, 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final String[] ATOMS = {
        "a",
        "B",
        "ab",
        " ",
        ".",
        "[ab]",
        "[a[b]]",
        "\\b",
        "\\A",
        "\\z",
        "^",
        "$",
        "(?!a)",
        "(?<=b)",
        "\\x41",
        "\\u0062",
        "\\x{61}",
        "\\p{L}",
        "\\d",
        "(?<n>ab|b)",
        "(?>a|ba)",
        "(?:a|B)"
    };
    private static final String[] QUANTIFIERS = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "+?"};

    /** Random regexes of the constructs read: whenever one matches a text, the match holds a literal, in both styles. */
    @Property(tries = 3000)
    void everyMatchContainsALiteral(@ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder regex = new StringBuilder();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            if (random.nextInt(6) == 0) {
                regex.append('|');
            }
            regex.append(ATOMS[random.nextInt(ATOMS.length)]).append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
        }
        String re = regex.toString().replaceAll("^\\||\\|$", "");
        if (re.indexOf("(?<n>") != re.lastIndexOf("(?<n>")) {
            return; // a group name used twice is no regex
        }
        for (RegexLiterals.Style style : List.of(EXACT, FOLDED)) {
            Optional<List<String>> literals = RegexLiterals.of(re, style);
            Pattern p = Pattern.compile(re, style.foldCase() ? Pattern.CASE_INSENSITIVE : 0);
            for (int i = 0; i < 20; i++) {
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(12); k > 0; k--) {
                    text.append("abAB .".charAt(random.nextInt(6)));
                }
                Matcher m = p.matcher(text);
                if (literals.isPresent() && m.find()) {
                    String match = style.foldCase() ? m.group().toLowerCase(Locale.ROOT) : m.group();
                    assertThat(literals.get()).as("%s on [%s]", re, text).anyMatch(match::contains);
                }
            }
        }
    }
}
