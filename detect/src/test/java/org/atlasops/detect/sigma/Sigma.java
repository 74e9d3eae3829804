package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.correlation.CorrelationState;

/** Test helper: a detection block as a rule, and JSON events. */
final class Sigma {
    static final ObjectMapper JSON = new ObjectMapper();

    private Sigma() {}

    static RuleSet rules(String yaml) {
        return new RuleLoader().load(yaml, "test.yml").build();
    }

    /** A rule with this detection (indented by the caller as under 'detection:'). */
    static SigmaRule rule(String detection) {
        RuleSet set = rules("title: t\nlogsource: {}\ndetection:\n" + detection.stripTrailing() + "\n");
        if (!set.problems().isEmpty()) {
            throw new AssertionError(set.problems().toString());
        }
        return set.rules().get(0);
    }

    static Event event(String json) {
        try {
            return Event.of((ObjectNode) JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean matches(String detection, String json) {
        return rule(detection).matches(event(json));
    }

    /** Correlation windows kept serialized in a map, as the Kafka Streams app keeps them in a state store. */
    static CorrelationState stateIn(java.util.Map<String, String> store) {
        return new CorrelationState() {
            @Override
            public java.util.Optional<String> get(String key) {
                return java.util.Optional.ofNullable(store.get(key));
            }

            @Override
            public void put(String key, String value) {
                store.put(key, value);
            }

            @Override
            public void delete(String key) {
                store.remove(key);
            }
        };
    }

    static Instant at(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }
}
