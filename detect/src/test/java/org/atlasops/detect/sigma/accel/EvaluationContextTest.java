package org.atlasops.detect.sigma.accel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;
import org.junit.jupiter.api.Test;

class EvaluationContextTest {
    /** The memo of looked-up fields starts small and grows: every field keeps its values and its literals. */
    @Test
    void anyNumberOfFieldsIsMemoisedWithTheirLiterals() {
        LiteralAutomaton.Builder b = new LiteralAutomaton.Builder();
        int value7 = b.add("value7");
        LiteralAutomaton automaton = b.build();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 40; i++) {
            json.put("field" + i, "value" + i);
        }
        EvaluationContext c = new EvaluationContext(Event.of(json), automaton, null);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 40; i++) {
                FieldPath f = FieldPath.of("field" + i);
                assertThat(c.values(f)).extracting(v -> v.asText()).containsExactly("value" + i);
                assertThat(c.values(f)).as("the same list: memoised").isSameAs(c.values(f));
                assertThat(LiteralAutomaton.has(c.literalsIn(f), value7))
                        .as("field" + i)
                        .isEqualTo(i == 7 || i >= 70 && i < 80);
                assertThat(c.literalsIn(f)).isSameAs(c.literalsIn(f));
            }
        }
        assertThat(c.values(FieldPath.of("absent"))).isEmpty();
        assertThat(c.literalsIn(FieldPath.of("absent"))).containsOnly(0L);
        assertThat(LiteralAutomaton.has(c.literalsInAll(), value7)).isTrue();
    }

    /** Two rule sets reading one event each have a context of their own: the literal ids are their automaton's. */
    @Test
    void contextsOfTwoAutomataOnOneEventKeepTheirOwnSets() {
        LiteralAutomaton.Builder one = new LiteralAutomaton.Builder();
        int ignore = one.add("ignore");
        LiteralAutomaton.Builder two = new LiteralAutomaton.Builder();
        two.add("unrelated");
        int cab = two.add("cab");
        Event e = Event.of(JsonNodeFactory.instance
                .objectNode()
                .put("prompt", "Ignore the cab")
                .put("n", 1));
        EvaluationContext first = new EvaluationContext(e, one.build(), null);
        EvaluationContext second = new EvaluationContext(e, two.build(), null);
        FieldPath prompt = FieldPath.of("prompt");
        assertThat(LiteralAutomaton.has(first.literalsIn(prompt), ignore)).isTrue();
        assertThat(LiteralAutomaton.has(second.literalsIn(prompt), cab)).isTrue();
        assertThat(LiteralAutomaton.has(second.literalsIn(prompt), ignore))
                .as("id 0 of the second: unrelated")
                .isFalse();
        assertThat(LiteralAutomaton.has(first.literalsInAll(), ignore)).isTrue();
        assertThat(LiteralAutomaton.has(second.literalsInAll(), cab)).isTrue();
    }

    /** A long text is scanned once per event however many regexes test it; every scan is an array of its own. */
    @Test
    void scansOfOneEventAreKeptAndNeverOverwritten() {
        LiteralAutomaton.Builder b = new LiteralAutomaton.Builder();
        int ab = b.add("ab");
        LiteralAutomaton automaton = b.build();
        EvaluationContext c = EvaluationContext.of(Event.of(JsonNodeFactory.instance.objectNode()));
        assertThat(c.automaton()).isSameAs(LiteralAutomaton.EMPTY);
        EvaluationContext d = new EvaluationContext(
                Event.of(JsonNodeFactory.instance.objectNode()), automaton, new ShortTextMemo[automaton.memoSlots()]);
        String text = "x ab y";
        long[] first = d.scan(text);
        assertThat(d.scan(text)).isSameAs(first);
        for (int i = 0; i < 20; i++) {
            d.scan("other " + i);
        }
        assertThat(LiteralAutomaton.has(first, ab)).as("still this text's scan").isTrue();
        assertThat(d.regexMemo(-1)).as("a regex without a slot").isNull();
    }
}
