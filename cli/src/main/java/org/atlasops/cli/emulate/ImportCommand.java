package org.atlasops.cli.emulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.UserException;
import org.atlasops.emulate.report.Imports;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code emulate import garak|promptfoo FILE}: another tool's results as a run, mapped to ATLAS. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Read garak's report.jsonl or promptfoo's results JSON into a run folder, each result mapped to "
                + "an ATLAS technique by the documented table (docs/emulate.md#imports), so 'emulate report' counts it "
                + "like our own attempts. Results without a mapping are counted and listed.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    EmulateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOOL", description = "garak or promptfoo.")
    Tool tool;

    @Parameters(index = "1", paramLabel = "FILE", description = "garak's report.jsonl, or promptfoo's results JSON.")
    Path file;

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "The run folder to make (default: <data-dir>/emulation/runs/<time>-<tool>).")
    Path outputDir;

    @Mixin
    FormatOption<ListCommand.Format> format = FormatOption.of(ListCommand.Format.text, ListCommand.Format.json);

    enum Tool {
        garak,
        promptfoo
    }

    @Override
    public Integer call() throws Exception {
        Imports.Result r = tool == Tool.garak ? Imports.garak(file) : Imports.promptfoo(file);
        if (r.attempts().isEmpty()) {
            throw new UserException(file + ": no " + tool + " result maps to an ATLAS technique ("
                    + r.unmapped().size() + " results unmapped); nothing to import");
        }
        Path where = outputDir != null
                ? outputDir
                : parent.runsDir()
                        .resolve(Instant.now()
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString()
                                        .replace(':', '-') + "-" + tool);
        ObjectNode m = JsonOutput.object();
        m.put("schema", 1);
        m.put("id", where.getFileName().toString());
        m.put("created", Instant.now().toString());
        m.put("atlas_release", parent.root.knowledgeBase().version());
        m.put("imported_from", tool.name());
        m.put("file", file.toString());
        m.put("target", tool.name());
        m.putArray("procedures");
        RunDirectory dir = RunDirectory.create(where, m);
        for (Attempt a : r.attempts()) {
            dir.append(a, List.of());
        }
        TreeMap<String, Integer> unmapped = new TreeMap<>();
        r.unmapped().forEach(u -> unmapped.merge(u, 1, Integer::sum));
        PrintWriter out = spec.commandLine().getOut();
        if (format.get() == ListCommand.Format.json) {
            ObjectNode o = JsonOutput.object();
            o.put("run", where.toString());
            o.put("imported", r.attempts().size());
            ObjectNode u = o.putObject("unmapped");
            unmapped.forEach(u::put);
            JsonOutput.print(out, o);
        } else {
            out.println("imported " + r.attempts().size() + " " + tool + " results into " + where);
            if (!unmapped.isEmpty()) {
                out.println(r.unmapped().size() + " results have no ATLAS mapping: " + unmapped);
            }
        }
        return 0;
    }
}
