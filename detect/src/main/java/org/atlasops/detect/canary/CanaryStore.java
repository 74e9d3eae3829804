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
                    file + ": not a canary file (a JSON list of {token, label, " + "created}): " + reason(e)
                            + "; fix it or move it away",
                    e);
        }
    }

    /** Why the file could not be read, in one line (Jackson's own message adds the source on a second line). */
    private static String reason(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
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
