package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** One pass of the automaton finds exactly the literals a plain case-insensitive search finds. */
class LiteralAutomatonTest {
    private static final List<String> LITERALS =
            List.of("ab", "abc", "bca", "cab", "aaa", "b-c", "ignore", "gnore", "aab");

    @Property(tries = 1000)
    void findsWhatContainsFinds(
            @ForAll
                    @StringLength(max = 30)
                    @CharRange(from = 'a', to = 'c')
                    @CharRange(from = 'A', to = 'C')
                    @CharRange(from = '-', to = '-')
                    String text) {
        LiteralAutomaton.Builder b = new LiteralAutomaton.Builder();
        int[] ids = LITERALS.stream().mapToInt(b::add).toArray();
        long[] found = b.build().scan(text);
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < ids.length; i++) {
            assertThat(LiteralAutomaton.has(found, ids[i]))
                    .as(LITERALS.get(i) + " in " + text)
                    .isEqualTo(lower.contains(LITERALS.get(i)));
        }
    }

    /** The "outside ASCII" mark, registered among the literals, is set exactly for texts holding such a character. */
    @Property(tries = 1000)
    void marksTextsWithCharactersOutsideAscii(
            @ForAll
                    @StringLength(max = 20)
                    @CharRange(from = 'a', to = 'c')
                    @CharRange(from = '\u00e0', to = '\u00e2')
                    @CharRange(from = '\udb40', to = '\udb40')
                    String text) {
        LiteralAutomaton.Builder b = new LiteralAutomaton.Builder();
        int ab = b.add("ab");
        int nonAscii = b.nonAscii();
        int bc = b.add("bc");
        long[] found = b.build().scan(text);
        assertThat(LiteralAutomaton.has(found, nonAscii))
                .as(text)
                .isEqualTo(text.chars().anyMatch(c -> c >= 128));
        assertThat(LiteralAutomaton.has(found, ab)).isEqualTo(text.contains("ab"));
        assertThat(LiteralAutomaton.has(found, bc)).isEqualTo(text.contains("bc"));
    }

    /** A set of literals given word by word holds one of the found literals exactly when one of its ids is set. */
    @Property(tries = 1000)
    void wordsFindWhatIdsFind(
            @ForAll @Size(max = 12) List<@IntRange(max = 300) Integer> ids,
            @ForAll @Size(max = 12) List<@IntRange(max = 300) Integer> present) {
        long[] found = new long[5];
        present.forEach(id -> found[id >>> 6] |= 1L << id);
        boolean expected = ids.stream().anyMatch(present::contains);
        int[] literalIds = ids.stream().mapToInt(Integer::intValue).toArray();
        assertThat(LiteralAutomaton.anyIn(found, LiteralAutomaton.wordsOf(literalIds)))
                .isEqualTo(expected);
    }

    /** Ids are handed out as literals are added; an automaton built later knows them, one built earlier does not. */
    @Test
    void idsAreFixedWhenAddedAndEachBuildIsItsOwn() {
        LiteralAutomaton.Builder b = new LiteralAutomaton.Builder();
        int ignore = b.add("ignore");
        assertThat(b.add("IGNORE")).as("compared ignoring case").isEqualTo(ignore);
        LiteralAutomaton first = b.build();
        int cab = b.add("cab");
        LiteralAutomaton second = b.build();
        assertThat(first.size()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(LiteralAutomaton.has(first.scan("a cab"), ignore)).isFalse();
        assertThat(LiteralAutomaton.has(second.scan("a cab"), cab)).isTrue();
        assertThat(LiteralAutomaton.has(second.scan("Ignore it"), ignore)).isTrue();
        assertThat(LiteralAutomaton.EMPTY.scan("anything")).isEmpty();
    }
}
