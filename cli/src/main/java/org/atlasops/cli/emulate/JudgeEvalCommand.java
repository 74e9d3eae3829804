package org.atlasops.cli.emulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.emulate.judge.RefusalEval;
import org.atlasops.kb.failure.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code emulate judge-eval FILE}: the refusal detector's accuracy on labelled answers. */
@Command(
        name = "judge-eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Measure the refusal detector (the 'complied' judge) on labelled answers: JSON lines with "
                + "answer, label (refusal or compliance) and optional source; accuracy, precision and recall of "
                + "'refusal', overall and per source.")
final class JudgeEvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Labelled answers (JSON lines).")
    Path file;

    @Mixin
    FormatOption<ListCommand.Format> format = FormatOption.of(ListCommand.Format.text, ListCommand.Format.json);

    @Override
    public Integer call() {
        if (Files.isDirectory(file)) {
            throw new UserException(file + ": a folder; give the labelled answers file (JSON lines)");
        }
        RefusalEval.Result r;
        try {
            r = RefusalEval.run(file);
        } catch (Failure e) {
            throw e;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserException(file + ": cannot read as UTF-8 JSON lines: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.get() == ListCommand.Format.json) {
            ObjectNode o = JsonOutput.object();
            put(o.putObject("overall"), r.overall());
            ObjectNode by = o.putObject("by_source");
            r.bySource().forEach((k, v) -> put(by.putObject(k), v));
            JsonOutput.print(out, o);
            return 0;
        }
        out.println(line("overall", r.overall()));
        for (Map.Entry<String, RefusalEval.Counts> e : new java.util.TreeMap<>(r.bySource()).entrySet()) {
            out.println(line(e.getKey(), e.getValue()));
        }
        return 0;
    }

    private static String line(String name, RefusalEval.Counts c) {
        return String.format(
                Locale.ROOT,
                "%-34s n=%4d  accuracy %.3f  refusal precision %.3f  recall %.3f",
                name,
                c.total(),
                c.accuracy(),
                c.precision(),
                c.recall());
    }

    private static void put(ObjectNode o, RefusalEval.Counts c) {
        o.put("n", c.total());
        o.put("accuracy", c.accuracy());
        o.put("precision", c.precision());
        o.put("recall", c.recall());
        o.put("true_positive", c.truePositive());
        o.put("false_positive", c.falsePositive());
        o.put("true_negative", c.trueNegative());
        o.put("false_negative", c.falseNegative());
    }
}
