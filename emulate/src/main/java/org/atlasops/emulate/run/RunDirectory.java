package org.atlasops.emulate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * A run on disk: {@code run.json} (what was asked), {@code attempts.jsonl} (one line per finished attempt, appended
 * and flushed as each finishes, so an interrupted run loses only attempts in flight) and {@code telemetry.jsonl} (the
 * telemetry the attempts caused, in the schemas of docs/telemetry.md).
 */
public final class RunDirectory {
    public static final String MANIFEST = "run.json";
    public static final String ATTEMPTS = "attempts.jsonl";
    public static final String TELEMETRY = "telemetry.jsonl";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** A new run directory with its manifest. */
    public static RunDirectory create(Path dir, ObjectNode manifest) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new BadInputException(
                        dir + ": " + (p.equals(dir) ? "is a file" : p + " is a file") + "; give a folder for the run");
            }
        }
        if (Files.exists(dir.resolve(MANIFEST))) {
            throw new BadInputException(dir + ": a run is already there; resume it ('emulate run --resume " + dir
                    + "') or give another --output-dir");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MANIFEST), manifest.toPrettyString() + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ATTEMPTS), "", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TELEMETRY), "", StandardCharsets.UTF_8);
        return new RunDirectory(dir);
    }

    /** An existing run directory. */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new NotFoundException(
                    dir + ": no emulation run here (no " + MANIFEST + "); give the folder 'emulate run' wrote");
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public ObjectNode manifest() {
        try {
            return (ObjectNode)
                    AttemptJson.MAPPER.readTree(dir.resolve(MANIFEST).toFile());
        } catch (IOException | ClassCastException e) {
            throw new BadInputException(dir.resolve(MANIFEST) + ": not a run manifest: " + e.getMessage());
        }
    }

    /**
     * The attempts recorded so far. A last line cut off by an interrupt is left out (it was not finished); any other
     * bad line is an error naming the file and line.
     */
    public List<Attempt> attempts() {
        Path f = dir.resolve(ATTEMPTS);
        List<Attempt> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            List<String> lines = r.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(AttemptJson.fromJson(AttemptJson.MAPPER.readTree(line)));
                } catch (IOException | IllegalArgumentException e) {
                    if (i == lines.size() - 1) {
                        continue;
                    }
                    throw new BadInputException(f + ":" + (i + 1) + ": not an attempt: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Cuts a last line that an interrupt left unfinished (no newline at its end) from the attempts and telemetry
     * files, so appending goes on from a whole line. The attempt it belonged to is made again.
     */
    public synchronized void dropUnfinishedLines() {
        for (String name : List.of(ATTEMPTS, TELEMETRY)) {
            Path f = dir.resolve(name);
            try {
                if (!Files.exists(f)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                if (end != bytes.length) {
                    try (java.nio.channels.FileChannel ch =
                            java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.truncate(end);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot repair " + f, e);
            }
        }
    }

    /** Appends one finished attempt and its telemetry, flushed before it returns. */
    public synchronized void append(Attempt attempt, List<ObjectNode> telemetry) {
        Objects.requireNonNull(attempt, "attempt");
        try {
            appendLines(
                    dir.resolve(TELEMETRY),
                    telemetry.stream().map(JsonNode::toString).toList());
            appendLines(
                    dir.resolve(ATTEMPTS), List.of(AttemptJson.toJson(attempt).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record attempt " + attempt.key() + " in " + dir, e);
        }
    }

    private static void appendLines(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        try (OutputStream out = Files.newOutputStream(
                file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
