package org.atlasops.kb.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as plain data with positions: maps, lists and scalars only. Public so that other modules read
 * their own YAML through the same safe layer ({@link YamlTree}) and name file, line and column in their errors.
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {
    Pos pos();

    /** What the value is, for messages: "a map", "a list", "a string", "nothing". */
    String kind();

    record Pos(String file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    record YMap(Pos pos, Map<String, YNode> entries) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<YNode> get(String key) {
            return Optional.ofNullable(entries.get(key)).filter(n -> !n.isNull());
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record YList(Pos pos, List<YNode> items) implements YNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code value} is null for YAML null (empty, {@code ~}, {@code null}). */
    record YScalar(Pos pos, String value) implements YNode {
        @Override
        public String kind() {
            return value == null ? "nothing" : "a string";
        }
    }

    default boolean isNull() {
        return this instanceof YScalar s && s.value() == null;
    }
}
