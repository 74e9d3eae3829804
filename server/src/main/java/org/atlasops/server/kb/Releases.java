package org.atlasops.server.kb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.crosswalk.Crosswalk;
import org.atlasops.kb.details.Details;
import org.atlasops.kb.diff.Differ;
import org.atlasops.kb.diff.ReleaseDiff;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.kb.search.SearchIndex;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;

/** The ATLAS releases the server offers (bundled and imported), loaded once and shared by all requests. */
public final class Releases {
    private final ReleaseCatalog catalog;
    private final String defaultVersion;
    private final Map<String, SearchIndex> indexes = new ConcurrentHashMap<>();
    private final Map<String, ReleaseDiff> diffs = new ConcurrentHashMap<>();
    private final Map<String, Crosswalk> crosswalks = new ConcurrentHashMap<>();

    public Releases(ReleaseCatalog catalog, String defaultVersion) {
        this.catalog = catalog;
        this.defaultVersion = defaultVersion;
        try {
            get(defaultVersion);
        } catch (Problem p) {
            // not a request's problem: the server cannot start with it (serve says so in one line, exit 2)
            throw p.status() == 404 ? new NotFoundException(p.getMessage()) : new BadInputException(p.getMessage());
        }
    }

    public ReleaseCatalog catalog() {
        return catalog;
    }

    public String defaultVersion() {
        return defaultVersion;
    }

    public List<String> versions() {
        return catalog.releases().stream().map(ReleaseCatalog.Release::version).toList();
    }

    /** The release asked for, the default when none is; an unknown one is a 404 naming the known ones. */
    public KnowledgeBase get(String version) {
        String v = version == null || version.isBlank() ? defaultVersion : version.strip();
        if (!versions().contains(v.replaceFirst("^[vV]", ""))) {
            throw Problem.notFound("ATLAS release '" + v + "' is not known here; known: "
                    + String.join(", ", versions()) + " (import others with 'atlas-ops kb import')");
        }
        try {
            return catalog.load(v);
        } catch (AtlasDataException e) {
            throw new Problem(ProblemType.RELEASE_UNREADABLE, e.getMessage());
        }
    }

    public SearchIndex search(KnowledgeBase kb) {
        return indexes.computeIfAbsent(kb.version(), v -> SearchIndex.of(kb));
    }

    public Crosswalk crosswalk(KnowledgeBase kb) {
        return crosswalks.computeIfAbsent(kb.version(), v -> Crosswalk.of(kb));
    }

    /** The read model of a release, over its cached crosswalk. */
    public Details details(KnowledgeBase kb) {
        return Details.of(kb, crosswalk(kb));
    }

    public ReleaseDiff diff(KnowledgeBase older, KnowledgeBase newer) {
        return diffs.computeIfAbsent(older.version() + ">" + newer.version(), k -> Differ.diff(older, newer));
    }
}
