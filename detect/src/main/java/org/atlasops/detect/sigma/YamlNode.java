package org.atlasops.detect.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigma document as a tree that remembers where each node was written (1-based line and column) and, for
 * scalars, what YAML type it had: {@code 4688} is a number, {@code '4688'} a string, {@code null} null.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    int line();

    int column();

    /** "a map", "a list", "a string", … for error messages. */
    String kind();

    /** Keys in file order. */
    record Mapping(int line, int column, Map<String, YamlNode> entries, Map<String, Integer> keyLines)
            implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        public YamlNode get(String key) {
            return entries.get(key);
        }

        /** The line of a key, or of the map when the key is absent. */
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar: its text as written and its resolved type. */
    record Scalar(int line, int column, String text, Type type) implements YamlNode {
        public enum Type {
            STRING,
            INTEGER,
            FLOAT,
            BOOLEAN,
            NULL
        }

        public Scalar {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER, FLOAT -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }
}
