package org.atlasops.cli.detect;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.OutputFailures;
import org.atlasops.cli.UserException;
import org.atlasops.detect.alert.AlertWriter;
import org.atlasops.detect.event.EventReader;
import org.atlasops.detect.scan.ScanRun;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sink.AlertSender;
import org.atlasops.detect.sink.SinkSpec;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Words;
import org.atlasops.kb.failure.UnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code detect scan EVENTS…}: alerts as JSON lines, a summary by ATLAS technique on stderr. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run Sigma rules over JSON-lines events (gzip or plain; '-' for stdin) and write one alert "
                    + "per line. Malformed lines are reported with their line number and skipped; the scan goes on.",
            "Exit code 0: no alert; 1: alerts; 2: bad input (unreadable rules or files, an output that cannot be "
                    + "written)."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops detect scan llm-calls.jsonl",
            "  atlas-ops detect scan mcp.jsonl.gz --rules my-rules/ --with-pack --format ocsf -o alerts.jsonl",
            "  kubectl logs gateway | atlas-ops detect scan - --pipeline my-fields.yml",
            "  atlas-ops detect scan litellm-spend.jsonl --adapter litellm",
            "  atlas-ops detect scan calls.jsonl --sink splunk-hec --sink-url https://splunk:8088 "
                    + "--sink-token-env HEC_TOKEN"
        })
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    DetectCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    SinkOptions sinkOptions;

    @Parameters(arity = "1..*", paramLabel = "EVENTS", description = "JSON-lines files ('-' for stdin).")
    List<String> files;

    @Mixin
    FormatOption<AlertWriter.Format> format = FormatOption.of(
                    AlertWriter.Format.JSON, AlertWriter.Format.OCSF, AlertWriter.Format.ECS)
            .described("json (atlas-ops alerts), ocsf (Detection Finding) or ecs");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write alerts here (default: stdout).")
    Path output;

    @Option(
            names = "--time-field",
            paramLabel = "FIELD",
            description = "The events' time field (default: the " + "first of @timestamp, timestamp, time, ts, …).")
    String timeField;

    @Option(names = "--no-summary", description = "Do not print the summary by ATLAS technique.")
    boolean noSummary;

    @Option(
            names = "--canaries",
            paramLabel = "FILE",
            description = "Canary tokens to look for in LLM output and "
                    + "MCP traffic (default: <data-dir>/canaries.json when it exists).")
    Path canaries;

    @Option(
            names = "--suppress-repeats",
            description = "Once a correlation alerts for a group, hold back its "
                    + "further alerts for that group until its timespan has passed (default: an alert at every event while "
                    + "the condition holds).")
    boolean suppressRepeats;

    /** What {@code --group-by} takes. */
    enum GroupBy {
        event
    }

    @Option(
            names = "--group-by",
            paramLabel = "event",
            description = "event: the alerts of one event (rules, analyzers, canaries) as one alert with every "
                    + "reason (default: one alert each).")
    GroupBy groupBy;

    @Option(
            names = "--summarise-window",
            paramLabel = "DURATION",
            converter = WindowConverter.class,
            description = "Pass the first alert of a rule for an entity (user, else client address, else session), "
                    + "count its repeats within this window (e.g. 30s, 5m, 1h, 1d) and write one summary alert for "
                    + "them when the window ends or the input does (default: every alert).")
    Duration summariseWindow;

    /** "30s", "5m", "1h", "1d": a whole number and a unit, more than zero. */
    static final class WindowConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([smhd])");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException("'" + value + "' is not a window; give a whole number above zero "
                        + "and a unit s, m, h or d, e.g. 5m");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }

    @Mixin
    PromptModelOption promptModel = PromptModelOption.onAlerts();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RuleSet rules = ruleOptions.toRun(err);
        KnowledgeBase kb = parent.root.knowledgeBase();
        ScanRun.Config config = ScanRun.Config.builder(rules, kb)
                .timeField(Optional.ofNullable(timeField))
                .canaries(CanaryCommand.read(
                        Optional.ofNullable(canaries), parent.root.dataDir().resolve("canaries.json")))
                .suppressRepeats(suppressRepeats)
                .groupByEvent(groupBy == GroupBy.event)
                .summariseWindow(Optional.ofNullable(summariseWindow))
                .promptPath(promptModel.get())
                .adapter(Optional.ofNullable(sinkOptions.adapter))
                .build();
        Optional<SinkSpec> sinkSpec = sinkOptions.spec(format.get());
        for (String f : files) {
            if (!f.equals("-") && Files.isRegularFile(Path.of(f)) && isEmpty(Path.of(f))) {
                throw new UserException(f + ": empty file; give events as JSON, one object per line");
            }
        }
        List<ScanRun.Input> inputs = files.stream()
                .map(f -> f.equals("-") ? ScanRun.Input.stdin() : ScanRun.Input.file(Path.of(f)))
                .toList();
        boolean tty = System.console() != null;
        ScanRun run = new ScanRun(config);
        // with --sink the alerts go to the sink, and to stdout only when -o does not name a file
        boolean toOutput = sinkSpec.isEmpty() || output != null;
        Writer out = toOutput ? openOutput() : Writer.nullWriter();
        AlertSender sender = sinkSpec.map(s -> SinkOptions.open(s, err, parent.root.verbose()))
                .orElse(null);
        // Ctrl-C stops the run after the event in hand; the hook waits for the alerts and the summary to be out. A
        // run blocked on a quiet input (stdin) cannot be woken: after a while the hook flushes the alerts written so
        // far, says so, and lets the JVM exit without the summary.
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(
                () -> {
                    run.stop();
                    try {
                        if (!done.await(INTERRUPT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                            out.flush();
                            if (sender != null && sender.pending() > 0) {
                                err.println((tty ? "\r" : "") + "atlas-ops: " + sender.pending() + " alerts not yet "
                                        + "delivered to the "
                                        + sinkSpec.get().kind().cliName() + " sink when "
                                        + "interrupted; the scan's -o file or a rerun has them (alert ids are stable)");
                            }
                            err.println((tty ? "\r" : "") + "atlas-ops: scan interrupted while waiting for input; the "
                                    + "alerts so far are written, no summary");
                            err.flush();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        err.println("atlas-ops: " + outputFailed(e).getMessage());
                        err.flush();
                    }
                },
                "atlas-ops-scan-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            ScanRun.Summary summary;
            try {
                summary = run.run(
                        inputs,
                        a -> {
                            if (toOutput) {
                                out.write(AlertWriter.line(a, format.get()));
                                out.write('\n');
                            }
                            if (sender != null) {
                                sender.accept(a);
                            }
                        },
                        new ScanRun.Listener() {
                            @Override
                            public void progress(ScanRun.Progress p) {
                                if (tty) {
                                    err.print("\rscanned " + p.events() + " events, " + p.alerts() + " alerts");
                                    err.flush();
                                }
                            }

                            @Override
                            public void malformedLine(EventReader.BadLine bad) {
                                err.println((tty ? "\r" : "") + "atlas-ops: skipped " + bad);
                            }
                        });
            } catch (IOException e) { // only the sinks, the output or --sink, fail with an IOException
                if (sender != null && sender.stopped().isPresent()) {
                    closeOutput(out);
                    throw stoppedBySink(sinkSpec.get(), sender.finish());
                }
                try {
                    out.close();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw outputFailed(e);
            } catch (RuntimeException e) { // an input failed: the alerts of the inputs before it are kept
                if (sender != null) {
                    sender.finish();
                }
                try {
                    closeOutput(out);
                } catch (UnavailableException also) {
                    e.addSuppressed(also);
                }
                throw e;
            }
            closeOutput(out);
            if (tty) {
                err.print("\r");
            }
            if (sender != null) {
                AlertSender.Stats stats = sender.finish();
                if (sender.stopped().isPresent()) {
                    throw stoppedBySink(sinkSpec.get(), stats);
                }
                err.println("atlas-ops: " + SinkOptions.summary(sinkSpec.get(), stats));
            }
            if (summary.interrupted()) {
                err.println("atlas-ops: scan interrupted; the alerts and the summary cover the events read so far");
            }
            if (!noSummary) {
                printSummary(err, summary);
            }
            err.flush();
            return summary.alerts() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the run is done
            }
        }
    }

    /** The one line of a run the sink stopped: what was sent, what not and why, where it was kept. */
    private static UnavailableException stoppedBySink(SinkSpec spec, AlertSender.Stats stats) {
        return new UnavailableException(
                SinkOptions.summary(spec, stats) + "; the run stops (--sink-on-failure continue goes on)");
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false; // the run says why it cannot read it
        }
    }

    /** How long Ctrl-C waits for the run to end before the JVM exits anyway. */
    private static final int INTERRUPT_WAIT_SECONDS = 5;

    /** The alerts' writer: the file of {@code -o}, or stdout. */
    private Writer openOutput() {
        if (output == null) {
            return spec.commandLine().getOut();
        }
        try {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw outputFailed(e);
        }
    }

    /** Closes the {@code -o} file, flushing what is left; a failure here is the output's too. */
    private void closeOutput(Writer out) {
        if (output == null) {
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw outputFailed(e);
        }
    }

    private String outputName() {
        return output != null ? output.toString() : "<stdout>";
    }

    /** One line naming the output file and why it cannot be written (exit 2, like any unusable file). */
    private UnavailableException outputFailed(IOException e) {
        return OutputFailures.cannotWrite(Path.of(outputName()), "the alerts", e);
    }

    /** "scanned 3 events with 43 rules and 10 correlations: 3 alerts, … (ATLAS 5.6.0)", then alerts by technique. */
    private static void printSummary(PrintWriter err, ScanRun.Summary s) {
        err.println("scanned " + Words.count(s.events(), "event") + " with " + Words.count(s.rules(), "rule") + " and "
                + Words.count(s.correlations(), "correlation") + ": " + Words.count(s.alerts(), "alert")
                + (s.malformedLines() > 0 ? ", " + Words.count(s.malformedLines(), "malformed line") + " skipped" : "")
                + (s.heldRepeats() > 0
                        ? ", " + Words.count(s.heldRepeats(), "repeated correlation alert") + " held back"
                        : "")
                + (s.summarisedRepeats() > 0
                        ? ", " + Words.count(s.summarisedRepeats(), "repeated alert") + " summarised"
                        : "")
                + " (ATLAS " + s.atlasRelease() + ")");
        for (ScanRun.TechniqueCount t : s.byTechnique()) {
            err.println(String.format(
                    "  %6d  %s",
                    t.alerts(), t.technique().id() + "  " + t.technique().name()));
        }
    }
}
