package org.atlasops.detect.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.atlasops.detect.event.Event;
import org.junit.jupiter.api.Test;

class CorrelationWindowTest {
    @Test
    void valueCountsAgreeWithAMapUnderSlidingAddsAndRemovals() {
        Random random = new Random(7);
        CorrelationWindow.ValueCounts counts = new CorrelationWindow.ValueCounts();
        Map<Long, Integer> expected = new HashMap<>();
        ArrayDeque<Long> window = new ArrayDeque<>();
        for (int i = 0; i < 200_000; i++) {
            long key = (1 + random.nextInt(3000)) * 0x9E3779B97F4A7C15L;
            counts.add(key, 1);
            expected.merge(key, 1, Integer::sum);
            window.add(key);
            if (window.size() > 1200) {
                long old = window.poll();
                counts.add(old, -1);
                expected.merge(old, -1, (a, b) -> a + b == 0 ? null : a + b);
            }
            assertThat(counts.size()).isEqualTo(expected.size());
        }
        expected.forEach((k, v) -> assertThat(counts.get(k)).isEqualTo(v));
    }

    @Test
    void lateEntriesAreOrderedAndEvictedByTime() {
        CorrelationWindow w = new CorrelationWindow(CorrelationRule.Type.VALUE_COUNT, 1);
        w.add(1000, 0, new TextNode("a"), "f", 1);
        w.add(3000, 0, new TextNode("b"), "f", 2);
        w.add(2000, 0, new TextNode("a"), "f", 3); // late
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.distinctValues()).isEqualTo(2);
        assertThat(w.countOf(new TextNode("a"))).isEqualTo(2);
        w.evict(1500, 10);
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.countOf(new TextNode("a"))).isEqualTo(1);
        assertThat(w.newest()).extracting(Event::line).containsExactly(3L, 2L);
        w.evict(2500, 10);
        assertThat(w.distinctValues()).isEqualTo(1);
        assertThat(w.newest()).extracting(Event::line).containsExactly(2L);
    }

    @Test
    void sumsAndTheLastHundredContributors() {
        CorrelationWindow w = new CorrelationWindow(CorrelationRule.Type.VALUE_SUM, 1);
        for (int i = 0; i < 250; i++) {
            w.add(i, 0, i % 2 == 0 ? IntNode.valueOf(2) : new TextNode("x"), "events.jsonl", i + 1);
        }
        assertThat(w.sum()).isEqualTo(250.0);
        assertThat(w.average()).isEqualTo(2.0);
        assertThat(w.newest()).hasSize(100);
        assertThat(w.newest().get(0).line()).isEqualTo(151);
        assertThat(w.newest().get(99).time()).contains(Instant.ofEpochMilli(249));
        assertThat(w.evict(Long.MIN_VALUE, 10)).isEqualTo(240);
        assertThat(w.newest()).hasSize(10);
    }

    @Test
    void serialisedWindowsComeBackWithTheirAggregates() {
        CorrelationWindow w = new CorrelationWindow(CorrelationRule.Type.TEMPORAL_ORDERED, 2);
        w.add(10, 0, null, "a.jsonl", 4);
        w.add(20, 1, null, "a.jsonl", 9);
        CorrelationWindow back = CorrelationWindow.deserialize(w.serialize(), CorrelationRule.Type.TEMPORAL_ORDERED, 2);
        assertThat(back.rulesInOrder(2)).isEqualTo(2);
        assertThat(back.distinctRules()).isEqualTo(2);
        assertThat(back.newest()).extracting(Event::source).containsExactly("a.jsonl", "a.jsonl");
        assertThat(CorrelationWindow.deserialize("[{\"t\":1}]", CorrelationRule.Type.EVENT_COUNT, 1)
                        .isEmpty())
                .as("an older or unreadable format starts empty")
                .isTrue();
        assertThat(CorrelationWindow.deserialize("{not json", CorrelationRule.Type.EVENT_COUNT, 1)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void entriesKeepTheirSourceWhenSourcesMixGrowAndArriveLate() {
        CorrelationWindow w = new CorrelationWindow(CorrelationRule.Type.EVENT_COUNT, 1);
        for (int i = 0; i < 6; i++) {
            w.add(10L * i, 0, null, "a.jsonl", i + 1);
        }
        w.add(65, 0, null, "b.jsonl", 1);
        for (int i = 7; i < 12; i++) {
            w.add(10L * i, 0, null, "a.jsonl", i + 1);
        }
        w.add(15, 0, null, "c.jsonl", 1); // late: goes between the second and the third
        assertThat(w.newest())
                .extracting(e -> e.source() + ":" + e.line())
                .containsExactly(
                        "a.jsonl:1",
                        "a.jsonl:2",
                        "c.jsonl:1",
                        "a.jsonl:3",
                        "a.jsonl:4",
                        "a.jsonl:5",
                        "a.jsonl:6",
                        "b.jsonl:1",
                        "a.jsonl:8",
                        "a.jsonl:9",
                        "a.jsonl:10",
                        "a.jsonl:11",
                        "a.jsonl:12");
        CorrelationWindow back = CorrelationWindow.deserialize(w.serialize(), CorrelationRule.Type.EVENT_COUNT, 1);
        assertThat(back.newest())
                .extracting(e -> e.source() + ":" + e.line())
                .isEqualTo(w.newest().stream()
                        .map(e -> e.source() + ":" + e.line())
                        .toList());
        w.evict(41, 100);
        assertThat(w.newest())
                .extracting(Event::source)
                .containsExactly("a.jsonl", "b.jsonl", "a.jsonl", "a.jsonl", "a.jsonl", "a.jsonl", "a.jsonl");
    }

    @Test
    void distinctCountsMadeOnFirstNeedStayCurrent() {
        CorrelationWindow w = new CorrelationWindow(CorrelationRule.Type.VALUE_COUNT, 1);
        Random random = new Random(3);
        ArrayDeque<String> entries = new ArrayDeque<>();
        for (int i = 0; i < 2_000; i++) {
            String v = "v" + random.nextInt(50);
            w.add(i, 0, new TextNode(v), "f", i, i - 300);
            entries.add(v);
            if (i % 97 == 0) { // counts are made at the first question, then kept through adds and evictions
                w.evict(i - 300, 10_000);
                while (entries.size() > Math.min(i + 1, 301)) {
                    entries.poll();
                }
                assertThat(w.distinctValues()).as("at %d", i).isEqualTo(new java.util.HashSet<>(entries).size());
                assertThat(w.countOf(new TextNode("v7")))
                        .isEqualTo((int) entries.stream().filter("v7"::equals).count());
            }
        }
    }

    @Test
    void timesBeyondALongAreSaturated() {
        assertThat(CorrelationWindow.millis(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(CorrelationWindow.millis(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }
}
