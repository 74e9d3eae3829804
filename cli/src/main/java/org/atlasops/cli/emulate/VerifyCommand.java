package org.atlasops.cli.emulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.assess.emulation.EmulationVerification;
import org.atlasops.assess.emulation.EmulationVerification.Row;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.OutputOption;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.emulate.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code emulate verify RUN}: detection over the telemetry a run caused, joined to the attempts per technique. The
 * join is {@link EmulationVerification} in assess (ADR 008); this renders it.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run detection (the bundled ATLAS rule pack and analyzers) over the telemetry a run caused and report per "
                    + "technique: attempts, successes, whether detection saw them and by which rule or analyzer. Gaps "
                    + "(succeeded, not detected) come first. As a table, JSON, or a Navigator layer (score 100 = "
                    + "detected, 0 = a gap, 50 = emulated without success and not detected).",
            "Exit code 0; 1 when there is a gap; 2 for bad input."
        })
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    EmulateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder 'emulate run' wrote.")
    Path run;

    @Mixin
    FormatOption<Format> format = FormatOption.of(Format.text, Format.json, Format.layer);

    @Mixin
    OutputOption output;

    enum Format {
        text,
        json,
        layer
    }

    @Override
    public Integer call() throws IOException {
        RunDirectory dir = RunDirectory.open(run);
        if (dir.attempts().isEmpty()) {
            throw new UserException(run + ": the run has no attempts yet; run or resume it first");
        }
        List<Row> rows = EmulationVerification.verify(dir, parent.root.knowledgeBase());
        String text = switch (format.get()) {
            case text -> table(rows);
            case json -> JsonOutput.text(json(rows)) + "\n";
            case layer -> JsonOutput.text(layer(rows)) + "\n";
        };
        output.write(text, spec.commandLine().getOut(), spec.commandLine().getErr());
        return rows.stream().anyMatch(Row::gap) ? 1 : 0;
    }

    private static String table(List<Row> rows) {
        Table t = new Table("TECHNIQUE", "TACTIC", "ATTEMPTS", "SUCCEEDED", "DETECTED", "BY");
        for (Row r : rows) {
            t.row(
                    r.technique(),
                    r.tactic(),
                    Integer.toString(r.attempts()),
                    Integer.toString(r.succeeded()),
                    r.gap() ? "GAP" : r.detected() ? "yes" : "no",
                    String.join("; ", r.detectedBy()));
        }
        java.io.StringWriter sw = new java.io.StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        t.print(pw, Terminal.width());
        long gaps = rows.stream().filter(Row::gap).count();
        long detected = rows.stream().filter(Row::detected).count();
        pw.println(rows.size() + " techniques emulated, " + detected + " detected, " + gaps
                + " gaps (succeeded and not detected)");
        pw.flush();
        return sw.toString();
    }

    private static ObjectNode json(List<Row> rows) {
        ObjectNode o = JsonOutput.object();
        ArrayNode a = o.putArray("techniques");
        for (Row r : rows) {
            ObjectNode n = a.addObject();
            n.put("technique", r.technique());
            n.put("tactic", r.tactic());
            n.put("attempts", r.attempts());
            n.put("succeeded", r.succeeded());
            n.put("detected", r.detected());
            n.put("gap", r.gap());
            ArrayNode by = n.putArray("detected_by");
            r.detectedBy().forEach(by::add);
        }
        o.put("gaps", rows.stream().filter(Row::gap).count());
        return o;
    }

    private static ObjectNode layer(List<Row> rows) {
        return EmulationVerification.layer(rows);
    }
}
