package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;

/**
 * Where the answer sits in a JSON reply: a small path language, {@code $.choices[0].message.content} or
 * {@code $['output text']}: {@code $} then member names ({@code .name} or {@code ['name']}) and array indexes
 * ({@code [0]}). Checked when parsed; {@link #find} never throws.
 */
final class JsonPath {
    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** Parses a path; {@code option} names where it came from for the error, e.g. {@code --answer-path}. */
    static JsonPath parse(String option, String path) {
        String p = path.strip();
        if (!p.startsWith("$")) {
            throw bad(option, path, 0, "starts with $ (the whole answer), e.g. $.choices[0].message.content");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
                    i++;
                }
                String name = p.substring(start, i);
                if (name.isEmpty() || !name.matches("[A-Za-z0-9_\\-]+")) {
                    throw bad(option, path, start, "a member name of letters, digits, _ or - after '.'");
                }
                steps.add(name);
            } else if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw bad(option, path, i, "a closing ]");
                }
                String inner = p.substring(i + 1, close).strip();
                if (inner.matches("\\d{1,9}")) {
                    steps.add(Integer.parseInt(inner));
                } else if (inner.length() >= 2
                        && (inner.startsWith("'") && inner.endsWith("'")
                                || inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    throw bad(option, path, i + 1, "an index like [0] or a quoted name like ['text']");
                }
                i = close + 1;
            } else {
                throw bad(option, path, i, "'.' or '[' between steps");
            }
        }
        return new JsonPath(p, steps);
    }

    private static BadInputException bad(String option, String path, int at, String expected) {
        return new BadInputException(option + " '" + path + "': at character " + (at + 1) + " expected " + expected);
    }

    /** The node at this path, if there is one (JSON null counts as none). */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode n = root;
        for (Object step : steps) {
            n = step instanceof Integer i ? n.path(i) : n.path((String) step);
        }
        return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    @Override
    public String toString() {
        return text;
    }
}
