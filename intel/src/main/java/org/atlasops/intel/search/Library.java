package org.atlasops.intel.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.atlasops.intel.aiid.AiidReader;
import org.atlasops.intel.aiid.AiidSnapshot;
import org.atlasops.intel.avid.AvidReader;
import org.atlasops.intel.avid.AvidSnapshot;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;

/**
 * The public sources as this installation has them, under {@code <data dir>/intel/}: AVID (the bundled snapshot,
 * or the clone named by {@code avid.path} after {@code intel import avid}) and AIID (the CSVs copied to
 * {@code aiid/} by {@code intel import aiid}; the user's own copy, never shipped). {@link #index} puts them together
 * with ATLAS's case studies and whatever other sources the caller has (the team's incidents).
 */
public final class Library {
    private final Path dir;

    public Library(Path dataDir) {
        this.dir = dataDir.resolve("intel");
    }

    /** AVID as last imported, else the bundled snapshot. */
    public AvidSnapshot avid(KnowledgeBase kb) {
        Optional<Path> clone = avidClone();
        if (clone.isPresent() && Files.isDirectory(clone.get())) {
            return AvidReader.directory(clone.get(), kb);
        }
        return AvidReader.bundled(kb);
    }

    public Optional<Path> avidClone() {
        Path p = dir.resolve("avid.path");
        try {
            return Files.isRegularFile(p)
                    ? Optional.of(
                            Path.of(Files.readString(p, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Reads a clone of the AVID repository and, when it reads, uses it from now on instead of the bundled snapshot. */
    public AvidSnapshot importAvid(Path clone, KnowledgeBase kb) {
        AvidSnapshot s = AvidReader.directory(clone, kb);
        if (s.records().isEmpty()) {
            throw new BadInputException(clone + ": no AVID record could be read ("
                    + s.flaws().size() + " flaw(s)); the bundled snapshot stays in use");
        }
        write(dir.resolve("avid.path"), clone.toAbsolutePath().normalize().toString());
        return s;
    }

    /** AIID as last imported; empty when it never was. */
    public Optional<AiidSnapshot> aiid(KnowledgeBase kb) {
        Path copy = dir.resolve("aiid");
        if (!Files.isRegularFile(copy.resolve("incidents.csv"))) {
            return Optional.empty();
        }
        return Optional.of(AiidReader.read(copy, kb));
    }

    /**
     * Reads a snapshot and, when it reads, keeps a copy of its CSVs for the search (the user's copy: AIID's licence
     * allows it; atlas-ops never ships one).
     */
    public AiidSnapshot importAiid(Path snapshot, KnowledgeBase kb) {
        AiidSnapshot s = AiidReader.read(snapshot, kb);
        if (s.incidents().isEmpty()) {
            throw new BadInputException(snapshot + ": no incident could be read ("
                    + s.problems().size() + " problem(s)); nothing was kept");
        }
        Map<String, String> csvs = new TreeMap<>();
        try {
            Path tmp = Files.createDirectories(dir).resolve("aiid.new");
            deleteTree(tmp);
            Files.createDirectories(tmp);
            csvs.putAll(AiidReader.csvTexts(snapshot));
            for (Map.Entry<String, String> e : csvs.entrySet()) {
                Files.writeString(tmp.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            Files.writeString(
                    tmp.resolve("ATTRIBUTION.txt"),
                    AiidSnapshot.ATTRIBUTION + "\nImported from " + snapshot + "\n",
                    StandardCharsets.UTF_8);
            Path target = dir.resolve("aiid");
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the AIID snapshot under " + dir + ": " + e.getMessage(), e);
        }
        return s;
    }

    /**
     * The risk index: ATLAS's case studies, AVID, AIID's security-relevant incidents when imported, and the extra
     * sources given (the team's incidents, objects pulled over TAXII).
     */
    public RiskIndex index(KnowledgeBase kb, List<RiskSource> extra) {
        List<RiskSource> sources = new ArrayList<>();
        sources.add(Sources.atlas(kb));
        sources.add(Sources.avid(avid(kb)));
        aiid(kb).ifPresent(a -> sources.add(Sources.aiid(a, true)));
        sources.addAll(extra);
        return RiskIndex.build(kb, sources);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
