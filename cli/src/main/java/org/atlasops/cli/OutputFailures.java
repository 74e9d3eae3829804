package org.atlasops.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.atlasops.kb.failure.UnavailableException;

/**
 * The one wording of "this -o file cannot be written", shared by {@link OutputOption} and the commands that stream to
 * their own {@code -o} file: the file the user named, the reason in plain words, and the fix; never a temporary
 * file's name or the exception's own text that repeats a path.
 */
public final class OutputFailures {
    private OutputFailures() {}

    /**
     * "FILE: cannot write WHAT: REASON; give -o a writable file" (exit 2 through Main, like any unusable file).
     *
     * @param what what was being written ("the alerts"), or empty for the document
     */
    public static UnavailableException cannotWrite(Path file, String what, IOException e) {
        return new UnavailableException(
                file + ": cannot write" + (what.isEmpty() ? "" : " " + what) + ": " + reason(file, e)
                        + "; give -o a writable file",
                e);
    }

    /** {@link #cannotWrite} for the {@link UncheckedIOException} of a whole-file write (its cause is the reason). */
    static UnavailableException cannotWrite(Path file, UncheckedIOException e) {
        return cannotWrite(file, "", e.getCause());
    }

    /** What went wrong, without the file name a {@link FileSystemException}'s message repeats. */
    static String reason(Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            return r.isEmpty() ? r : r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
