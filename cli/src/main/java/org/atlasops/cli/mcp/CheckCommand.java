package org.atlasops.cli.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.JsonLinesVerdicts;
import org.atlasops.detect.mcp.ToolDefinition;
import org.atlasops.detect.mcp.ToolPoisoningChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcp check --input FILE.jsonl --output OUT.jsonl}: the tool-poisoning verdict per tool record. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check tool definitions, one JSON object per line with id, server, name, description and "
                    + "optional inputSchema and annotations, and write one verdict per line: {\"id\", \"label\": "
                    + "\"poisoned|benign\", \"score\", \"techniques\", \"reasons\", \"findings\"}, each finding naming "
                    + "the part of the tool (description, a parameter name, a schema description, an annotation, text "
                    + "decoded from hex or Base64), the reason and the words. Malformed lines are reported and skipped.",
            "Exit code 0: nothing poisoned; 1: some tool is poisoned."
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "FILE",
            description = "Tool records " + "(JSON lines; '-' for stdin).")
    String input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Verdicts (default: stdout).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ToolPoisoningChecker checker = new ToolPoisoningChecker();
        JsonLinesVerdicts.Summary s = JsonLinesVerdicts.run(
                input,
                Optional.ofNullable(output),
                spec.commandLine().getOut(),
                err,
                "description",
                "a tool record",
                n -> {
                    ToolPoisoningChecker.Verdict v = checker.check(ToolDefinition.of(n));
                    ObjectNode r = JsonLinesVerdicts.line()
                            .put("id", n.path("id").asText(""))
                            .put("label", v.poisoned() ? "poisoned" : "benign")
                            .put("score", v.score());
                    ArrayNode techniques = r.putArray("techniques");
                    v.techniques().forEach(t -> techniques.add(t.value()));
                    ArrayNode reasons = r.putArray("reasons");
                    v.reasons().forEach(reasons::add);
                    ArrayNode findings = r.putArray("findings");
                    v.findings()
                            .forEach(f -> findings.addObject()
                                    .put("part", f.part())
                                    .put("reason", f.reason())
                                    .put("quote", f.quote()));
                    return new JsonLinesVerdicts.Verdict(r, v.poisoned());
                });
        err.println("checked " + s.records() + " tools: " + s.findings() + " poisoned");
        err.flush();
        return s.findings() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
