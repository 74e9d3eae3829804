package org.atlasops.kb.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;

/**
 * A build step, not part of the API: writes the pre-parsed form ({@link ReleaseBinary}) of each bundled release
 * beside its YAML in the build's classes folder. The kb build runs it after compiling (exec-maven-plugin, phase
 * {@code process-classes}), so the jar always carries forms made from its own YAML by its own code. A form that is
 * already there is kept only when it was made from the same YAML in the same layout and is newer than the
 * writer's class.
 *
 * <p>Usage: {@code PreparseBundledReleases CLASSES_DIR}
 */
public final class PreparseBundledReleases {
    private PreparseBundledReleases() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PreparseBundledReleases CLASSES_DIR");
        }
        Path classes = Path.of(args[0]);
        Path data = classes.resolve("org/atlasops/kb/data");
        Path writer = classes.resolve(ReleaseBinary.class.getName().replace('.', '/') + ".class");
        List<String> versions = Files.readAllLines(data.resolve("releases.txt")).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
        int written = 0;
        for (String version : versions) {
            byte[] yaml = Files.readAllBytes(data.resolve("ATLAS-" + version + ".yaml"));
            ReleaseBinary.Source source = ReleaseBinary.Source.of(yaml);
            Path target = data.resolve(ReleaseCatalog.preparsedName(version));
            if (upToDate(target, source, writer)) {
                continue;
            }
            KnowledgeBase kb = AtlasReader.read(new ByteArrayInputStream(yaml), "bundled:ATLAS-" + version + ".yaml");
            ByteArrayOutputStream out = new ByteArrayOutputStream(yaml.length);
            ReleaseBinary.write(kb, source, out);
            AtomicFiles.write(target, out.toByteArray());
            written++;
        }
        if (written > 0) { // a quiet build when nothing changed
            System.out.println("pre-parsed " + written + " of " + versions.size() + " bundled releases into " + data);
        }
    }

    /** Whether the form there was made from this YAML, in this layout, after the writer was compiled. */
    private static boolean upToDate(Path target, ReleaseBinary.Source source, Path writer) throws IOException {
        if (!Files.isRegularFile(target)
                || !Files.isRegularFile(writer)
                || Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(writer)) <= 0) {
            return false;
        }
        try (InputStream in = Files.newInputStream(target)) {
            return ReleaseBinary.madeFrom(new DataInputStream(in), source);
        }
    }
}
