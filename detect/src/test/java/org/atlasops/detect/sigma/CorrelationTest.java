package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atlasops.detect.sigma.Sigma.at;
import static org.atlasops.detect.sigma.Sigma.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seven correlation types, group-by, timespan, aliases, generate and chaining. */
class CorrelationTest {
    private static final String BASE = """
            title: base
            name: base
            logsource: {}
            detection:
              s:
                kind: hit
              condition: s
            ---
            """;

    private static Detector detector(String correlation) {
        RuleSet set = Sigma.rules(BASE + correlation);
        assertThat(set.problems()).isEmpty();
        return new Detector(set);
    }

    private static List<Match.CorrelationMatch> feed(Detector d, String json, long t) {
        return d.process(event(json), at(t)).stream()
                .filter(m -> m instanceof Match.CorrelationMatch)
                .map(m -> (Match.CorrelationMatch) m)
                .toList();
    }

    @Test
    void eventCountPerGroupWithinTheTimespan() {
        Detector d = detector("title: c\ncorrelation:\n  type: event_count\n  rules: [base]\n  group-by: [user]\n"
                + "  timespan: 10s\n  condition: {gte: 3}\n");
        assertThat(feed(d, "{\"kind\":\"hit\",\"user\":\"a\"}", 0)).isEmpty();
        assertThat(feed(d, "{\"kind\":\"hit\",\"user\":\"b\"}", 1)).isEmpty();
        assertThat(feed(d, "{\"kind\":\"hit\",\"user\":\"a\"}", 2)).isEmpty();
        List<Match.CorrelationMatch> m = feed(d, "{\"kind\":\"hit\",\"user\":\"a\"}", 3);
        assertThat(m).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(3);
            assertThat(r.groupKey()).containsEntry("user", "a");
            assertThat(r.events()).hasSize(3);
        });
        // 20 s later the window holds one event
        assertThat(feed(d, "{\"kind\":\"hit\",\"user\":\"a\"}", 23)).isEmpty();
    }

    @Test
    void valueCountSumAverageAndPercentile() {
        Detector count = detector("title: c\ncorrelation:\n  type: value_count\n  rules: [base]\n  group-by: [src]\n"
                + "  timespan: 1m\n  condition: {field: user, gte: 2}\n");
        assertThat(feed(count, "{\"kind\":\"hit\",\"src\":\"x\",\"user\":\"a\"}", 0))
                .isEmpty();
        assertThat(feed(count, "{\"kind\":\"hit\",\"src\":\"x\",\"user\":\"a\"}", 1))
                .isEmpty();
        assertThat(feed(count, "{\"kind\":\"hit\",\"src\":\"x\",\"user\":\"b\"}", 2))
                .hasSize(1);

        Detector sum = detector("title: c\ncorrelation:\n  type: value_sum\n  rules: [base]\n  group-by: [src]\n"
                + "  timespan: 1m\n  condition: {field: bytes, gt: 100}\n");
        assertThat(feed(sum, "{\"kind\":\"hit\",\"src\":\"x\",\"bytes\":60}", 0))
                .isEmpty();
        assertThat(feed(sum, "{\"kind\":\"hit\",\"src\":\"x\",\"bytes\":\"50\"}", 1))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(110));

        Detector avg = detector("title: c\ncorrelation:\n  type: value_avg\n  rules: [base]\n  group-by: [src]\n"
                + "  timespan: 1m\n  condition: {field: ms, gte: 100}\n");
        assertThat(feed(avg, "{\"kind\":\"hit\",\"src\":\"x\",\"ms\":50}", 0)).isEmpty();
        assertThat(feed(avg, "{\"kind\":\"hit\",\"src\":\"x\",\"ms\":150}", 1))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(100));

        // value_percentile: the share (%) of the window's events with this event's value; lte 10 = rare
        Detector pct = detector("title: c\ncorrelation:\n  type: value_percentile\n  rules: [base]\n"
                + "  group-by: [host]\n  timespan: 1h\n  condition: {field: image, lte: 10}\n");
        for (int i = 0; i < 19; i++) {
            assertThat(feed(pct, "{\"kind\":\"hit\",\"host\":\"h\",\"image\":\"svchost.exe\"}", i))
                    .isEmpty();
        }
        assertThat(feed(pct, "{\"kind\":\"hit\",\"host\":\"h\",\"image\":\"mimikatz.exe\"}", 20))
                .hasSize(1);
    }

    @Test
    void temporalNeedsEveryRuleInTheWindowAndOrderedNeedsTheirOrder() {
        String rules = """
                title: r1
                name: r1
                logsource: {}
                detection: {s: {k: one}, condition: s}
                ---
                title: r2
                name: r2
                logsource: {}
                detection: {s: {k: two}, condition: s}
                ---
                """;
        Detector temporal = new Detector(Sigma.rules(rules + "title: t\ncorrelation:\n  type: temporal\n"
                + "  rules: [r1, r2]\n  group-by: [u]\n  timespan: 1m\n"));
        assertThat(feed(temporal, "{\"k\":\"two\",\"u\":\"a\"}", 0)).isEmpty();
        assertThat(feed(temporal, "{\"k\":\"one\",\"u\":\"a\"}", 5)).hasSize(1);

        Detector ordered = new Detector(Sigma.rules(rules + "title: t\ncorrelation:\n  type: temporal_ordered\n"
                + "  rules: [r1, r2]\n  group-by: [u]\n  timespan: 1m\n"));
        assertThat(feed(ordered, "{\"k\":\"two\",\"u\":\"a\"}", 0)).isEmpty();
        assertThat(feed(ordered, "{\"k\":\"one\",\"u\":\"a\"}", 5)).isEmpty();
        assertThat(feed(ordered, "{\"k\":\"two\",\"u\":\"a\"}", 10)).hasSize(1);
    }

    @Test
    void aliasesJoinDifferentFieldsAndReferencedRulesDoNotAlertAlone() {
        String yaml = """
                title: error
                name: internal_error
                logsource: {}
                detection: {s: {status: 500}, condition: s}
                ---
                title: conn
                name: new_connection
                logsource: {}
                detection: {s: {type: connection}, condition: s}
                ---
                title: Error then connection
                correlation:
                  type: temporal
                  rules: [internal_error, new_connection]
                  group-by: [internal_ip]
                  timespan: 10s
                  aliases:
                    internal_ip:
                      internal_error: destination.ip
                      new_connection: source.ip
                """;
        Detector d = new Detector(Sigma.rules(yaml));
        List<Match> first = d.process(event("{\"status\":500,\"destination\":{\"ip\":\"10.0.0.5\"}}"), at(0));
        assertThat(first)
                .singleElement()
                .satisfies(m -> assertThat(((Match.RuleMatch) m).alerting()).isFalse());
        assertThat(feed(d, "{\"type\":\"connection\",\"source\":{\"ip\":\"10.0.0.9\"}}", 1))
                .isEmpty();
        assertThat(feed(d, "{\"type\":\"connection\",\"source\":{\"ip\":\"10.0.0.5\"}}", 2))
                .singleElement()
                .satisfies(r -> assertThat(r.groupKey()).containsEntry("internal_ip", "10.0.0.5"));
    }

    @Test
    void correlationsChain() {
        String yaml = BASE + """
                title: many
                name: many
                correlation: {type: event_count, rules: [base], group-by: [u], timespan: 1m, condition: {gte: 2}}
                ---
                title: many twice
                correlation: {type: event_count, rules: [many], group-by: [u], timespan: 1m, condition: {gte: 2}}
                """;
        Detector d = new Detector(Sigma.rules(yaml));
        assertThat(feed(d, "{\"kind\":\"hit\",\"u\":\"a\"}", 0)).isEmpty();
        assertThat(feed(d, "{\"kind\":\"hit\",\"u\":\"a\"}", 1))
                .extracting(r -> r.rule().meta().title())
                .containsExactly("many");
        assertThat(feed(d, "{\"kind\":\"hit\",\"u\":\"a\"}", 2))
                .extracting(r -> r.rule().meta().title())
                .containsExactly("many", "many twice");
    }

    @Test
    void badCorrelationsAreRejectedWithTheLine() {
        assertThat(Sigma.rules("title: c\ncorrelation:\n  type: event_sum\n  rules: [x]\n  timespan: 1m\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("event_sum").contains("value_percentile"));
        assertThat(Sigma.rules("title: c\ncorrelation:\n  type: event_count\n  rules: [x]\n  timespan: 5 minutes\n"
                                + "  condition: {gte: 1}\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("30s, 5m, 1h, 1d"));
        assertThat(Sigma.rules("title: c\ncorrelation:\n  type: value_sum\n  rules: [x]\n  timespan: 5m\n"
                                + "  condition: {gte: 1}\n")
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs 'field'"));
    }
    /**
     * Windows kept in memory evict entries that left the window lazily for some conditions; windows kept in a store
     * always evict at once. On random streams (late events, negative values, every type and comparison) both must
     * give the same results at the same events.
     */
    @Test
    void lazyEvictionGivesTheSameResultsAsEvictingAtOnce() {
        java.util.Random random = new java.util.Random(5);
        String[] types = {
            "event_count", "value_count", "value_sum", "value_avg", "value_percentile", "temporal", "temporal_ordered"
        };
        String[] operators = {"gt", "gte", "lt", "lte", "eq", "neq"};
        for (int round = 0; round < 300; round++) {
            String type = types[random.nextInt(types.length)];
            boolean temporal = type.startsWith("temporal");
            String op = operators[random.nextInt(operators.length)];
            int limit = temporal ? 1 + random.nextInt(2) : random.nextInt(12);
            String yaml = BASE + "title: other\nname: other\nlogsource: {}\ndetection:\n  s:\n    kind: miss\n"
                    + "  condition: s\n---\ntitle: c\ncorrelation:\n  type: " + type + "\n  rules: [base, other]\n"
                    + "  group-by: [g]\n  timespan: " + (1 + random.nextInt(20)) + "s\n  condition: {"
                    + (type.startsWith("value") ? "field: v, " : "") + op + ": " + limit + "}\n";
            RuleSet rules = Sigma.rules(yaml);
            assertThat(rules.problems()).isEmpty();
            Map<String, String> store = new HashMap<>();
            Detector inMemory = new Detector(rules);
            Detector stored = new Detector(rules, java.util.Optional.empty(), Sigma.stateIn(store));
            long t = 0;
            for (int i = 0; i < 120; i++) {
                t += random.nextInt(4) == 0 ? -random.nextInt(5) : random.nextInt(3);
                String json = "{\"kind\":\"" + (random.nextBoolean() ? "hit" : "miss") + "\",\"g\":\""
                        + (char) ('a' + random.nextInt(3)) + "\",\"v\":" + (random.nextInt(20) - 4) + "}";
                assertThat(results(stored, json, t)).as("%s, event %d", yaml, i).isEqualTo(results(inMemory, json, t));
            }
        }
    }

    private static List<String> results(Detector d, String json, long t) {
        return feed(d, json, t).stream()
                .map(r -> r.groupKey() + " " + r.value() + " " + r.events().size())
                .toList();
    }
}
