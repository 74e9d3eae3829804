package org.atlasops.detect.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads labelled JSON lines: one object per line with {@code label} (one of the format's labels), the item's fields,
 * and optional {@code id}, {@code source} and {@code language} (a record without one gets {@link Language#guess}).
 * A line that is not JSON, or a record without a valid label or item, is a {@link Problem} naming {@code file:line}
 * and the rule it breaks; reading goes on.
 */
public final class ExampleReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleReader() {}

    /** A line that could not be used: {@code file:line} and why. */
    public record Problem(String place, String reason) {
        public Problem {
            Objects.requireNonNull(place, "place");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return place + ": " + reason;
        }
    }

    /** The examples read and the lines skipped. */
    public record Read<T>(List<Example<T>> examples, List<Problem> problems) {
        public Read {
            examples = List.copyOf(examples);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param name what to call the input in places ({@code name:line}), usually its path
     */
    public static <T> Read<T> read(Reader in, String name, ExampleFormat<T> format) throws IOException {
        List<Example<T>> examples = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String place = name + ":" + number;
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                problems.add(new Problem(place, "not JSON; each line must be one JSON object"));
                continue;
            }
            if (n == null || !n.isObject()) {
                problems.add(new Problem(place, "not a JSON object; each line must be one JSON object"));
                continue;
            }
            JsonNode label = n.get("label");
            if (label == null || !label.isTextual() || !format.labels().contains(label.asText())) {
                problems.add(new Problem(
                        place,
                        (label == null ? "no label" : "label " + label + " is not one of " + format.labels())
                                + "; " + format.what() + " needs \"label\": one of "
                                + String.join(", ", format.labels())));
                continue;
            }
            T item;
            try {
                item = format.item(n);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(place, format.what() + " " + e.getMessage()));
                continue;
            }
            String text = format.text(item);
            String language = n.path("language").isTextual()
                            && !n.get("language").asText().isBlank()
                    ? n.get("language").asText().strip()
                    : Language.guess(text);
            examples.add(new Example<>(
                    item,
                    n.path("id").isValueNode() ? n.get("id").asText() : place,
                    label.asText(),
                    format.attack(label.asText()),
                    n.path("source").isTextual() ? n.get("source").asText() : "",
                    language,
                    LengthBand.of(text),
                    place));
        }
        return new Read<>(examples, problems);
    }
}
