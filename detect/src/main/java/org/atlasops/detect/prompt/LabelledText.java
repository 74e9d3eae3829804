package org.atlasops.detect.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One labelled example: {@code id}, {@code text}, {@code label} (benign | injection | jailbreak), source. */
public record LabelledText(String id, String text, int label, String source) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads JSON lines with id, text and label; unknown labels are an error naming the line. */
    public static List<LabelledText> read(Path file) {
        List<LabelledText> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(lines.get(i));
                String label = n.path("label").asText();
                int c = List.of(PromptModel.CLASSES).indexOf(label);
                if (c < 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": label '" + label + "' is not one of "
                            + "benign, injection, jailbreak");
                }
                out.add(new LabelledText(
                        n.path("id").asText(),
                        n.path("text").asText(),
                        c,
                        n.path("source").asText("")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
