package org.atlasops.detect.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WordFinderTest {
    /** One pass finds exactly the words that {@code contains} finds, overlapping and nested ones included. */
    @Property(tries = 2000)
    void findsExactlyTheWordsTheTextContains(@ForAll long seed) {
        Random random = new Random(seed);
        String alphabet = "abcé中\uD83D\uDD12 ";
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            distinct.add(random(alphabet, 1 + random.nextInt(4), random));
        }
        List<String> words = new ArrayList<>(distinct);
        WordFinder finder = new WordFinder(words);
        String text = random(alphabet + "xyz", random.nextInt(40), random);
        BitSet found = finder.find(text);
        for (int w = 0; w < words.size(); w++) {
            assertThat(found.get(w)).as("%s in [%s]", words.get(w), text).isEqualTo(text.contains(words.get(w)));
        }
    }

    @Test
    void comparesCharactersExactly() {
        WordFinder finder = new WordFinder(List.of("ignore", "İ"));
        assertThat(finder.find("IGNORE").isEmpty()).isTrue();
        assertThat(finder.find("please ignore").get(0)).isTrue();
        assertThat(finder.find("i").isEmpty()).isTrue();
    }

    @Test
    void refusesEmptyOrRepeatedWords() {
        assertThatThrownBy(() -> new WordFinder(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WordFinder(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String random(String alphabet, int length, Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
