package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.atlasops.assess.metrics.AlertLines;
import org.atlasops.assess.metrics.AlertRecord;
import org.atlasops.assess.metrics.MetricsReport;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.assess.metrics.SocMetrics;
import org.atlasops.assess.metrics.Timelines;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess metrics TIMELINES} or {@code atlas-ops assess metrics --register}. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "SOC metrics from incident timelines and alerts: mean, median and 90th percentile time to detect and to "
                    + "respond per technique, tactic and system, alerts per technique and the share that became "
                    + "incidents. From a timeline file (docs/assess.md) or, with --register, from the incident register "
                    + "('atlas-ops intel incident'); register incidents missing a timeline moment are listed as "
                    + "not measurable with the reason.",
            "Exit code 0; 2 for a bad timeline file (file, line and field are named) or a bad option."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops assess metrics samples/assess/support-bot-timelines.yaml --since 2026-10-01",
            "  atlas-ops assess metrics --register --since 2026-01-01 --format json",
            "  atlas-ops assess metrics --register --alerts alerts.jsonl --alerts more-alerts.jsonl.gz"
        })
final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    AssessCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "TIMELINES",
            description = "Incident timelines and alerts (YAML or JSON); or give --register.")
    Path timelines;

    @Mixin
    RegisterSource source;

    @Option(
            names = "--alerts",
            paramLabel = "FILE",
            description = "Alerts as 'detect scan' writes them (JSON lines, .gz too; repeatable): the share of "
                    + "alerts that became incidents is then over all of them, an alert counting as one when an "
                    + "incident links its id. Without it, only the alerts incidents link are known (100%% by "
                    + "construction).")
    List<Path> alertFiles = new ArrayList<>();

    @Option(
            names = "--since",
            paramLabel = "YYYY-MM-DD",
            description = "Incidents that started on or after this day (UTC).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Incidents that started before this day (UTC).")
    String until;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    public Integer call() {
        // the alert files first: each is named on its own line before anything else is read
        for (Path f : alertFiles) {
            String what = "the alerts 'atlas-ops detect scan' wrote (JSON lines, .gz too)";
            if (f.getFileName() != null && f.getFileName().toString().endsWith(".gz")) {
                if (!java.nio.file.Files.isRegularFile(f)) {
                    Inputs.file(f, what); // names a folder or a missing file
                }
            } else {
                Inputs.file(f, what);
            }
        }
        boolean register = source.register;
        if (register == (timelines != null)) {
            throw new UserException(
                    register
                            ? "TIMELINES and --register: give one of them, not both"
                            : "missing TIMELINES: give a timeline file (YAML or JSON, docs/assess.md) or --register");
        }
        source.check();
        if (!register) {
            Inputs.file(timelines, "a timeline file (YAML or JSON, docs/assess.md)");
        }
        Optional<Instant> from = day(since, "--since");
        Optional<Instant> to = day(until, "--until");
        KnowledgeBase kb = parent.root.knowledgeBase();
        List<AlertRecord> alerts = new ArrayList<>();
        alertFiles.forEach(f -> alerts.addAll(AlertLines.read(f, kb)));
        String text;
        if (register) {
            RegisterTimelines rt = RegisterTimelines.of(source.entries(parent.root));
            SocMetrics.Report r = SocMetrics.compute(withAlerts(rt.timelines(), alerts), kb, from, to);
            List<RegisterTimelines.NotMeasurable> nm = rt.notMeasurable(from, to);
            text = format.get().equals("json") ? MetricsReport.jsonText(r, nm) : MetricsReport.text(r, nm);
        } else {
            SocMetrics.Report r = SocMetrics.compute(withAlerts(Timelines.read(timelines, kb), alerts), kb, from, to);
            text = format.get().equals("json") ? MetricsReport.jsonText(r) : MetricsReport.text(r);
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The alert files' alerts instead of those the incidents link, when files were given; says which links miss. */
    private Timelines withAlerts(Timelines t, List<AlertRecord> alerts) {
        if (alertFiles.isEmpty()) {
            return t;
        }
        Set<String> given = new HashSet<>();
        alerts.forEach(a -> given.add(a.id()));
        List<String> missing =
                t.linkedAlertIds().stream().filter(id -> !given.contains(id)).toList();
        if (!missing.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("note: " + missing.size() + " alert(s) that incidents link are not in the --alerts files "
                            + "and are not counted: "
                            + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                            + (missing.size() > 10 ? ", ..." : ""));
        }
        return t.withAlerts(alerts);
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
