package org.atlasops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The evaluation interfaces' shape ({@code mcp check}, {@code detect prompt}): JSON objects in, one per line, from a
 * file or stdin; one verdict line out per usable record. A malformed line or a record without its required text field
 * is reported with its line number and skipped; the run goes on.
 */
public final class JsonLinesVerdicts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One verdict: the line to write, and whether it is a finding (exit code 1). */
    public record Verdict(ObjectNode line, boolean finding) {}

    /** How many records were judged, how many were findings, how many lines were skipped. */
    public record Summary(int records, int findings, int skipped) {}

    private JsonLinesVerdicts() {}

    public static ObjectNode line() {
        return JSON.createObjectNode();
    }

    /**
     * @param input         a file, or {@code -} for stdin
     * @param output        where verdicts go; empty writes them to {@code stdout}
     * @param requiredText  the field a record must carry as a string (e.g. {@code text}, {@code description})
     * @param what          what a record is, for messages ("a tool record")
     */
    public static Summary run(
            String input,
            Optional<Path> output,
            PrintWriter stdout,
            PrintWriter err,
            String requiredText,
            String what,
            Function<JsonNode, Verdict> judge)
            throws IOException {
        Path in = input.equals("-") ? null : Path.of(input);
        if (in != null && Files.isDirectory(in)) {
            throw new UserException(
                    input + ": is a folder, not a file; give a JSON-lines file, one " + what + " per line");
        }
        if (in != null && !Files.isRegularFile(in)) {
            throw new UserException(input + ": no such file");
        }
        int records = 0;
        int findings = 0;
        int skipped = 0;
        try (BufferedReader reader = in == null
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        : Files.newBufferedReader(in, StandardCharsets.UTF_8);
                Writer file =
                        output.isPresent() ? Files.newBufferedWriter(output.get(), StandardCharsets.UTF_8) : null) {
            Writer out = file != null ? file : stdout;
            String text;
            long number = 0;
            // skipped lines are held until a usable record shows the input is the right kind of file; a file with
            // none is one error, not a complaint per line
            java.util.List<String> held = new java.util.ArrayList<>();
            while ((text = readLine(reader, input)) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(text);
                } catch (IOException e) {
                    hold(held, records > 0, err, input, number + ": not JSON");
                    skipped++;
                    continue;
                }
                if (!n.isObject() || !n.path(requiredText).isTextual()) {
                    hold(held, records > 0, err, input, number + ": " + what + " needs a " + requiredText + " string");
                    skipped++;
                    continue;
                }
                // the first usable record: the lines skipped before it are worth reporting one by one
                held.forEach(h -> err.println("atlas-ops: skipped " + input + ":" + h));
                held.clear();
                Verdict v = judge.apply(n);
                out.write(v.line().toString());
                out.write('\n');
                records++;
                findings += v.finding() ? 1 : 0;
            }
            out.flush();
            if (records == 0 && skipped > 0) {
                Optional<String> first = held.stream().findFirst().map(h -> "line " + h);
                throw new UserException(input + ": no usable line (" + skipped + " skipped; first: "
                        + first.orElse("?") + "); give JSON lines, one " + what
                        + " with a " + requiredText + " string per line");
            }
            if (records == 0 && in != null) {
                throw new UserException(input + ": empty file; give JSON lines, one " + what + " with a " + requiredText
                        + " string per line");
            }
        }
        return new Summary(records, findings, skipped);
    }

    /** Holds a skipped line's "N: problem" until a usable record comes; after one (or past a thousand), prints it at once. */
    private static void hold(
            java.util.List<String> held, boolean released, PrintWriter err, String input, String line) {
        if (!released && held.size() < 1000) {
            held.add(line);
        } else {
            err.println("atlas-ops: skipped " + input + ":" + line);
        }
    }

    /** A line, or the end; input that is not UTF-8 (a binary file) is the user's to fix. */
    private static String readLine(BufferedReader reader, String input) throws IOException {
        try {
            return reader.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserException(input + ": not UTF-8 text (a binary file?); give JSON lines in UTF-8");
        }
    }
}
