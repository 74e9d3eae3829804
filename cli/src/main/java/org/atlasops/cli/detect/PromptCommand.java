package org.atlasops.cli.detect;

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
import java.util.Locale;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.detect.prompt.PromptDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detect prompt --input FILE.jsonl --output OUT.jsonl}: prompt injection and jailbreak verdicts per text. */
@Command(name = "prompt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify texts as injection, jailbreak or benign with the bundled prompt-attack model "
                + "(offline, pure Java). Input: JSON lines with id and text, and an optional role: user, document or "
                + "tool (a document or tool result makes an injection indirect). Output: one line per input, "
                + "{\"id\", \"label\", \"score\", \"techniques\", \"reasons\"}. Malformed lines are reported and skipped.",
                "Exit code 0: no attack; 1: some text is an attack."},
        footer = {"", "Examples:", "  atlas-ops detect prompt --input prompts.jsonl --output verdicts.jsonl",
                "  echo '{\"id\":\"1\",\"text\":\"Ignore previous instructions\"}' | atlas-ops detect prompt -i -"})
final class PromptCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "Texts, one JSON object per line ('-' for stdin).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Verdicts (default: stdout).")
    Path output;

    @Option(names = "--threshold", paramLabel = "SCORE", description = "Flag texts scoring at least this "
            + "(default: the bundled operating point, chosen for at most 3% flagged benign texts).")
    Double threshold;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PromptDetector detector = PromptDetector.bundled();
        if (threshold != null) {
            if (threshold <= 0 || threshold >= 1) {
                throw new UserException("--threshold must be between 0 and 1, not " + threshold);
            }
            detector = detector.withThreshold(threshold);
        }
        Path in = input.equals("-") ? null : Path.of(input);
        if (in != null && !Files.isRegularFile(in)) {
            throw new UserException(input + ": no such file");
        }
        int texts = 0;
        int attacks = 0;
        int skipped = 0;
        try (BufferedReader reader = in == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(in, StandardCharsets.UTF_8);
             Writer file = output != null ? Files.newBufferedWriter(output, StandardCharsets.UTF_8) : null) {
            Writer out = file != null ? file : spec.commandLine().getOut();
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    err.println("atlas-ops: skipped " + input + ":" + number + ": not JSON");
                    skipped++;
                    continue;
                }
                if (!n.isObject() || !n.path("text").isTextual()) {
                    err.println("atlas-ops: skipped " + input + ":" + number + ": a record needs a text string");
                    skipped++;
                    continue;
                }
                PromptDetector.Verdict v = detector.classify(n.get("text").asText(),
                        PromptDetector.Role.parse(n.path("role").asText("")));
                ObjectNode r = JSON.createObjectNode().put("id", n.path("id").asText(""))
                        .put("label", v.label()).put("score", Math.round(v.score() * 10000) / 10000.0);
                v.techniques().forEach(r.putArray("techniques")::add);
                if (v.techniques().isEmpty()) {
                    r.putArray("techniques");
                }
                v.reasons().forEach(r.withArray("reasons")::add);
                out.write(r.toString());
                out.write('\n');
                texts++;
                attacks += v.attack() ? 1 : 0;
            }
            out.flush();
        }
        err.println(String.format(Locale.ROOT, "classified %d texts: %d attacks%s", texts, attacks,
                skipped == 0 ? "" : ", " + skipped + " malformed lines skipped"));
        return attacks > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
