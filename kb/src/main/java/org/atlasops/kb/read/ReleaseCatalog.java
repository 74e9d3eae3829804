package org.atlasops.kb.read;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;

/**
 * The ATLAS releases atlas-ops knows by version: those bundled in the jar and those imported into the data
 * directory ({@code <data-dir>/releases/ATLAS-<version>.yaml}, or {@code .json} for a STIX bundle). An imported release of the same version as a
 * bundled one takes its place.
 */
public final class ReleaseCatalog {
    /** The release used when none is named. */
    public static final String DEFAULT_VERSION = "5.6.0";

    private static final String BUNDLE = "/org/atlasops/kb/data/";

    /** Bundled releases are jar resources that never change: read once per process, whichever catalog asks. */
    private static final Map<String, KnowledgeBase> BUNDLED = new ConcurrentHashMap<>();
    /** Why the pre-parsed form of a bundled release read so far was not used, by version. */
    private static final Map<String, String> PREPARSED_REFUSED = new ConcurrentHashMap<>();

    private final Optional<Path> dataDir;
    private final Map<String, KnowledgeBase> cache = new ConcurrentHashMap<>();

    /** Where a release comes from. */
    public record Release(String version, String origin, boolean bundled) {}

    public ReleaseCatalog(Optional<Path> dataDir) {
        this.dataDir = dataDir;
    }

    /** Bundled releases only, no data directory. */
    public static ReleaseCatalog bundledOnly() {
        return new ReleaseCatalog(Optional.empty());
    }

    /** All releases by version, oldest first. */
    public List<Release> releases() {
        Map<String, Release> all = new LinkedHashMap<>();
        for (String v : bundledVersions()) {
            all.put(v, new Release(v, "bundled", true));
        }
        importedFiles().forEach((v, file) -> all.put(v, new Release(v, file.toString(), false)));
        List<Release> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(Release::version, ReleaseCatalog::compareVersions));
        return list;
    }

    public KnowledgeBase loadDefault() {
        return load(DEFAULT_VERSION);
    }

    /** The release with this version ({@code 5.6.0}, {@code 2026.05}); a clear error names the ones known. */
    public KnowledgeBase load(String version) {
        String v = version.strip().replaceFirst("^[vV]", "");
        return cache.computeIfAbsent(v, this::loadUncached);
    }

    /**
     * The releases a layer passes through from {@code from} to {@code to}, both included: every known release in
     * between when upgrading, so changes are followed one release at a time; just the two when going back.
     */
    public List<KnowledgeBase> upgradePath(KnowledgeBase from, KnowledgeBase to) {
        if (compareVersions(from.version(), to.version()) > 0) {
            return List.of(from, to);
        }
        List<KnowledgeBase> path = new ArrayList<>();
        path.add(from);
        releases().stream()
                .map(Release::version)
                .filter(v -> compareVersions(v, from.version()) > 0 && compareVersions(v, to.version()) < 0)
                .map(this::load)
                .forEach(path::add);
        path.add(to);
        return path;
    }

    /** A version known here, or else a path to a data file. */
    public KnowledgeBase loadVersionOrFile(String versionOrFile) {
        String v = versionOrFile.strip().replaceFirst("^[vV]", "");
        if (releases().stream().anyMatch(r -> r.version().equals(v))) {
            return load(v);
        }
        try {
            Path p = Path.of(versionOrFile);
            if (Files.exists(p)) {
                return AtlasReader.read(p);
            }
        } catch (java.nio.file.InvalidPathException e) {
            // Neither a version nor a path: say which versions there are.
        }
        throw unknown(versionOrFile);
    }

    private KnowledgeBase loadUncached(String version) {
        Path imported = importedFiles().get(version);
        if (imported != null) {
            return AtlasReader.read(imported);
        }
        if (!bundledVersions().contains(version)) {
            throw unknown(version);
        }
        return BUNDLED.computeIfAbsent(version, ReleaseCatalog::readBundled);
    }

    private static KnowledgeBase readBundled(String version) {
        return readBundled(version, ReleaseCatalog::bundledResource, why -> PREPARSED_REFUSED.put(version, why));
    }

    /**
     * Why the pre-parsed form of each bundled release this process read was not used (the YAML was parsed
     * instead, slower but the same release), by version: for {@code --verbose}, so a lost start-up gain is seen.
     */
    public static Map<String, String> preparsedRefused() {
        return Map.copyOf(PREPARSED_REFUSED);
    }

    static KnowledgeBase readBundled(String version, Function<String, Optional<byte[]>> resources) {
        return readBundled(version, resources, why -> {});
    }

    /**
     * A bundled release from its pre-parsed form ({@link ReleaseBinary}, made by the build from the YAML beside
     * it), or from the YAML when there is none or it does not match the YAML, is of another layout or is damaged:
     * either way the same {@link KnowledgeBase}.
     *
     * @param resources the bytes of a file of the bundle by name, empty when it has none
     * @param refused told why, when the pre-parsed form is missing or was not used
     */
    static KnowledgeBase readBundled(
            String version, Function<String, Optional<byte[]>> resources, Consumer<String> refused) {
        String yamlName = "ATLAS-" + version + ".yaml";
        byte[] yaml = resources
                .apply(yamlName)
                .orElseThrow(
                        () -> new IllegalStateException("bundled release " + version + " is missing from the jar"));
        Optional<byte[]> preparsed = resources.apply(preparsedName(version));
        if (preparsed.isPresent()) {
            try {
                return ReleaseBinary.read(new ByteArrayInputStream(preparsed.get()), ReleaseBinary.Source.of(yaml));
            } catch (IOException e) {
                // not made from this YAML, or damaged: the YAML is the truth, and gives the same release
                refused.accept(e.getMessage());
            }
        } else {
            refused.accept("the jar has none (" + preparsedName(version) + ")");
        }
        return AtlasReader.read(new ByteArrayInputStream(yaml), "bundled:" + yamlName);
    }

    /** The name of a bundled release's pre-parsed form beside its YAML. */
    static String preparsedName(String version) {
        return "ATLAS-" + version + ".kbin";
    }

    private static Optional<byte[]> bundledResource(String name) {
        try (InputStream in = ReleaseCatalog.class.getResourceAsStream(BUNDLE + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + name + ": " + e.getMessage(), e);
        }
    }

    private AtlasDataException unknown(String version) {
        List<String> known = releases().stream().map(Release::version).toList();
        return new AtlasDataException("unknown ATLAS release '" + version + "'; known: " + String.join(", ", known)
                + " (add one with 'kb import FILE', or give a file path)");
    }

    /**
     * Reads the file, and if it is ATLAS data keeps a copy in the data directory under its own version.
     *
     * @return the release as read
     */
    public KnowledgeBase importRelease(Path file) {
        Path dir = dataDir.orElseThrow(() -> new IllegalStateException("no data directory configured"))
                .resolve("releases");
        KnowledgeBase kb = AtlasReader.read(file);
        if (!kb.version().matches("[0-9A-Za-z._-]+")) {
            throw new AtlasDataException(file + ": version '" + kb.version() + "' cannot name a release; "
                    + "use letters, digits, dots and dashes");
        }
        try {
            // a STIX bundle is kept as .json, so that it is read back as one; the other form of the version goes
            boolean json = file.getFileName()
                    .toString()
                    .toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".json");
            AtomicFiles.write(
                    dir.resolve("ATLAS-" + kb.version() + (json ? ".json" : ".yaml")), Files.readAllBytes(file));
            Files.deleteIfExists(dir.resolve("ATLAS-" + kb.version() + (json ? ".yaml" : ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        cache.remove(kb.version());
        return kb;
    }

    private Map<String, Path> importedFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        if (dataDir.isEmpty()) {
            return files;
        }
        Path dir = dataDir.get().resolve("releases");
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "ATLAS-*.{yaml,json}")) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                files.put(name.substring("ATLAS-".length(), name.lastIndexOf('.')), p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    static List<String> bundledVersions() {
        List<String> versions = new ArrayList<>();
        try (InputStream in = ReleaseCatalog.class.getResourceAsStream(BUNDLE + "releases.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(versions::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    /** Compares release versions numerically part by part (5.10.0 after 5.9.0, 2026.05 after 5.6.0). */
    public static int compareVersions(String a, String b) {
        String[] pa = a.split("[.-]");
        String[] pb = b.split("[.-]");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            int c = x.matches("\\d{1,9}") && y.matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(x), Integer.parseInt(y))
                    : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
