package org.atlasops.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.atlasops.kb.files.AtomicFiles;
import picocli.CommandLine.Option;

/**
 * The {@code -o, --output FILE} option of a command that writes one document: standard output by default, else the
 * file, written whole or not at all, and one line on standard error says what was written where (standard output
 * may be a data stream, so the note never goes there).
 */
public final class OutputOption {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to this file instead of standard output.")
    Path output;

    /** The file the user named, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(output);
    }

    /** Writes {@code text} to the file, or prints it on {@code out}; a file written is reported on {@code err}. */
    public void write(String text, PrintWriter out, PrintWriter err) {
        write(text.getBytes(StandardCharsets.UTF_8), out, err);
    }

    /** Writes {@code bytes} (UTF-8 text) to the file, or prints them on {@code out}. */
    public void write(byte[] bytes, PrintWriter out, PrintWriter err) {
        if (output == null) {
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
        } else {
            if (Files.isDirectory(output)) {
                throw OutputFailures.cannotWrite(output, "", new FileSystemException(output.toString()));
            }
            try {
                AtomicFiles.write(output, bytes);
            } catch (UncheckedIOException e) {
                throw OutputFailures.cannotWrite(output, e);
            }
            err.println("wrote " + output + " (" + bytes.length + " bytes)");
            err.flush();
        }
    }
}
