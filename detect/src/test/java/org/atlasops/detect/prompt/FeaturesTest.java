package org.atlasops.detect.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class FeaturesTest {
    /**
     * Indices come out sorted and distinct, values L2-normalised, and the per-thread scratch is left clean: the
     * same text gives the same vector before and after another one.
     */
    @Property(tries = 500)
    void vectorsAreSortedNormalisedAndRepeatable(@ForAll String text, @ForAll String other) {
        Features first = Features.of(text);
        Features.of(other);
        Features again = Features.of(text);
        assertThat(again.index).isEqualTo(first.index);
        assertThat(again.value).isEqualTo(first.value);
        double norm = 0;
        for (int i = 0; i < first.index.length; i++) {
            if (i > 0) {
                assertThat(first.index[i]).isGreaterThan(first.index[i - 1]);
            }
            norm += first.value[i] * first.value[i];
        }
        if (first.index.length > 0) {
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
