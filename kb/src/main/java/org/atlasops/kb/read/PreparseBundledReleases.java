package org.atlasops.kb.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;

/**
 * A build step, not part of the API: writes the pre-parsed form ({@link ReleaseBinary}) of each bundled release
 * beside its YAML in the build's classes folder. The kb build runs it after compiling (exec-maven-plugin, phase
 * {@code process-classes}), so the jar always carries forms made from its own YAML by its own code. Each form is
 * made again every build (a second or so): a change to the reader, the writer or the model's records changes what
 * is written, which no file date or YAML checksum would show. A file is replaced only when its bytes differ, so
 * an unchanged form keeps its date.
 *
 * <p>Usage: {@code PreparseBundledReleases CLASSES_DIR}
 */
public final class PreparseBundledReleases { // public: exec-maven-plugin calls main only on a public class
    private PreparseBundledReleases() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PreparseBundledReleases CLASSES_DIR");
        }
        Path classes = Path.of(args[0]);
        Path data = classes.resolve("org/atlasops/kb/data");
        List<String> versions = Files.readAllLines(data.resolve("releases.txt")).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
        int written = 0;
        for (String version : versions) {
            byte[] yaml = Files.readAllBytes(data.resolve("ATLAS-" + version + ".yaml"));
            ReleaseBinary.Source source = ReleaseBinary.Source.of(yaml);
            Path target = data.resolve(ReleaseCatalog.preparsedName(version));
            KnowledgeBase kb = AtlasReader.read(new ByteArrayInputStream(yaml), "bundled:ATLAS-" + version + ".yaml");
            ByteArrayOutputStream out = new ByteArrayOutputStream(yaml.length);
            ReleaseBinary.write(kb, source, out);
            byte[] form = out.toByteArray();
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), form)) {
                continue; // what this code makes of this YAML is there already
            }
            AtomicFiles.write(target, form);
            written++;
        }
        if (written > 0) { // a quiet build when nothing changed
            System.out.println("pre-parsed " + written + " of " + versions.size() + " bundled releases into " + data);
        }
    }
}
