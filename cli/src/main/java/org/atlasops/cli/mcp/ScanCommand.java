package org.atlasops.cli.mcp;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.detect.mcp.McpFinding;
import org.atlasops.detect.mcp.McpInventory;
import org.atlasops.detect.mcp.McpReport;
import org.atlasops.detect.mcp.McpScanner;
import org.atlasops.detect.mcp.PinStore;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mcp scan}: connect to the configured MCP servers and report poisoning, shadowing, rug pulls, toxic flows. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Find MCP client configurations (or take --config), connect to each server with the MCP Java "
                    + "SDK over stdio or streamable HTTP, list its tools, prompts and resources, and report:",
            "  tool poisoning (AML.T0110), cross-server shadowing (AML.T0110, AML.T0080), rug pulls against the "
                    + "pins (AML.T0109) and toxic flows (AML.T0051.001 → AML.T0086 / AML.T0101).",
            "Nothing is called and nothing is sent anywhere but to the servers themselves. Starting a stdio "
                    + "server runs its command, as the client would.",
            "Exit code 0: no finding at --fail-on or above; 1: some; 2: bad usage."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops mcp scan",
            "  atlas-ops mcp scan --config .vscode/mcp.json --format sarif" + " > mcp.sarif",
            "  atlas-ops mcp scan --update-pins      # after reviewing a reported change"
        })
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    McpCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    McpServers servers;

    @Mixin
    FormatOption<String> format = FormatOption.of("table", "json", "sarif");

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "high",
            description = "Exit 1 when a finding is this severe or worse: low, medium, high, critical "
                    + "(default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(
            names = "--update-pins",
            description = "After the scan, pin every tool as it is now (mcp-pins.json in " + "the data directory).")
    boolean updatePins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        McpFinding.Severity threshold = McpFinding.Severity.parse(failOn)
                .orElseThrow(() -> new UserException("--fail-on '" + failOn + "': use low, medium, high or critical"));
        PinStore pins = McpServers.pins(parent.root.dataDir());
        List<McpInventory> inventories = servers.inventories(servers.declared(err), err, System.console() != null);
        List<McpFinding> findings = new McpScanner().analyze(inventories, Optional.of(pins));
        findings = findings.stream()
                .sorted(Comparator.comparing(McpFinding::severity).reversed())
                .toList();
        KnowledgeBase kb = parent.root.knowledgeBase();
        switch (format.get()) {
            case "json" -> JsonOutput.print(out, McpReport.json(inventories, findings, kb.version()));
            case "sarif" -> JsonOutput.print(out, McpReport.sarif(findings, "0.1.0"));
            default -> table(out, inventories, findings, kb);
        }
        if (updatePins) {
            inventories.stream().filter(i -> i.error().isEmpty()).forEach(pins::pin);
            pins.save();
            err.println("atlas-ops: pinned the tools of "
                    + inventories.stream().filter(i -> i.error().isEmpty()).count() + " server(s) in "
                    + McpServers.pinFile(parent.root.dataDir()));
        } else if (pins.isEmpty()) {
            err.println("atlas-ops: no pins yet; run 'atlas-ops mcp pin' to notice later changes (rug pulls)");
        }
        boolean fail = findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
        return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static void table(
            PrintWriter out, List<McpInventory> inventories, List<McpFinding> findings, KnowledgeBase kb) {
        out.println("Servers");
        for (McpInventory i : inventories) {
            out.printf(
                    "  %-24s %-15s %s%n",
                    i.server().name(),
                    i.server().client(),
                    i.error()
                            .map(e -> "ERROR " + e)
                            .orElse(i.tools().size() + " tools, " + i.prompts().size() + " prompts, "
                                    + i.resources().size() + " resources"
                                    + i.serverVersion().map(v -> " (" + v + ")").orElse("")));
        }
        out.println();
        if (findings.isEmpty()) {
            out.println("No findings.");
            return;
        }
        out.println("Findings (" + findings.size() + ")");
        for (McpFinding f : findings) {
            out.printf(
                    "  %-8s %-22s %s%s: %s%n",
                    f.severity().label().toUpperCase(java.util.Locale.ROOT),
                    f.kind().label(),
                    f.server(),
                    f.tool().map(t -> "/" + t).orElse(""),
                    f.title());
            for (AtlasId t : f.techniques()) {
                out.println("           " + t.value() + " "
                        + kb.technique(t.value()).map(kb::displayName).orElse(""));
            }
            for (String e : f.evidence()) {
                out.println("           │ " + e);
            }
        }
    }
}
