package org.atlasops.intel.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.atlasops.kb.failure.BadInputException;

/**
 * Where each pull stopped: the newest {@code X-TAXII-Date-Added-Last} seen per API root and collection, kept in a JSON
 * file of the data directory ({@code taxii-sync.json}), so the next pull asks only for what was added after it.
 */
public final class SyncState {
    public static final String FILE = "taxii-sync.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Instant> points = new TreeMap<>();

    private SyncState(Path file) {
        this.file = file;
    }

    /** The state kept in {@code dataDir}; empty when none is yet. A damaged file is named with the fix. */
    public static SyncState in(Path dataDir) {
        SyncState s = new SyncState(dataDir.resolve(FILE));
        if (Files.exists(s.file)) {
            try {
                JsonNode root = JSON.readTree(s.file.toFile());
                Iterator<Map.Entry<String, JsonNode>> it = root.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    s.points.put(
                            e.getKey(),
                            Timestamps.parse(e.getValue().asText())
                                    .orElseThrow(() -> new BadInputException(
                                            s.file + ": '" + e.getValue().asText() + "' of " + e.getKey()
                                                    + " is not a timestamp; delete the line or the file to pull all")));
                }
            } catch (IOException e) {
                throw new BadInputException(
                        s.file + ": not JSON (" + e.getMessage() + "); delete it to pull all again");
            }
        }
        return s;
    }

    private static String key(String root, String collection) {
        return root + " " + collection;
    }

    public Optional<Instant> get(String root, String collection) {
        return Optional.ofNullable(points.get(key(root, collection)));
    }

    /** Records the point and writes the file at once (atomically). */
    public void put(String root, String collection, Instant lastAdded) {
        points.put(key(root, collection), lastAdded);
        ObjectNode o = JSON.createObjectNode();
        points.forEach((k, v) -> o.put(k, Timestamps.format(v)));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".taxii-sync", ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
