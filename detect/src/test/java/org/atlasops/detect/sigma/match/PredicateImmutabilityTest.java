package org.atlasops.detect.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.atlasops.detect.event.FieldPath;
import org.junit.jupiter.api.Test;

/**
 * Predicates are bound once and immutable: those that hold arrays copy them in and out and compare them by value,
 * and field paths are looked up when the rule is compiled, not per event.
 */
class PredicateImmutabilityTest {
    @Test
    void aCidrRangeKeepsItsOwnNetwork() {
        CidrRange range = CidrRange.parse("10.0.0.0/8");
        range.network()[0] = 11;
        assertThat(range.test(com.fasterxml.jackson.databind.node.TextNode.valueOf("10.1.2.3"), null))
                .isTrue();
        byte[] given = {10, 0, 0, 0};
        CidrRange built = new CidrRange(given, 8);
        given[0] = 11;
        assertThat(built.network()[0]).isEqualTo((byte) 10);
        assertThat(built).isEqualTo(range).hasSameHashCodeAs(range);
        assertThat(built).isNotEqualTo(CidrRange.parse("10.0.0.0/9"));
    }

    @Test
    void keywordsKeepTheirOwnLiteralIds() {
        int[] ids = {3};
        List<TextPattern> word = List.of(TextPattern.of(SigmaString.literal("word"), false));
        EventPredicate.Keywords k = new EventPredicate.Keywords(word, ids, false);
        ids[0] = 4;
        k.literalIds()[0] = 5;
        assertThat(k.literalIds()).containsExactly(3);
        EventPredicate.Keywords same = new EventPredicate.Keywords(word, new int[] {3}, false);
        assertThat(k).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(k).isNotEqualTo(new EventPredicate.Keywords(word, new int[] {4}, false));
    }

    @Test
    void aFieldRefHoldsItsPaths() {
        EventPredicate.FieldRef ref = new EventPredicate.FieldRef(
                "a.b", List.of("c", "d.e"), false, false, false, EventPredicate.FieldRef.Kind.EQUALS);
        assertThat(ref.path()).isSameAs(FieldPath.of("a.b"));
        assertThat(ref.otherPaths()).hasSize(2);
        assertThat(ref.otherPaths().get(0)).isSameAs(FieldPath.of("c"));
        assertThat(ref.otherPaths().get(1)).isSameAs(FieldPath.of("d.e"));
        assertThat(ref.fields()).containsExactly("a.b", "c", "d.e");
    }
}
