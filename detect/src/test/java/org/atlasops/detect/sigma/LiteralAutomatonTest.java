package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;
import org.junit.jupiter.api.Test;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** One pass of the automaton finds exactly the literals a plain case-insensitive search finds. */
class LiteralAutomatonTest {
    private static final List<String> LITERALS = List.of("ab", "abc", "bca", "cab", "aaa", "b-c", "ignore",
            "gnore", "aab");

    @Property(tries = 1000)
    void findsWhatContainsFinds(@ForAll @StringLength(max = 30) @CharRange(from = 'a', to = 'c')
            @CharRange(from = 'A', to = 'C') @CharRange(from = '-', to = '-') String text) {
        LiteralAutomaton a = new LiteralAutomaton();
        int[] ids = LITERALS.stream().mapToInt(a::add).toArray();
        a.build();
        long[] found = a.scan(text);
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < ids.length; i++) {
            assertThat(LiteralAutomaton.has(found, ids[i])).as(LITERALS.get(i) + " in " + text)
                    .isEqualTo(lower.contains(LITERALS.get(i)));
        }
    }

    /** The "outside ASCII" mark, registered among the literals, is set exactly for texts holding such a character. */
    @Property(tries = 1000)
    void marksTextsWithCharactersOutsideAscii(@ForAll @StringLength(max = 20) @CharRange(from = 'a', to = 'c')
            @CharRange(from = '\u00e0', to = '\u00e2') @CharRange(from = '\udb40', to = '\udb40') String text) {
        LiteralAutomaton a = new LiteralAutomaton();
        int ab = a.add("ab");
        int nonAscii = a.nonAscii();
        int bc = a.add("bc");
        a.build();
        long[] found = a.scan(text);
        assertThat(LiteralAutomaton.has(found, nonAscii)).as(text).isEqualTo(text.chars().anyMatch(c -> c >= 128));
        assertThat(LiteralAutomaton.has(found, ab)).isEqualTo(text.contains("ab"));
        assertThat(LiteralAutomaton.has(found, bc)).isEqualTo(text.contains("bc"));
    }

    /** A set of literals given word by word holds one of the found literals exactly when one of its ids is set. */
    @Property(tries = 1000)
    void wordsFindWhatIdsFind(@ForAll @Size(max = 12) List<@IntRange(max = 300) Integer> ids,
            @ForAll @Size(max = 12) List<@IntRange(max = 300) Integer> present) {
        long[] found = new long[5];
        present.forEach(id -> found[id >>> 6] |= 1L << id);
        boolean expected = ids.stream().anyMatch(present::contains);
        int[] literalIds = ids.stream().mapToInt(Integer::intValue).toArray();
        assertThat(LiteralAutomaton.anyIn(found, LiteralAutomaton.wordsOf(literalIds))).isEqualTo(expected);
    }

    /** Two rule sets reading one event keep their own literal sets with it, by field and for the whole event. */
    @Test
    void automataReadingOneEventKeepTheirOwnSets() {
        LiteralAutomaton first = new LiteralAutomaton();
        int ignore = first.add("ignore");
        first.build();
        LiteralAutomaton second = new LiteralAutomaton();
        second.add("unrelated");
        int cab = second.add("cab");
        second.build();
        Event e = Event.of(JsonNodeFactory.instance.objectNode().put("prompt", "Ignore the cab").put("n", 1));
        FieldPath prompt = FieldPath.of("prompt");
        for (int round = 0; round < 2; round++) {
            assertThat(LiteralAutomaton.has(first.literalsIn(e, prompt), ignore)).isTrue();
            assertThat(LiteralAutomaton.has(second.literalsIn(e, prompt), cab)).isTrue();
            assertThat(LiteralAutomaton.has(second.literalsIn(e, prompt), ignore)).as("id 0 of the second: unrelated")
                    .isFalse();
            assertThat(LiteralAutomaton.has(first.literalsIn(e), ignore)).isTrue();
            assertThat(LiteralAutomaton.has(second.literalsIn(e), cab)).isTrue();
        }
        assertThat(first.literalsIn(e, FieldPath.of("absent"))).containsOnly(0L, first.literalsIn(e,
                FieldPath.of("absent"))[1]);
    }
}
