package org.atlasops.cli.assess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.atlasops.cli.UserException;

/** The checks every input of an assess command gets before anything else is loaded: one line naming the file. */
final class Inputs {
    private Inputs() {}

    static void file(Path p, String what) {
        if (Files.isDirectory(p)) {
            throw new UserException(p + ": is a folder; give " + what);
        }
        if (!Files.exists(p)) {
            throw new UserException(p + ": no such file; give " + what);
        }
        try {
            if (Files.size(p) == 0) {
                throw new UserException(p + ": empty file; give " + what);
            }
            byte[] head;
            try (var in = Files.newInputStream(p)) {
                head = in.readNBytes(8192);
            }
            for (byte b : head) {
                if (b == 0) {
                    throw new UserException(p + ": a binary file; give " + what);
                }
            }
            if (new String(head, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new UserException(p + ": empty file; give " + what);
            }
        } catch (IOException e) {
            throw new UserException(p + ": cannot read: " + e.getMessage());
        }
    }

    /** A Sigma rule file or a folder holding some. */
    static void rules(Path p) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> all = Files.walk(p)) {
                boolean any = all.anyMatch(f -> {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return Files.isRegularFile(f)
                            && (n.endsWith(".yml") || n.endsWith(".yaml"))
                            && !n.contains(".tests.");
                });
                if (!any) {
                    throw new UserException(
                            p + ": no Sigma rule file (.yml, .yaml) in this folder; give your rules' folder");
                }
            } catch (IOException e) {
                throw new UserException(p + ": cannot read: " + e.getMessage());
            }
            return;
        }
        file(p, "a Sigma rule file or a folder of them");
    }
}
