package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** One pass over a text finds a value exactly when comparing value by value, as the engine does, finds one. */
class LiteralValuesTest {
    /**
     * Letters that fold specially (Kelvin sign, long s, dotted and dotless i, final sigma), emoji, a Deseret letter
     * in both cases (a supplementary character with cases) and unpaired surrogates.
     */
    private static final String[] PIECES = {
        "a",
        "b",
        "k",
        "K",
        "\u212a",
        "s",
        "S",
        "\u017f",
        "i",
        "I",
        "\u0130",
        "\u0131",
        "\u03c3",
        "\u03a3",
        "\u03c2",
        "\u00e9",
        "\u00c9",
        "\ud83d\ude00",
        "\ud83d\udd25",
        "\ud801\udc00",
        "\ud801\udc28",
        "\ud83d",
        "\ude00",
        "-"
    };

    record Entry(String value, LiteralValues.Kind kind) {
        boolean matches(String text) {
            int n = value.length();
            return switch (kind) {
                case EQUALS -> text.equalsIgnoreCase(value);
                case STARTSWITH -> text.regionMatches(true, 0, value, 0, n);
                case ENDSWITH -> text.length() >= n && text.regionMatches(true, text.length() - n, value, 0, n);
                case CONTAINS -> {
                    for (int i = 0; i + n <= text.length(); i++) {
                        if (text.regionMatches(true, i, value, 0, n)) {
                            yield true;
                        }
                    }
                    yield false;
                }
            };
        }
    }

    private static Arbitrary<String> text(int min, int max) {
        return Arbitraries.of(PIECES).list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        return Combinators.combine(text(1, 3), Arbitraries.of(LiteralValues.Kind.values()))
                .as(Entry::new)
                .filter(e -> LiteralValues.accepts(e.value()))
                .list()
                .ofMinSize(1)
                .ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> texts() {
        return text(0, 8);
    }

    @Property(tries = 3000)
    void findsAValueExactlyWhenValueByValueComparisonDoes(
            @ForAll("entries") List<Entry> entries, @ForAll("texts") String text) {
        LiteralValues.Builder b = new LiteralValues.Builder();
        entries.forEach(e -> b.add(e.value(), e.kind()));
        boolean expected = entries.stream().anyMatch(e -> e.matches(text));
        assertThat(b.build().anyMatch(text, t -> entries.stream().anyMatch(e -> e.matches(t))))
                .as(entries + " in " + text)
                .isEqualTo(expected);
    }

    /** Every value of a long list is found on its own, in any case, and only where its kind says. */
    @Test
    void findsEachOfManyValues() {
        LiteralValues.Builder b = new LiteralValues.Builder();
        for (int cp = 0x1f600; cp < 0x1f600 + 500; cp++) {
            b.add(Character.toString(cp), LiteralValues.Kind.CONTAINS);
        }
        b.add("powershell", LiteralValues.Kind.ENDSWITH).add("cmd.exe", LiteralValues.Kind.EQUALS);
        LiteralValues built = b.build();
        java.util.function.Predicate<String> v = t -> built.anyMatch(t, x -> {
            throw new AssertionError("no unpaired surrogate in " + x);
        });
        assertThat(v.test("echo " + Character.toString(0x1f600 + 499) + " done"))
                .isTrue();
        assertThat(v.test("C:\\Windows\\PowerShell")).isTrue();
        assertThat(v.test("PowerShell.exe")).isFalse();
        assertThat(v.test("CMD.EXE")).isTrue();
        assertThat(v.test("x cmd.exe")).isFalse();
        assertThat(built.anyMatch("echo \ud83d done", x -> true))
                .as("left to the values' own tests")
                .isTrue();
    }

    @Test
    void leavesOutWhatItCannotCompareAsTheEngineDoes() {
        assertThat(LiteralValues.accepts("")).isFalse();
        assertThat(LiteralValues.accepts("\ud801\udc00"))
                .as("a supplementary letter with cases")
                .isFalse();
        assertThat(LiteralValues.accepts("a\ud83d"))
                .as("an unpaired high surrogate")
                .isFalse();
        assertThat(LiteralValues.accepts("\ude00a"))
                .as("an unpaired low surrogate")
                .isFalse();
        assertThat(LiteralValues.accepts("\ud83d\ude00")).isTrue();
        assertThat(LiteralValues.accepts("\u212aelvin")).isTrue();
        assertThatThrownBy(() -> new LiteralValues.Builder().add("", LiteralValues.Kind.CONTAINS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
