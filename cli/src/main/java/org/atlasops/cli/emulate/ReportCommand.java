package org.atlasops.cli.emulate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.OutputOption;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.report.Reports;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code emulate report RUN}: the run's attempts as JSON, JSONL, SARIF, JUnit, HTML or a layer. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write a run's report: json (totals, per technique, attempts), jsonl (one attempt per line), sarif "
                    + "(2.1.0; a result per successful attack), junit (a failure per successful attack, an error per "
                    + "unscorable attempt), html, or layer (Navigator 4.5: per technique the success rate as score).",
            "Exit code 0; 1 when --fail-on finds an attempt with that verdict (for CI); 2 for bad input."
        })
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    EmulateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder 'emulate run' or 'emulate import' wrote.")
    Path run;

    @Mixin
    FormatOption<Format> format =
            FormatOption.of(Format.json, Format.jsonl, Format.sarif, Format.junit, Format.html, Format.layer);

    @Mixin
    OutputOption output;

    @Option(
            names = "--fail-on",
            paramLabel = "VERDICT",
            description =
                    "Exit 1 when an attempt succeeded (succeeded), or succeeded or was unscorable (unscorable); default: never.")
    FailOn failOn = FailOn.never;

    enum Format {
        json,
        jsonl,
        sarif,
        junit,
        html,
        layer
    }

    enum FailOn {
        never,
        succeeded,
        unscorable
    }

    @Override
    public Integer call() throws IOException {
        RunDirectory dir = RunDirectory.open(run);
        List<Attempt> attempts = dir.attempts();
        var manifest = dir.manifest();
        String release = manifest.path("atlas_release")
                .asText(parent.root.knowledgeBase().version());
        String text = switch (format.get()) {
            case json -> JsonOutput.text(Reports.json(manifest, attempts)) + "\n";
            case jsonl -> Reports.jsonl(attempts);
            case sarif -> JsonOutput.text(Reports.sarif(attempts, version())) + "\n";
            case junit -> Reports.junit(attempts);
            case html -> Reports.html("atlas-ops emulation run " + run.getFileName(), attempts);
            case layer -> JsonOutput.text(Reports.layer("Emulation " + run.getFileName(), release, attempts)) + "\n";
        };
        output.write(text, spec.commandLine().getOut(), spec.commandLine().getErr());
        boolean fail = switch (failOn) {
            case never -> false;
            case succeeded -> attempts.stream().anyMatch(a -> a.verdict() == Verdict.SUCCEEDED);
            case unscorable -> attempts.stream().anyMatch(a -> a.verdict() != Verdict.FAILED);
        };
        return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static String version() {
        String v = ReportCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
