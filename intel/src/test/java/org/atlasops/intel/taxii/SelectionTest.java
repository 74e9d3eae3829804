package org.atlasops.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ObjectVersion v(String id, Instant version, Instant added) {
        return new ObjectVersion(id, "indicator", version, "2.1", added, "{\"id\":\"" + id + "\"}");
    }

    private static String id(int n) {
        return "indicator--" + new UUID(0, n);
    }

    @Test
    void pagesThroughManyObjectsSharingOneDateAddedWithoutSkippingOrRepeating() {
        List<ObjectVersion> all = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            all.add(v(id(i), T0, T0)); // one date added for all
        }
        java.util.Collections.shuffle(all, new java.util.Random(7));
        Set<String> seen = new HashSet<>();
        Optional<String> next = Optional.empty();
        int pages = 0;
        do {
            Filter f = new Filter(Optional.empty(), Optional.of(10), next, Set.of(), Set.of(), List.of(), Set.of());
            Page p = Selection.page(all, f, List.of(VersionMatch.LAST), 100);
            p.items()
                    .forEach(o -> assertThat(seen.add(o.id()))
                            .as("repeated %s", o.id())
                            .isTrue());
            next = p.next();
            assertThat(p.more()).isEqualTo(next.isPresent());
            pages++;
        } while (next.isPresent());
        assertThat(seen).hasSize(257);
        assertThat(pages).isEqualTo(26);
    }

    @Test
    void matchVersionSelectsFirstLastAllOrATimestamp() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        List<ObjectVersion> all = List.of(v(id(1), T0, T0), v(id(1), t1, t1), v(id(1), t2, t2));
        assertThat(versions(all, "first")).containsExactly(T0);
        assertThat(versions(all, "last")).containsExactly(t2);
        assertThat(versions(all, "all")).containsExactly(T0, t1, t2);
        assertThat(versions(all, t1.toString())).containsExactly(t1);
        assertThat(versions(all, "first,last")).containsExactly(T0, t2);
    }

    @Test
    void addedAfterIsStrictlyAfter() {
        List<ObjectVersion> all = List.of(v(id(1), T0, T0), v(id(2), T0, T0.plusSeconds(1)));
        Filter f = Filter.parse(Map.of("added_after", List.of(T0.toString())));
        assertThat(Selection.page(all, f, List.of(VersionMatch.LAST), 10).items())
                .extracting(ObjectVersion::id)
                .containsExactly(id(2));
    }

    @Test
    void aForgedNextTokenIsABadRequest() {
        assertThatThrownBy(() -> Selection.page(
                        List.of(), Filter.parse(Map.of("next", List.of("bm90IGEgdG9rZW4"))), List.of(), 10))
                .isInstanceOf(TaxiiException.class)
                .satisfies(e ->
                        assertThat(((TaxiiException) e).error().httpStatus()).isEqualTo(400));
    }

    @Test
    void unknownMatchFieldsAndBadValuesNameTheParameter() {
        assertThatThrownBy(() -> Filter.parse(Map.of("match[colour]", List.of("red"))))
                .hasMessageContaining("match[colour]");
        assertThatThrownBy(() -> Filter.parse(Map.of("match[version]", List.of("yesterday"))))
                .hasMessageContaining("yesterday");
        assertThatThrownBy(() -> Filter.parse(Map.of("limit", List.of("0")))).hasMessageContaining("limit");
    }

    @Test
    void mediaTypesAreJudgedAsTheSpecificationSays() {
        assertThat(TaxiiMedia.acceptable("application/taxii+json;version=2.1")).isTrue();
        assertThat(TaxiiMedia.acceptable("application/taxii+json ; version = 2.1"))
                .isTrue();
        assertThat(TaxiiMedia.acceptable("application/taxii+json")).isTrue();
        assertThat(TaxiiMedia.acceptable("application/taxii+json;version=2.0")).isFalse();
        assertThat(TaxiiMedia.acceptable("application/json")).isFalse();
        assertThat(TaxiiMedia.acceptable("text/html, */*;q=0.1")).isTrue();
        assertThat(TaxiiMedia.isTaxii("application/taxii+json; version=2.1")).isTrue();
        assertThat(TaxiiMedia.isTaxii("application/json")).isFalse();
        assertThat(TaxiiMedia.isTaxii(null)).isFalse();
    }

    private static List<Instant> versions(List<ObjectVersion> all, String match) {
        Filter f = Filter.parse(Map.of("match[version]", List.of(match)));
        return Selection.page(all, f, List.of(VersionMatch.LAST), 10).items().stream()
                .map(ObjectVersion::version)
                .toList();
    }
}
