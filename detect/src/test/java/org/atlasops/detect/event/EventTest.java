package org.atlasops.detect.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventTest {
    /** Values are looked up anew each time and handed out as immutable lists: an event holds no state of callers. */
    @Test
    void valuesAreImmutableListsOfTheFieldsScalars() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("one", "a");
        json.putArray("many").add("b").addNull().add("c");
        json.putObject("nested").put("x", 1);
        json.putArray("objects").addObject().putNull("y");
        Event e = Event.of(json);
        assertThat(e.values("one")).extracting(v -> v.asText()).containsExactly("a");
        assertThat(e.values("many"))
                .as("nulls inside an array are not values")
                .extracting(v -> v.asText())
                .containsExactly("b", "c");
        assertThat(e.values("nested")).extracting(v -> v.asText()).containsExactly("1");
        assertThat(e.values("nested.x")).extracting(v -> v.asText()).containsExactly("1");
        assertThat(e.values("objects.y"))
                .as("along the path, every element's value, null too")
                .hasSize(1);
        assertThat(e.values("absent")).isEmpty();
        assertThat(e.has("absent")).isFalse();
        assertThat(e.has("objects.y")).isTrue();
        for (String f : new String[] {"one", "many", "absent"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.values(f).add(null))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(e.allScalarTexts()).containsExactly("a", "b", "c", "1");
    }
}
