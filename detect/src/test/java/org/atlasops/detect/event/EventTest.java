package org.atlasops.detect.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventTest {
    /** The memo of looked-up fields starts small and grows: every field keeps its values and what was derived. */
    @Test
    void anyNumberOfFieldsIsMemoised() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 40; i++) {
            json.put("field" + i, "value" + i);
        }
        Event e = Event.of(json);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 40; i++) {
                FieldPath f = FieldPath.of("field" + i);
                assertThat(e.values(f)).extracting(v -> v.asText()).containsExactly("value" + i);
                if (round == 0) {
                    assertThat(e.derived(f)).isNull();
                    e.derive(f, "derived" + i);
                }
                assertThat(e.values(f)).as("the same list: memoised").isSameAs(e.values(f));
            }
        }
        for (int i = 0; i < 40; i++) {
            assertThat(e.derived(FieldPath.of("field" + i))).isEqualTo("derived" + i);
        }
        assertThat(e.values(FieldPath.of("absent"))).isEmpty();
    }

    /** Most fields hold one value: the compact form is then the node itself, else the same values as a list. */
    @Test
    void compactValuesHoldWhatValuesHold() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("one", "a");
        json.putArray("many").add("b").add("c");
        json.putObject("nested").put("x", 1);
        Event e = Event.of(json);
        for (String field : new String[] {"one", "many", "nested", "absent"}) {
            Object compact = e.compactValues(FieldPath.of(field));
            java.util.List<com.fasterxml.jackson.databind.JsonNode> listed = new java.util.ArrayList<>();
            for (int i = 0; i < Event.count(compact); i++) {
                listed.add(Event.get(compact, i));
            }
            assertThat(listed).as(field).isEqualTo(e.values(FieldPath.of(field)));
        }
        assertThat(Event.of(json).compactValues(FieldPath.of("one"))).as("no list made").isSameAs(json.get("one"));
        assertThat(Event.count(e.compactValues(FieldPath.of("many")))).isEqualTo(2);
    }
}
