package org.atlasops.detect.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.files.AtomicFiles;

/** The canaries a user created, kept as JSON in the data directory ({@code canaries.json}). */
public final class CanaryStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CanaryStore() {}

    public static List<Canary> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            List<Canary> out = new ArrayList<>();
            for (JsonNode n : root) {
                out.add(new Canary(
                        n.path("token").asText(),
                        n.path("label").asText(""),
                        Instant.parse(n.path("created").asText("1970-01-01T00:00:00Z"))));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(
                    file + ": not a canary file (a JSON list of {token, label, " + "created}): " + e.getMessage()
                            + "; fix it or move it away",
                    e);
        }
    }

    /** Adds a canary, writing the file atomically. */
    public static void add(Path file, Canary c) {
        List<Canary> all = new ArrayList<>(read(file));
        all.add(c);
        ArrayNode a = JSON.createArrayNode();
        for (Canary x : all) {
            a.addObject()
                    .put("token", x.token())
                    .put("label", x.label())
                    .put("created", x.created().toString());
        }
        AtomicFiles.write(file, a + "\n");
    }
}
