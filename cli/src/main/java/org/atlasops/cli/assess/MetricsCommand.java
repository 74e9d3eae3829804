package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.assess.metrics.MetricsReport;
import org.atlasops.assess.metrics.SocMetrics;
import org.atlasops.assess.metrics.Timelines;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess metrics TIMELINES}. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "SOC metrics from incident timelines and alerts: mean, median and 90th percentile time to detect and to "
                    + "respond per technique, tactic and system, alerts per technique and the share that became "
                    + "incidents. The timeline file (docs/assess.md) stands in for the incident register's export.",
            "Exit code 0; 2 for a bad timeline file (file, line and field are named)."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops assess metrics samples/assess/support-bot-timelines.yaml --since 2026-10-01"
        })
final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    AssessCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TIMELINES", description = "Incident timelines and alerts (YAML or JSON).")
    Path timelines;

    @Option(
            names = "--since",
            paramLabel = "YYYY-MM-DD",
            description = "Incidents that started on or after this day (UTC).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Incidents that started before this day (UTC).")
    String until;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        Inputs.file(timelines, "a timeline file (YAML or JSON, docs/assess.md)");
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserException("--format " + format + ": metrics are written as text or json");
        }
        Optional<Instant> from = day(since, "--since");
        Optional<Instant> to = day(until, "--until");
        KnowledgeBase kb = parent.root.knowledgeBase();
        SocMetrics.Report r = SocMetrics.compute(Timelines.read(timelines, kb), kb, from, to);
        spec.commandLine().getOut().print(format.equals("json") ? MetricsReport.jsonText(r) : MetricsReport.text(r));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static Optional<Instant> day(String text, String option) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new UserException(option + " " + text + ": not a date; give YYYY-MM-DD");
        }
    }
}
