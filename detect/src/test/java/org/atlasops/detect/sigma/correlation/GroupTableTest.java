package org.atlasops.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.sigma.SigmaRule;
import org.junit.jupiter.api.Test;

class GroupTableTest {
    private static CorrelationRule count() {
        return new CorrelationRule(
                new SigmaRule.Meta(
                        null,
                        null,
                        "count",
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        "count.yml",
                        1),
                CorrelationRule.Type.EVENT_COUNT,
                List.of("r"),
                List.of("client.id"),
                Duration.ofMinutes(1),
                Map.of("gte", 1.0),
                java.util.Optional.empty(),
                Map.of(),
                true);
    }

    @Test
    void correlationsGroupedByTheSameFieldsShareAKeyButNotAWindow() {
        GroupTable table = new GroupTable(2, 10);
        CorrelationWindow first = table.window("key-1", 0, count(), 1);
        CorrelationWindow second = table.window("key-1", 1, count(), 2);
        assertThat(second).isNotSameAs(first);
        assertThat(table.window(new String("key-1"), 0, count(), 3)).isSameAs(first);
        assertThat(table.window("key-2", 0, count(), 4)).isNotSameAs(first);
        assertThat(table.window("key-1", 1, count(), 5)).isSameAs(second);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void beyondItsBoundTheGroupsUsedLongestAgoAreDroppedWithTheirEntries() {
        GroupTable table = new GroupTable(1, 20);
        for (int i = 0; i < 20; i++) {
            table.window("key-" + i, 0, count(), 100 + i).add(100 + i, 0, null, "f", i);
        }
        table.window("key-0", 0, count(), 200).add(200, 0, null, "f", 99); // key-0 is now the most recent
        table.window("key-new", 0, count(), 201);
        assertThat(table.size()).isEqualTo(19);
        assertThat(table.dropped()).as("key-1 and key-2, one entry each").isEqualTo(2);
        assertThat(table.window("key-0", 0, count(), 202).size()).isEqualTo(2);
        assertThat(table.window("key-1", 0, count(), 203).size())
                .as("made anew")
                .isZero();
    }
}
