package org.atlasops.kb.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Files written whole or not at all, for everything atlas-ops saves (layers, releases, pins, canaries, bundles). */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes bytes to a file through a temporary file in the same folder and an atomic rename, so readers see the
     * old file or the new one, never half of it. Missing folders are made; the file gets the usual permissions
     * (the umask applies).
     *
     * @throws UncheckedIOException naming the file, when it cannot be written
     */
    public static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the temporary file is hidden and harmless; the error that matters was thrown above
            }
        }
    }

    /** {@link #write(Path, byte[])} for text, in UTF-8. */
    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
