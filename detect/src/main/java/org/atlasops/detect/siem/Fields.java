package org.atlasops.detect.siem;

import java.util.List;
import java.util.Optional;

/**
 * What atlas-ops's telemetry shapes (docs/telemetry.md) hold as arrays and as objects, which each target addresses
 * its own way: Splunk's JSON extraction names array elements with {@code {}}, Elasticsearch flattens objects in
 * arrays into multi-valued dotted fields, and a Sentinel table keeps a JSON value in one dynamic column.
 */
final class Fields {
    /** Fields that hold arrays, longest first so the deepest match wins. */
    static final List<String> ARRAYS = List.of(
            "gen_ai.output.messages.parts",
            "gen_ai.input.messages.parts",
            "gen_ai.response.finish_reasons",
            "gen_ai.retrieval.documents",
            "gen_ai.output.messages",
            "gen_ai.input.messages",
            "mcp.tools");

    /** Fields that hold an object of arbitrary keys, which rules test as a whole (every value inside). */
    static final List<String> OBJECTS = List.of("mcp.tool.arguments", "message");

    /** The top-level keys of the shapes that are not scalars. */
    static final List<String> TOPS = List.of(
            "gen_ai.response.finish_reasons",
            "gen_ai.retrieval.documents",
            "gen_ai.output.messages",
            "gen_ai.input.messages",
            "mcp.tool.arguments",
            "mcp.tools",
            "message");

    private Fields() {}

    static boolean isObject(String field) {
        return OBJECTS.contains(field);
    }

    /** Whether the field is inside an array (so it may have several values). */
    static boolean inArray(String field) {
        return ARRAYS.stream().anyMatch(a -> field.equals(a) || field.startsWith(a + "."));
    }

    /** The field as Splunk's JSON extraction names it: {@code gen_ai.input.messages{}.parts{}.content}. */
    static String splunk(String field) {
        StringBuilder out = new StringBuilder();
        String rest = field;
        String done = "";
        while (true) {
            String prefix = null;
            for (String a : ARRAYS) {
                String full = a;
                if (full.length() > done.length()
                        && (field.equals(full) || field.startsWith(full + "."))
                        && full.startsWith(done)
                        && (prefix == null || full.length() < prefix.length())) {
                    prefix = full;
                }
            }
            if (prefix == null) {
                out.append(rest);
                return out.toString();
            }
            out.append(prefix.substring(done.length())).append("{}");
            rest = field.substring(prefix.length());
            done = prefix;
        }
    }

    /** The top-level key a field lives under, when it is one of the non-scalar keys. */
    static Optional<String> top(String field) {
        return TOPS.stream()
                .filter(t -> field.equals(t) || field.startsWith(t + "."))
                .findFirst();
    }
}
