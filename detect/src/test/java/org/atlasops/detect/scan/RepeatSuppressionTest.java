package org.atlasops.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.detect.sigma.Match;
import org.atlasops.detect.sigma.SigmaRule;
import org.atlasops.detect.sigma.correlation.CorrelationRule;
import org.junit.jupiter.api.Test;

/** One alert per correlation, group and timespan; everything else passes. */
class RepeatSuppressionTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private static CorrelationRule flood(String name) {
        return new CorrelationRule(
                new SigmaRule.Meta(
                        null,
                        name,
                        name,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        name + ".yml",
                        1),
                CorrelationRule.Type.EVENT_COUNT,
                List.of("request"),
                List.of("client.address"),
                Duration.ofMinutes(1),
                Map.of("gte", 300.0),
                Optional.empty(),
                Map.of(),
                true);
    }

    private static Match.CorrelationMatch result(CorrelationRule rule, String address, Instant time) {
        return new Match.CorrelationMatch(rule, Map.of("client.address", address), 300, List.of(), time, true);
    }

    @Test
    void aGroupAlertsOncePerTimespan() {
        RepeatSuppression repeats = new RepeatSuppression();
        CorrelationRule flood = flood("flood");
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0))).isTrue();
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0.plusSeconds(1))))
                .isFalse();
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0.plusSeconds(59))))
                .isFalse();
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0.plusSeconds(60))))
                .as("a timespan later")
                .isTrue();
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0.plusSeconds(61))))
                .isFalse();
        assertThat(repeats.held()).isEqualTo(3);
    }

    @Test
    void groupsAndCorrelationsAreHeldBackApart() {
        RepeatSuppression repeats = new RepeatSuppression();
        CorrelationRule flood = flood("flood");
        CorrelationRule other = flood("other");
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0))).isTrue();
        assertThat(repeats.admit(result(flood, "203.0.113.8", T0)))
                .as("another address")
                .isTrue();
        assertThat(repeats.admit(result(other, "203.0.113.7", T0)))
                .as("another correlation")
                .isTrue();
        assertThat(repeats.admit(result(flood, "203.0.113.7", T0.minusSeconds(5))))
                .as("a late event")
                .isTrue();
        assertThat(repeats.held()).isZero();
    }

    @Test
    void beyondItsBoundTheGroupAlertedOnLongestAgoIsForgotten() {
        RepeatSuppression repeats = new RepeatSuppression();
        CorrelationRule flood = flood("flood");
        for (int i = 0; i <= RepeatSuppression.MAX_GROUPS; i++) {
            assertThat(repeats.admit(result(flood, "key-" + i, T0))).isTrue();
        }
        assertThat(repeats.admit(result(flood, "key-0", T0.plusSeconds(1))))
                .as("forgotten")
                .isTrue();
        assertThat(repeats.admit(result(flood, "key-" + RepeatSuppression.MAX_GROUPS, T0.plusSeconds(1))))
                .isFalse();
    }
}
