package org.atlasops.detect.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The fast timestamp reader agrees with java.time wherever it answers, and answers for the common shapes. */
class IsoTimeTest {
    @Property(tries = 3000)
    void readsWhatJavaTimeReads(@ForAll long seed) {
        Random random = new Random(seed);
        String text = timestamp(random);
        if (random.nextInt(3) == 0) {
            text = edit(text, random);
        }
        Instant fast = IsoTime.parse(text);
        if (fast != null) {
            assertThat(Event.parseTimeText(text)).as(text).contains(fast);
        }
    }

    @Test
    void theCommonShapesAreReadWithoutJavaTime() {
        for (String t : new String[] {
            "2026-05-01T10:00:00Z",
            "2026-05-01T10:00:00.123Z",
            "2026-05-01t10:00:00z",
            "2026-05-01T10:00:00.123456789+05:30",
            "2026-05-01T10:00-08:00",
            "2026-05-01 10:00:00",
            "2026-05-01T10:00:00.5",
            "2024-02-29T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z"
        }) {
            assertThat(IsoTime.parse(t))
                    .as(t)
                    .isNotNull()
                    .isEqualTo(Event.parseTimeText(t).orElseThrow());
        }
    }

    @Test
    void otherShapesAndImpossibleDatesGoTheSlowWay() {
        for (String t : new String[] {
            "2026-02-29T10:00:00Z",
            "2026-04-31T10:00:00Z",
            "2026-05-01T24:00:00Z",
            "2026-05-01T10:60:00Z",
            "2023-12-31T23:59:60Z",
            "2026-05-01 10:00:00Z",
            "2026-05-01T10:00:00.Z",
            "2026-05-01T10:00:00.1234567890Z",
            "2026-05-01T10:00:00+18:00",
            "2026-05-01T10:00:00+05",
            "+12026-05-01T10:00:00Z",
            "2026-5-01T10:00:00Z",
            "2026-05-01T10:00:00Zjunk",
            "2026-05-01"
        }) {
            assertThat(IsoTime.parse(t)).as(t).isNull();
        }
        // java.time still reads what it can: a leap second as an instant (the second before it)
        assertThat(Event.parseTime(com.fasterxml.jackson.databind.node.TextNode.valueOf("2023-12-31T23:59:60Z")))
                .contains(Instant.parse("2023-12-31T23:59:59Z"));
    }

    /** A timestamp in one of the shapes, with values that may be out of range (month 13, 31 April, hour 24). */
    private static String timestamp(Random r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                java.util.Locale.ROOT, "%04d-%02d-%02d", r.nextInt(10_000), r.nextInt(14), r.nextInt(33)));
        s.append("Tt ".charAt(r.nextInt(3)));
        s.append(String.format(java.util.Locale.ROOT, "%02d:%02d", r.nextInt(26), r.nextInt(62)));
        if (r.nextInt(4) > 0) {
            s.append(String.format(java.util.Locale.ROOT, ":%02d", r.nextInt(62)));
            if (r.nextBoolean()) {
                s.append('.');
                for (int i = r.nextInt(11); i > 0; i--) {
                    s.append((char) ('0' + r.nextInt(10)));
                }
            }
        }
        switch (r.nextInt(5)) {
            case 0 -> s.append('Z');
            case 1 -> s.append('z');
            case 2 ->
                s.append(String.format(
                        java.util.Locale.ROOT,
                        "%c%02d:%02d",
                        r.nextBoolean() ? '+' : '-',
                        r.nextInt(20),
                        r.nextInt(61)));
            default -> {}
        }
        return s.toString();
    }

    private static String edit(String text, Random r) {
        StringBuilder s = new StringBuilder(text);
        int at = r.nextInt(s.length());
        switch (r.nextInt(3)) {
            case 0 -> s.deleteCharAt(at);
            case 1 -> s.insert(at, "0:-+.TZ x".charAt(r.nextInt(9)));
            default -> s.setCharAt(at, "0:-+.TZ x9".charAt(r.nextInt(10)));
        }
        return s.toString();
    }
}
