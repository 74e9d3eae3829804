package org.atlasops.intel.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.kb.stix.StixExporter;
import org.atlasops.kb.stix.StixIds;

/**
 * ATLAS as read-only TAXII content: one API root per release ({@code atlas-5.6.0}) holding that release's STIX
 * export, and {@code atlas} holding the newest release's objects with every version the known releases had of them.
 * The objects carry kb's stable STIX IDs, so one technique is one object across releases, its versions are its
 * {@code modified} dates, and an object is "added" when that version appeared: {@code added_after} then asks what
 * changed in ATLAS since a date.
 */
public final class AtlasContent {
    /** The API root that follows the newest release. */
    public static final String LATEST_ROOT = "atlas";

    /** The one collection of every ATLAS root: the same ID in each, as the releases share object IDs. */
    public static final String COLLECTION_ID =
            StixIds.uuid5(StixIds.NAMESPACE, "ATLAS-TAXII-collection").toString();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> versions;
    private final Function<String, KnowledgeBase> loader;
    private final Map<String, List<ObjectVersion>> cache = new ConcurrentHashMap<>();

    /**
     * @param versions the releases to offer
     * @param loader reads a release by version
     */
    public AtlasContent(List<String> versions, Function<String, KnowledgeBase> loader) {
        this.versions =
                versions.stream().sorted(ReleaseCatalog::compareVersions).toList();
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The root names: {@code atlas} first, then one per release, oldest first. */
    public List<String> roots() {
        List<String> out = new ArrayList<>();
        if (!versions.isEmpty()) {
            out.add(LATEST_ROOT);
        }
        versions.forEach(v -> out.add(rootOf(v)));
        return out;
    }

    public static String rootOf(String version) {
        return "atlas-" + version;
    }

    /** The release a root serves; empty when the name is no ATLAS root. */
    public Optional<String> release(String root) {
        if (root.equals(LATEST_ROOT)) {
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }
        return versions.stream().filter(v -> rootOf(v).equals(root)).findFirst();
    }

    /** The versions of the root's collection; empty when the name is no ATLAS root. */
    public Optional<List<ObjectVersion>> objects(String root) {
        Optional<String> release = release(root);
        if (release.isEmpty()) {
            return Optional.empty();
        }
        if (!root.equals(LATEST_ROOT)) {
            return Optional.of(exported(release.get()));
        }
        // not computeIfAbsent: building it fills the cache with the releases
        List<ObjectVersion> latest = cache.get(" latest");
        if (latest == null) {
            latest = latest();
            cache.putIfAbsent(" latest", latest);
        }
        return Optional.of(latest);
    }

    private List<ObjectVersion> latest() {
        List<ObjectVersion> newest = exported(versions.get(versions.size() - 1));
        Set<String> ids = newest.stream().map(ObjectVersion::id).collect(Collectors.toSet());
        // every version any release had of an object the newest release holds; the newer release's copy wins a tie
        Map<String, ObjectVersion> byKey = new LinkedHashMap<>();
        for (String v : versions) {
            for (ObjectVersion o : exported(v)) {
                if (ids.contains(o.id())) {
                    byKey.put(o.id() + "@" + o.version(), o);
                }
            }
        }
        List<ObjectVersion> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(ObjectVersion::dateAdded).thenComparing(ObjectVersion::id));
        return List.copyOf(all);
    }

    private List<ObjectVersion> exported(String version) {
        List<ObjectVersion> held = cache.get(version);
        if (held == null) {
            held = versionsOf(StixExporter.export(loader.apply(version)));
            cache.putIfAbsent(version, held);
        }
        return held;
    }

    /** The objects of a STIX bundle as versions added when they were last modified. */
    static List<ObjectVersion> versionsOf(JsonNode bundle) {
        List<ObjectVersion> out = new ArrayList<>();
        for (JsonNode o : bundle.path("objects")) {
            String stamp = o.hasNonNull("modified")
                    ? o.get("modified").asText()
                    : o.path("created").asText();
            java.time.Instant at = Timestamps.parse(stamp)
                    .orElseThrow(() -> new IllegalStateException(o.path("id").asText() + " has no timestamp"));
            try {
                out.add(new ObjectVersion(
                        o.path("id").asText(),
                        o.path("type").asText(),
                        at,
                        o.path("spec_version").asText("2.1"),
                        at,
                        JSON.writeValueAsString(o)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e); // a tree read from memory always writes
            }
        }
        return List.copyOf(out);
    }
}
