package org.atlasops.server.intel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * join through {@link #addSource}. Builds of one release never hold up pages of another (a lock per release), and
 * technique pages never wait for a build: they get the index built last while a newer one is made in the background.
 */
final class RiskCatalog implements AutoCloseable {
    /** What an index was built from: compared with the present one to know whether it is current. */
    private record Stamp(long count, Instant latest, List<RiskSource> extra) {}

    private record Built(Stamp stamp, RiskIndex index) {}

    private final Database db;
    private final Function<KnowledgeBase, List<RiskSource>> publicReader;
    private final Map<String, List<RiskSource>> publicSources = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Built> built = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RiskIndex>> running = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failed = new ConcurrentHashMap<>();
    private final ExecutorService background;
    /** Replaced whole, never changed in place: a build reads it once, so what it indexed is what it records. */
    private volatile List<RiskSource> extra = List.of();

    private volatile boolean closed;

    RiskCatalog(Database db, Path dataDir) {
        this(db, publicReader(new Library(dataDir)));
    }

    /** With another reader of the public sources (tests hold a build still with it). */
    RiskCatalog(Database db, Function<KnowledgeBase, List<RiskSource>> publicReader) {
        this.db = db;
        this.publicReader = publicReader;
        AtomicInteger n = new AtomicInteger();
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "atlas-ops-risk-index-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    private static Function<KnowledgeBase, List<RiskSource>> publicReader(Library library) {
        return kb -> {
            List<RiskSource> list = new ArrayList<>();
            list.add(Sources.atlas(kb));
            list.add(Sources.avid(library.avid(kb)));
            library.aiid(kb).ifPresent(a -> list.add(Sources.aiid(a, true)));
            return List.copyOf(list);
        };
    }

    /** Another source for every index from now on (e.g. what a TAXII pull brought in). */
    synchronized void addSource(RiskSource source) {
        List<RiskSource> more = new ArrayList<>(extra);
        more.add(source);
        extra = List.copyOf(more);
    }

    /**
     * Starts building the index of {@code kb}'s release on a background thread (at server start, so that the first
     * technique page does not wait seconds for AVID); the build already running when one runs. The future ends with
     * the index, or exceptionally (cancelled when the catalog closed).
     */
    CompletableFuture<RiskIndex> warmUp(KnowledgeBase kb) {
        String v = kb.version();
        CompletableFuture<RiskIndex> f = new CompletableFuture<>();
        CompletableFuture<RiskIndex> prior = running.putIfAbsent(v, f);
        if (prior != null) {
            return prior;
        }
        if (closed) {
            running.remove(v, f);
            f.cancel(false);
            return f;
        }
        try {
            background.execute(() -> {
                try {
                    RiskIndex index = index(kb);
                    running.remove(v, f);
                    f.complete(index);
                } catch (RuntimeException e) {
                    running.remove(v, f);
                    if (!closed) {
                        // the next page that asks says so
                        failed.put(v, e);
                    }
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
            running.remove(v, f);
            f.cancel(false);
        }
        return f;
    }

    /** The build started so far: running, done, or failed (nothing when none was asked for). */
    Optional<CompletableFuture<RiskIndex>> started(KnowledgeBase kb) {
        String v = kb.version();
        CompletableFuture<RiskIndex> f = running.get(v);
        if (f != null) {
            return Optional.of(f);
        }
        RuntimeException e = failed.get(v);
        if (e != null) {
            return Optional.of(CompletableFuture.failedFuture(e));
        }
        return Optional.ofNullable(built.get(v)).map(b -> CompletableFuture.completedFuture(b.index()));
    }

    /** The index current as of this call, built in the background when it is not (after a running build). */
    CompletableFuture<RiskIndex> current(KnowledgeBase kb) {
        try {
            return CompletableFuture.supplyAsync(() -> index(kb), background);
        } catch (RejectedExecutionException e) {
            // closed
            CompletableFuture<RiskIndex> f = new CompletableFuture<>();
            f.cancel(false);
            return f;
        }
    }

    /**
     * The index without waiting: the one built last, even when the team's incidents changed since (a newer one is
     * then built in the background). Empty while the first build runs: a page then says so instead of waiting. A
     * background build that failed is thrown here, once; the next call retries.
     */
    Optional<RiskIndex> ifReady(KnowledgeBase kb) {
        RuntimeException e = failed.remove(kb.version());
        if (e != null) {
            throw e;
        }
        Built b = built.get(kb.version());
        if (b == null || !b.stamp().equals(stamp())) {
            warmUp(kb);
        }
        return b == null ? Optional.empty() : Optional.of(b.index());
    }

    /** The current index, built on this thread when it is not (the search pages, which need it whole). */
    RiskIndex index(KnowledgeBase kb) {
        String v = kb.version();
        Built b = built.get(v);
        if (b != null && b.stamp().equals(stamp())) {
            return b.index();
        }
        synchronized (locks.computeIfAbsent(v, k -> new Object())) {
            // the team's incidents first: after the slow public sources, a build stopped by close() needs no database
            Stamp now = stamp();
            b = built.get(v);
            if (b != null && b.stamp().equals(now)) {
                return b.index();
            }
            List<RiskRecord> records = db.incidents().list(0, IncidentStore.MAX_PAGE).stream()
                    .map(s -> Sources.team(s.id(), s.incident()))
                    .toList();
            List<RiskSource> sources = new ArrayList<>(publicSources(kb));
            stopIfClosed();
            sources.add(RiskSource.of(Sources.TEAM, records));
            sources.addAll(now.extra());
            RiskIndex index = RiskIndex.build(kb, sources);
            stopIfClosed();
            built.put(v, new Built(now, index));
            return index;
        }
    }

    private List<RiskSource> publicSources(KnowledgeBase kb) {
        // called under the release's lock: read once per release, and not inside the map's own lock
        List<RiskSource> list = publicSources.get(kb.version());
        if (list == null) {
            list = List.copyOf(publicReader.apply(kb));
            publicSources.put(kb.version(), list);
        }
        return list;
    }

    private Stamp stamp() {
        // read before the incidents a build indexes: a change in between only makes the next call rebuild
        List<RiskSource> more = extra;
        long count = db.incidents().count();
        Instant latest = db.incidents().list(0, 1).stream()
                .map(StoredIncident::updatedAt)
                .findFirst()
                .orElse(Instant.EPOCH);
        return new Stamp(count, latest, more);
    }

    private void stopIfClosed() {
        if (closed) {
            throw new CancellationException("the server stopped");
        }
    }

    /** Stops the background builds (the server stops): none starts any more, and none running keeps its result. */
    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        running.values().forEach(f -> f.cancel(false));
        running.clear();
    }
}
