package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Predicates that hold arrays copy them in and out, and compare them by value. */
class PredicateImmutabilityTest {
    @Test
    void aCidrRangeKeepsItsOwnNetwork() {
        CidrRange range = CidrRange.parse("10.0.0.0/8");
        range.network()[0] = 11;
        assertThat(range.test(com.fasterxml.jackson.databind.node.TextNode.valueOf("10.1.2.3"), null)).isTrue();
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
}
