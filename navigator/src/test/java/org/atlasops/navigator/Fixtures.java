package org.atlasops.navigator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;

/** The shipped test layers (copies of MITRE's, see layers/SOURCES.md) and bundled releases, loaded once. */
public final class Fixtures {
    private static final Map<String, KnowledgeBase> RELEASES = new HashMap<>();

    private Fixtures() {}

    public static synchronized KnowledgeBase release(String version) {
        return RELEASES.computeIfAbsent(
                version, v -> ReleaseCatalog.bundledOnly().load(v));
    }

    public static KnowledgeBase atlas() {
        return release("5.6.0");
    }

    public static Path layers() {
        try {
            return Path.of(
                    Fixtures.class.getResource("/org/atlasops/navigator/layers").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path layer(String relative) {
        return layers().resolve(relative);
    }

    /** Every layer file under a folder of the fixtures, sorted. */
    public static List<Path> layerFiles(String folder) {
        try (Stream<Path> s = Files.walk(layers().resolve(folder))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
