package org.atlasops.assess.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.atlasops.assess.AtlasIds;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.failure.BadInputException;

/**
 * The alerts {@code atlas-ops detect scan} writes (JSON lines, its default format; {@code .gz} too): per line the
 * alert's {@code id}, {@code time} and {@code techniques[].id}. Read as the denominator of the share of alerts that
 * became incidents; a flaw names the file, the line and the field.
 */
public final class AlertLines {
    /** A line longer than this is no alert (an alert with every field is a few KiB). */
    static final int MAX_LINE = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertLines() {}

    /** Every alert of the file, in order, without the incident it became (see {@link Timelines#withAlerts}). */
    public static List<AlertRecord> read(Path file, KnowledgeBase kb) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(name + ": " + (Files.isDirectory(file) ? "is a folder" : "no such file")
                    + "; give the alerts 'atlas-ops detect scan' wrote (JSON lines)");
        }
        boolean gz = name.toLowerCase(Locale.ROOT).endsWith(".gz");
        List<AlertRecord> out = new ArrayList<>();
        try {
            if (Files.size(file) == 0) {
                throw empty(name);
            }
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + reason(e) + ")", e);
        }
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader in = new BufferedReader(new InputStreamReader(
                        gz ? new GZIPInputStream(raw) : raw,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            int lineNo = 0;
            for (String line = line(in, name, lineNo + 1); line != null; line = line(in, name, lineNo + 1)) {
                lineNo++;
                if (!line.isBlank()) {
                    out.add(alert(line, name, lineNo, kb));
                }
            }
            if (out.isEmpty()) {
                throw empty(name);
            }
        } catch (IOException e) {
            throw new BadInputException(
                    name + ": cannot read as " + (gz ? "gzip-compressed " : "") + "UTF-8 JSON lines (" + reason(e)
                            + "); give the alerts 'atlas-ops detect scan' wrote",
                    e);
        }
        return out;
    }

    private static BadInputException empty(String name) {
        return new BadInputException(
                name + ": empty file; a scan that found no alerts has nothing to count: leave the file out");
    }

    /** Some readers' exceptions carry no message (a cut gzip stream): name the kind then. */
    private static String reason(IOException e) {
        return e.getMessage() == null
                ? (e instanceof java.io.EOFException
                        ? "the file ends early"
                        : e.getClass().getSimpleName())
                : e.getMessage();
    }

    /**
     * The next line without its end, or null at the end; refused as soon as it passes {@link #MAX_LINE} characters,
     * so an endless line is never held whole.
     */
    private static String line(BufferedReader in, String name, int lineNo) throws IOException {
        StringBuilder b = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (b.length() == MAX_LINE) {
                throw new BadInputException(
                        name + ":" + lineNo + ": longer than " + MAX_LINE / 1024 + " KiB; not an alert line");
            }
            b.append((char) c);
            c = in.read();
        }
        int end = b.length();
        if (end > 0 && b.charAt(end - 1) == '\r') {
            b.setLength(end - 1);
        }
        return b.toString();
    }

    private static AlertRecord alert(String line, String file, int lineNo, KnowledgeBase kb) {
        String at = file + ":" + lineNo + ": ";
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    at + "not JSON (" + e.getOriginalMessage() + "); one alert per line, as 'detect scan' writes", e);
        }
        if (!n.isObject()) {
            throw new BadInputException(at + "expected an alert object, found " + n.getNodeType());
        }
        if (n.has("class_uid") || n.has("@timestamp")) {
            throw new BadInputException(at + "an OCSF or ECS alert; write the alerts with 'detect scan --format "
                    + "json' (the default) for assess metrics");
        }
        String id = n.path("id").asText("").strip();
        if (!n.path("id").isTextual() || id.isEmpty()) {
            throw new BadInputException(at + "id: missing; every alert 'detect scan' writes has one");
        }
        Instant time;
        try {
            time = Instant.parse(n.path("time").asText(""));
        } catch (DateTimeParseException e) {
            throw new BadInputException(
                    at + "time: '" + n.path("time").asText("") + "' is not a UTC time like 2026-11-30T10:15:00Z");
        }
        JsonNode ts = n.path("techniques");
        if (!ts.isMissingNode() && !ts.isArray()) {
            throw new BadInputException(at + "techniques: expected a list of {id, name}, found " + ts.getNodeType());
        }
        List<AtlasId> techniques = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            JsonNode t = ts.get(i);
            String value = (t.isObject() ? t.path("id") : t).asText("").strip();
            Optional<String> wrong = AtlasIds.problem(kb, value, ObjectType.TECHNIQUE);
            if (wrong.isPresent()) {
                throw new BadInputException(at + "techniques[" + i + "].id: " + wrong.get());
            }
            AtlasId tid = AtlasId.parse(value);
            if (!techniques.contains(tid)) {
                techniques.add(tid);
            }
        }
        return new AlertRecord(id, time, "", techniques, Optional.empty());
    }
}
