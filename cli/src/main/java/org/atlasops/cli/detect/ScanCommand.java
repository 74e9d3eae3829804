package org.atlasops.cli.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;
import org.atlasops.detect.canary.CanaryStore;
import org.atlasops.detect.event.EventReader;
import org.atlasops.detect.scan.EventScanner;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code detect scan EVENTS…}: alerts as JSON lines, a summary by ATLAS technique on stderr. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Sigma rules over JSON-lines events (gzip or plain; '-' for stdin) and write one alert "
                + "per line. Malformed lines are reported with their line number and skipped; the scan goes on.",
                "Exit code 0: no alert; 1: alerts; 2: bad input (unreadable rules or files)."},
        footer = {"", "Examples:", "  atlas-ops detect scan llm-calls.jsonl",
                "  atlas-ops detect scan mcp.jsonl.gz --rules my-rules/ --with-pack --format ocsf -o alerts.jsonl",
                "  kubectl logs gateway | atlas-ops detect scan - --pipeline my-fields.yml"})
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    DetectCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Parameters(arity = "1..*", paramLabel = "EVENTS", description = "JSON-lines files ('-' for stdin).")
    List<String> files;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "json (atlas-ops alerts), ocsf (Detection Finding) or ecs (default: ${DEFAULT-VALUE}).")
    AlertWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write alerts here (default: stdout).")
    Path output;

    @Option(names = "--time-field", paramLabel = "FIELD", description = "The events' time field (default: the "
            + "first of @timestamp, timestamp, time, ts, …).")
    String timeField;

    @Option(names = "--no-summary", description = "Do not print the summary by ATLAS technique.")
    boolean noSummary;

    @Option(names = "--canaries", paramLabel = "FILE", description = "Canary tokens to look for in LLM output and "
            + "MCP traffic (default: <data-dir>/canaries.json when it exists).")
    Path canaries;

    @Option(names = "--suppress-repeats", description = "Once a correlation alerts for a group, hold back its "
            + "further alerts for that group until its timespan has passed (default: an alert at every event while "
            + "the condition holds).")
    boolean suppressRepeats;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        RuleSet rules = ruleOptions.load();
        rules.problems().forEach(p -> err.println("atlas-ops: rule not loaded: " + p));
        if (rules.rules().isEmpty()) {
            throw new UserException("no rule loaded; 'atlas-ops detect validate' says why");
        }
        KnowledgeBase kb = parent.root.knowledgeBase();
        EventScanner scanner = new EventScanner(rules, kb, Optional.ofNullable(timeField), null,
                CanaryStore.read(canaries != null ? canaries : parent.root.dataDir().resolve("canaries.json")));
        if (suppressRepeats) {
            scanner.suppressRepeatedCorrelationAlerts();
        }
        Map<String, Integer> byTechnique = new TreeMap<>();
        long[] counts = new long[3]; // events, alerts, bad lines
        boolean tty = System.console() != null;
        long[] lastProgress = {System.nanoTime()};
        Writer out = output != null ? Files.newBufferedWriter(output, StandardCharsets.UTF_8)
                : spec.commandLine().getOut();
        try {
            for (String f : files) {
                try (InputStream in = f.equals("-") ? System.in : Files.newInputStream(Path.of(f));
                        EventReader reader = new EventReader(in, f.equals("-") ? "<stdin>" : f)) {
                    reader.forEach(event -> {
                        counts[0]++;
                        List<Alert> found = scanner.scan(event, scanner.timeOf(event, Instant.now()));
                        for (Alert a : found) {
                            counts[1]++;
                            a.techniques().forEach(t -> byTechnique.merge(t.id() + "  " + t.name(), 1,
                                    Integer::sum));
                            try {
                                out.write(AlertWriter.line(a, format));
                                out.write('\n');
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        if (tty && System.nanoTime() - lastProgress[0] > 1_000_000_000L) {
                            lastProgress[0] = System.nanoTime();
                            err.print("\rscanned " + counts[0] + " events, " + counts[1] + " alerts");
                            err.flush();
                        }
                    }, bad -> {
                        counts[2]++;
                        err.println((tty ? "\r" : "") + "atlas-ops: skipped " + bad);
                    });
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new UserException(f + ": no such file");
                }
            }
        } finally {
            out.flush();
            if (output != null) {
                out.close();
            }
        }
        if (tty) {
            err.print("\r");
        }
        if (!noSummary) {
            err.println("scanned " + count(counts[0], "event") + " with " + count(rules.rules().size(), "rule")
                    + " and " + count(rules.correlations().size(), "correlation") + ": " + count(counts[1], "alert")
                    + (counts[2] > 0 ? ", " + count(counts[2], "malformed line") + " skipped" : "")
                    + (scanner.heldRepeats() > 0 ? ", " + count(scanner.heldRepeats(), "repeated correlation alert")
                            + " held back" : "") + " (ATLAS " + kb.version() + ")");
            byTechnique.forEach((t, n) -> err.println(String.format("  %6d  %s", n, t)));
        }
        err.flush();
        return counts[1] > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** "1 event", "3 events". */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
