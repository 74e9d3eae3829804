package org.atlasops.detect.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads JSON lines (gzip detected by its magic bytes). A line that is not a JSON object is handed to the
 * {@code onBadLine} callback with its number and the parse error, and reading goes on. Blank lines are skipped.
 */
public final class EventReader implements Closeable {
    /** Longer lines are reported as bad instead of exhausting memory. */
    public static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

    /** A line that could not be used, and why. */
    public record BadLine(String source, long line, String problem) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + problem;
        }
    }

    private final BufferedReader reader;
    private final EventJson json = new EventJson();
    private final String source;
    private long lineNumber;

    public EventReader(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        InputStream body = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        this.source = Objects.requireNonNull(source, "source");
    }

    public static EventReader open(Path file) throws IOException {
        return new EventReader(Files.newInputStream(file), file.toString());
    }

    /** Reads every event, calling {@code onEvent} in order; returns the number of lines read. */
    public long forEach(Consumer<Event> onEvent, Consumer<BadLine> onBadLine) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE_CHARS) {
                    onBadLine.accept(new BadLine(
                            source, lineNumber, "line longer than " + MAX_LINE_CHARS + " characters; skipped"));
                    continue;
                }
                ObjectNode object;
                try {
                    object = json.parseObject(line);
                } catch (EventJson.MalformedJson e) {
                    onBadLine.accept(new BadLine(
                            source, lineNumber, e.notAnObject() ? e.getMessage() : "not JSON: " + e.getMessage()));
                    continue;
                }
                onEvent.accept(new Event(object, source, lineNumber));
            }
            return lineNumber;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ":" + lineNumber + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
