package org.atlasops.emulate.procedure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A procedure file as plain data with positions: maps, lists and scalars. {@code path} names the field. */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {
    String file();

    int line();

    /** The field's path from the document's root, e.g. {@code steps[2].chat.prompt}. */
    String path();

    String kind();

    default String where() {
        return file() + ":" + line();
    }

    record MapNode(String file, int line, String path, Map<String, Node> entries) implements Node {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<Node> get(String key) {
            Node n = entries.get(key);
            return n == null || n instanceof Scalar s && s.value() == null ? Optional.empty() : Optional.of(n);
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record ListNode(String file, int line, String path, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code value} is null for YAML null. {@code text} is true when it was a string, not a number. */
    record Scalar(String file, int line, String path, String value, boolean text) implements Node {
        @Override
        public String kind() {
            return value == null ? "nothing" : text ? "a string" : "a number or boolean";
        }
    }
}
