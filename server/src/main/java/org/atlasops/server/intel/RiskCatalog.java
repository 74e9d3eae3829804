package org.atlasops.server.intel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atlasops.intel.search.Library;
import org.atlasops.intel.search.RiskIndex;
import org.atlasops.intel.search.RiskRecord;
import org.atlasops.intel.search.RiskSource;
import org.atlasops.intel.search.Sources;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.store.Database;
import org.atlasops.store.IncidentStore;
import org.atlasops.store.StoredIncident;

/**
 * The AI risk index the server searches, per release: the public sources are read once (AVID's snapshot takes
 * seconds), the index is rebuilt only when the team's incidents changed. More sources (objects pulled over TAXII)
 * join through {@link #addSource}.
 */
final class RiskCatalog {
    private record Built(String version, long count, Instant latest, int extra, RiskIndex index) {}

    private final Database db;
    private final Library library;
    private final Map<String, List<RiskSource>> publicSources = new ConcurrentHashMap<>();
    private final List<RiskSource> extra = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Built> built = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warming = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failed = new ConcurrentHashMap<>();

    RiskCatalog(Database db, Path dataDir) {
        this.db = db;
        this.library = new Library(dataDir);
    }

    /** Another source for every index from now on (e.g. what a TAXII pull brought in). */
    void addSource(RiskSource source) {
        extra.add(source);
        built.clear();
    }

    /**
     * Starts reading the public sources and building the index of {@code kb}'s release on a background thread (at
     * server start, so that the first technique page does not wait seconds for AVID); nothing when one runs.
     */
    void warmUp(KnowledgeBase kb) {
        String v = kb.version();
        if (warming.putIfAbsent(v, Boolean.TRUE) != null) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        index(kb);
                    } catch (RuntimeException e) {
                        // the next page that asks says so (the server may also have stopped: the database closed)
                        failed.put(v, e);
                    } finally {
                        warming.remove(v);
                    }
                },
                "atlas-ops-risk-index-" + v);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * The index when it can be had without reading the public sources: built and current, or (the team's incidents
     * changed) rebuilt from the sources already read. Empty while the first build runs in the background: a page
     * then says so instead of waiting. A background build that failed is thrown here, once; the next call retries.
     */
    Optional<RiskIndex> ifReady(KnowledgeBase kb) {
        RuntimeException e = failed.remove(kb.version());
        if (e != null) {
            throw e;
        }
        if (!built.containsKey(kb.version())) {
            warmUp(kb);
            return Optional.empty();
        }
        return Optional.of(index(kb));
    }

    synchronized RiskIndex index(KnowledgeBase kb) {
        List<StoredIncident> team = db.incidents().list(0, IncidentStore.MAX_PAGE);
        long count = db.incidents().count();
        Instant latest = team.stream()
                .map(StoredIncident::updatedAt)
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        Built b = built.get(kb.version());
        if (b != null && b.count() == count && b.latest().equals(latest) && b.extra() == extra.size()) {
            return b.index();
        }
        List<RiskSource> sources = new ArrayList<>(publicSources.computeIfAbsent(kb.version(), v -> {
            List<RiskSource> list = new ArrayList<>();
            list.add(Sources.atlas(kb));
            list.add(Sources.avid(library.avid(kb)));
            library.aiid(kb).ifPresent(a -> list.add(Sources.aiid(a, true)));
            return List.copyOf(list);
        }));
        List<RiskRecord> records =
                team.stream().map(s -> Sources.team(s.id(), s.incident())).toList();
        sources.add(RiskSource.of(Sources.TEAM, records));
        sources.addAll(extra);
        RiskIndex index = RiskIndex.build(kb, sources);
        built.put(kb.version(), new Built(kb.version(), count, latest, extra.size(), index));
        return index;
    }
}
