package org.atlasops.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.detect.mcp.ToolDefinition;
import org.atlasops.detect.mcp.ToolPoisoningChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcp check --input FILE.jsonl --output OUT.jsonl}: the tool-poisoning verdict per tool record. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check tool definitions, one JSON object per line with id, server, name, description and "
                + "optional inputSchema, and write one verdict per line: {\"id\", \"label\": \"poisoned|benign\", "
                + "\"score\", \"techniques\", \"reasons\"}. Malformed lines are reported and skipped.",
                "Exit code 0: nothing poisoned; 1: some tool is poisoned."})
final class CheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Tool records "
            + "(JSON lines; '-' for stdin).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Verdicts (default: stdout).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ToolPoisoningChecker checker = new ToolPoisoningChecker();
        int tools = 0;
        int poisoned = 0;
        try (BufferedReader in = input.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(checkExists(Path.of(input)), StandardCharsets.UTF_8);
                Writer out = output != null ? Files.newBufferedWriter(output, StandardCharsets.UTF_8) : null) {
            Writer sink = out != null ? out : spec.commandLine().getOut();
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    err.println("atlas-ops: skipped " + input + ":" + number + ": not JSON");
                    continue;
                }
                if (!n.isObject() || !n.path("description").isTextual()) {
                    err.println("atlas-ops: skipped " + input + ":" + number + ": a tool record needs a description");
                    continue;
                }
                ToolPoisoningChecker.Verdict v = checker.check(new ToolDefinition(n.path("server").asText(""),
                        n.path("name").asText(""), n.get("description").asText(),
                        Optional.ofNullable(n.get("inputSchema")).filter(JsonNode::isObject)));
                ObjectNode r = JSON.createObjectNode().put("id", n.path("id").asText(""))
                        .put("label", v.poisoned() ? "poisoned" : "benign").put("score", v.score());
                ArrayNode t = r.putArray("techniques");
                v.techniques().forEach(t::add);
                ArrayNode reasons = r.putArray("reasons");
                v.reasons().forEach(reasons::add);
                sink.write(JSON.writeValueAsString(r));
                sink.write('\n');
                tools++;
                poisoned += v.poisoned() ? 1 : 0;
            }
            sink.flush();
        }
        err.println("checked " + tools + " tools: " + poisoned + " poisoned");
        err.flush();
        return poisoned > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static Path checkExists(Path p) {
        if (!Files.exists(p)) {
            throw new UserException(p + ": no such file");
        }
        return p;
    }
}
