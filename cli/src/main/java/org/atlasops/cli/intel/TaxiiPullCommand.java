package org.atlasops.cli.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.atlasops.cli.ExitCodes;
import org.atlasops.intel.taxii.SyncState;
import org.atlasops.intel.taxii.TaxiiClient;
import org.atlasops.intel.taxii.Timestamps;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code intel pull URL --collection ID --out FILE}: sync a collection into a STIX bundle, incrementally. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sync a TAXII 2.1 collection into a STIX 2.1 bundle file. The first pull fetches everything; each later "
                    + "pull into the same file asks only for what was added after the last one "
                    + "(X-TAXII-Date-Added-Last, kept per server and collection in the data directory) and merges "
                    + "it in, the newest version of each object winning.",
            "A bundle of ATLAS pulled from an ATLAS root (ours: /taxii2/atlas/) loads as a release with "
                    + "--import-release, or later with 'atlas-ops kb import FILE'."
        })
final class TaxiiPullCommand extends TaxiiSubcommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--collection", required = true, paramLabel = "ID", description = "The collection's ID or alias.")
    String collection;

    @Option(
            names = {"-o", "--out"},
            required = true,
            paramLabel = "FILE",
            description = "The bundle to write (.json); an existing one is merged into.")
    Path out;

    @Option(names = "--import-release", description = "Also keep the bundle as an ATLAS release (as 'kb import' does).")
    boolean importRelease;

    @Option(names = "--full", description = "Fetch everything again, not only what was added since the last pull.")
    boolean full;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "500",
            description = "Objects asked for per page (default: ${DEFAULT-VALUE}); the server may give fewer.")
    int limit;

    @Override
    int execute() throws IOException {
        if (limit < 1 || limit > 10_000) {
            throw new BadInputException("--limit must be 1 to 10000");
        }
        if (!out.getFileName().toString().endsWith(".json")) {
            throw new BadInputException("--out " + out + ": name the bundle with .json (kb import reads it by that)");
        }
        // the file first: a bad --out is found before the server is asked anything
        Map<String, JsonNode> objects = read(out);
        TaxiiClient client = client();
        URI root = client.apiRoot(url);
        Path dataDir = intel.root.dataDir();
        SyncState state = SyncState.in(dataDir);
        Optional<Instant> after = Optional.empty();
        if (!full && Files.exists(out)) {
            after = state.get(root.toString(), collection);
        } else if (!full && state.get(root.toString(), collection).isPresent()) {
            err().println("atlas-ops: note: " + out + " does not exist: pulling everything, not only what was added "
                    + "since the last pull");
        }
        int before = objects.size();
        TaxiiClient.PullResult result = client.pull(root, collection, after, limit, o -> merge(objects, o));
        notes(result.notes());
        write(out, objects);
        result.lastAdded().ifPresent(t -> state.put(root.toString(), collection, t));
        out().println("pulled " + result.objects() + " object(s) in " + result.pages() + " page(s) from " + root
                + " collection " + collection
                + after.map(t -> " added after " + Timestamps.format(t)).orElse("")
                + "; " + out + " holds " + objects.size() + " object(s) (" + (objects.size() - before) + " new)");
        result.lastAdded()
                .ifPresent(t -> out().println("the next pull asks for what was added after " + Timestamps.format(t)));
        if (importRelease) {
            KnowledgeBase kb = intel.root.catalog().importRelease(out);
            out().println("imported ATLAS " + kb.version() + " ("
                    + kb.techniques().size() + " techniques and "
                    + "sub-techniques, " + kb.mitigations().size() + " mitigations, "
                    + kb.caseStudies().size()
                    + " case studies): use it with atlas-ops --release " + kb.version() + " kb stats");
        }
        return ExitCodes.OK;
    }

    /** The newest version of each object wins; a tie keeps what arrived last. */
    private static void merge(Map<String, JsonNode> objects, JsonNode o) {
        String id = o.path("id").asText("");
        if (id.isEmpty()) {
            return;
        }
        JsonNode held = objects.get(id);
        if (held == null || !version(o).isBefore(version(held))) {
            objects.put(id, o);
        }
    }

    private static Instant version(JsonNode o) {
        return Timestamps.parse(o.path("modified").asText(o.path("created").asText("")))
                .orElse(Instant.EPOCH);
    }

    private static Map<String, JsonNode> read(Path file) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return objects;
        }
        JsonNode bundle;
        try {
            bundle = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    TaxiiClient.notJson(file.toString(), e) + "; give another --out, or --full with a new file", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage() + "; give another --out", e);
        }
        if (bundle == null || !bundle.path("objects").isArray()) {
            throw new BadInputException(file + ": not a STIX bundle (no 'objects' array); give another --out");
        }
        bundle.get("objects").forEach(o -> merge(objects, o));
        return objects;
    }

    private static void write(Path file, Map<String, JsonNode> objects) throws IOException {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode list = bundle.putArray("objects");
        objects.values().forEach(list::add);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".pull", ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), bundle);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
