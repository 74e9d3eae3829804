package org.atlasops.cli.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.atlasops.cli.UserException;

/** The checks every rule-side input gets before it is read: there, not empty, and a folder only where one fits. */
final class RuleFiles {
    private RuleFiles() {}

    /**
     * @param what        what the option takes, said in the message
     * @param folderToo   whether a folder of rule files is fine (it must hold one)
     */
    static void check(Path p, String what, boolean folderToo) {
        if (Files.isDirectory(p)) {
            if (!folderToo) {
                throw new UserException(p + ": is a folder; " + what);
            }
            if (!holdsYaml(p)) {
                throw new UserException(p + ": no .yml or .yaml file in this folder; " + what);
            }
            return;
        }
        if (!Files.exists(p)) {
            throw new UserException(p + ": no such file or folder");
        }
        try {
            if (Files.size(p) == 0) {
                throw new UserException(p + ": empty file; " + what);
            }
            if (!isText(p)) {
                throw new UserException(p + ": not UTF-8 text (a binary file?); " + what);
            }
        } catch (IOException e) {
            throw new UserException(p + ": cannot read: " + reason(e));
        }
    }

    /** Whether the file's first 8 KB decode as UTF-8 without a NUL (a cut multi-byte character at the end is fine). */
    static boolean isText(Path p) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(p)) {
            head = in.readNBytes(8192);
        }
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(head);
        CoderResult r = decoder.decode(bytes, CharBuffer.allocate(head.length), head.length < 8192);
        return !r.isError();
    }

    static boolean holdsYaml(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(f) && (n.endsWith(".yml") || n.endsWith(".yaml"));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return true; // the loader says what it cannot read
        }
    }

    static String reason(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text (a binary file?)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
