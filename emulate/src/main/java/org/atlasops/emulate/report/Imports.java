package org.atlasops.emulate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * Results of other red-team tools read in as attempts, mapped to ATLAS by the documented table
 * {@code import-mapping.tsv} (tool, key, technique, tactic, reason): garak's {@code report.jsonl} (completed
 * {@code attempt} entries; a detector score of 0.5 or more is a hit, as garak's default evaluator counts) and
 * promptfoo's results JSON (in red-team runs {@code success: false} means the attack worked). Entries with no
 * mapping are counted and left out.
 */
public final class Imports {
    /** One row of the mapping table. */
    public record Mapping(String tool, String key, String technique, String tactic, String reason) {}

    /** What an import read: the attempts, and how many entries had no ATLAS mapping (by key). */
    public record Result(List<Attempt> attempts, List<String> unmapped) {
        public Result {
            attempts = List.copyOf(attempts);
            unmapped = List.copyOf(unmapped);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Imports() {}

    public static List<Mapping> mappings() {
        List<Mapping> out = new ArrayList<>();
        try (InputStream in = Imports.class.getResourceAsStream("import-mapping.tsv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Mapping(f[0], f[1], f[2], f[3], f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Optional<Mapping> map(String tool, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        Mapping best = null;
        for (Mapping m : mappings()) {
            String mk = m.key().toLowerCase(Locale.ROOT);
            boolean hit = m.tool().equals(tool)
                    && (k.equals(mk)
                            || k.startsWith(mk + ".")
                            || k.startsWith(mk + ":")
                            || k.startsWith(mk + "-")
                            || tool.equals("promptfoo") && k.startsWith(mk));
            if (hit && (best == null || mk.length() > best.key().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    public static Result garak(Path file) {
        List<Attempt> out = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(file, "garak's report.jsonl (JSON lines)")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = read(file, lineNo, line);
            if (!"attempt".equals(n.path("entry_type").asText())
                    || n.path("status").asInt() != 2) {
                continue;
            }
            String probe = n.path("probe_classname").asText();
            Optional<Mapping> m = map("garak", probe);
            if (m.isEmpty()) {
                unmapped.add(probe);
                continue;
            }
            double max = -1;
            for (JsonNode scores : n.path("detector_results")) {
                for (JsonNode s : scores) {
                    if (s.isNumber()) {
                        max = Math.max(max, s.asDouble());
                    }
                }
            }
            Verdict v = max < 0 ? Verdict.UNSCORABLE : max >= 0.5 ? Verdict.SUCCEEDED : Verdict.FAILED;
            String prompt = "";
            for (JsonNode turn : n.path("prompt").path("turns")) {
                prompt = turn.path("content").path("text").asText(prompt);
            }
            String answer = n.path("outputs").path(0).path("text").asText("");
            String reason = max < 0 ? "garak recorded no detector score" : "garak detector score " + max;
            out.add(attempt(
                    "garak",
                    probe,
                    n.path("uuid").asText("line" + lineNo) + "#" + n.path("seq").asInt(),
                    m.get(),
                    prompt,
                    answer,
                    v,
                    reason));
        }
        return new Result(out, unmapped);
    }

    public static Result promptfoo(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(String.join("\n", lines(file, "promptfoo's results JSON")));
        } catch (IOException e) {
            throw new BadInputException(
                    file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode results = root.path("results").path("results");
        if (!results.isArray()) {
            results = root.path("results");
        }
        if (!results.isArray()) {
            throw new BadInputException(file + ": no results array (expected promptfoo's results JSON with "
                    + "results.results, from 'promptfoo eval -o results.json')");
        }
        List<Attempt> out = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        int i = 0;
        for (JsonNode r : results) {
            JsonNode md = r.path("testCase").path("metadata");
            String plugin = md.path("pluginId")
                    .asText(r.path("metadata").path("pluginId").asText(""));
            String strategy = md.path("strategyId").asText("");
            Optional<Mapping> m = strategy.isEmpty() ? Optional.empty() : map("promptfoo", strategy);
            if (m.isEmpty()) {
                m = map("promptfoo", plugin);
            }
            String key = plugin + (strategy.isEmpty() ? "" : "/" + strategy);
            if (m.isEmpty()) {
                unmapped.add(key.isEmpty() ? "(no plugin)" : key);
                i++;
                continue;
            }
            Verdict v = r.path("failureReason").asInt() == 2 || r.hasNonNull("error")
                    ? Verdict.UNSCORABLE
                    : r.path("success").asBoolean(true) ? Verdict.FAILED : Verdict.SUCCEEDED;
            String reason = r.path("gradingResult")
                    .path("reason")
                    .asText(v == Verdict.SUCCEEDED ? "promptfoo: the test failed" : "promptfoo: the test passed");
            out.add(attempt(
                    "promptfoo",
                    key,
                    r.path("id").asText("result" + i),
                    m.get(),
                    r.path("prompt").path("raw").asText(""),
                    r.path("response").path("output").asText(""),
                    v,
                    reason));
            i++;
        }
        return new Result(out, unmapped);
    }

    private static Attempt attempt(
            String tool, String probe, String id, Mapping m, String prompt, String answer, Verdict v, String reason) {
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.putArray("messages").addObject().put("role", "user").put("content", prompt);
        Attempt.Sent s = new Attempt.Sent(
                0,
                "chat",
                "chat",
                req,
                v == Verdict.UNSCORABLE ? "error" : "ok",
                Optional.of(answer),
                Optional.empty(),
                JsonNodeFactory.instance.arrayNode(),
                0,
                0,
                0,
                "");
        return new Attempt(
                tool + ":" + probe + "#" + id,
                tool + ":" + probe,
                probe + " (" + m.reason() + ")",
                m.technique(),
                m.tactic(),
                "",
                0,
                0,
                "",
                tool,
                tool,
                Instant.EPOCH,
                0,
                List.of(s),
                v,
                reason,
                1,
                0,
                0);
    }

    /** The file's lines; {@code expected} says what it should be, for the errors. */
    private static List<String> lines(Path file, String expected) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": a folder, not a file; give " + expected);
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text (a binary file?); give " + expected);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static JsonNode read(Path file, int line, String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new BadInputException(
                    file + ":" + line + ": not a JSON object; garak's report.jsonl has one per line");
        }
    }
}
