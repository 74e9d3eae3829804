package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YAML files that are not rules (rule tests, placeholder values) read with the same safe parser as rules and
 * handed out as JSON trees: numbers stay numbers, quoted strings stay strings.
 */
public final class YamlDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocuments() {}

    /** The documents of a YAML text; malformed YAML is a {@link SigmaException} with file and line. */
    public static List<JsonNode> read(String text, String file) {
        List<JsonNode> out = new ArrayList<>();
        for (YamlNode n : SigmaYaml.parseAll(text, file)) {
            out.add(json(n));
        }
        return out;
    }

    /** A placeholder file: a map of name to a value or list of values. */
    public static Map<String, List<String>> placeholders(String text, String file) {
        List<JsonNode> docs = read(text, file);
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (docs.isEmpty()) {
            return out;
        }
        if (!docs.get(0).isObject()) {
            throw new SigmaException(
                    file, 1, "a placeholder file maps names to values, e.g. 'Administrators: " + "[adm_*, root]'");
        }
        docs.get(0).properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(e.getValue().asText());
            }
            out.put(e.getKey(), values);
        });
        return out;
    }

    static JsonNode json(YamlNode n) {
        if (n instanceof YamlNode.Mapping m) {
            ObjectNode o = NODES.objectNode();
            m.entries().forEach((k, v) -> o.set(k, json(v)));
            return o;
        }
        if (n instanceof YamlNode.Sequence s) {
            ArrayNode a = NODES.arrayNode();
            s.items().forEach(i -> a.add(json(i)));
            return a;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) n;
        try {
            return switch (s.type()) {
                case NULL -> NODES.nullNode();
                case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
                case INTEGER ->
                    NODES.numberNode(new java.math.BigInteger(s.text().replace("_", "")));
                case FLOAT -> NODES.numberNode(Double.parseDouble(s.text()));
                default -> NODES.textNode(s.text());
            };
        } catch (NumberFormatException e) {
            return NODES.textNode(s.text());
        }
    }
}
