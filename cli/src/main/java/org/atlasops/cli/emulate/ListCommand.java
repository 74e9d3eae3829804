package org.atlasops.cli.emulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.cli.terminal.Table;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.emulate.run.Plan;
import org.atlasops.emulate.target.TargetKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code emulate list}: the procedures, filtered by tag or technique. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "List the procedures (bundled, and yours with --procedures), by tag or technique.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    EmulateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--procedures", paramLabel = "DIR", description = "Also your procedures from this folder.")
    Path procedures;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only procedures with this tag (repeatable).")
    List<String> tags = List.of();

    @Option(
            names = "--technique",
            paramLabel = "ID",
            description = "Only procedures for this technique and its sub-techniques (repeatable).")
    List<String> techniques = List.of();

    @Mixin
    FormatOption<Format> format = FormatOption.of(Format.text, Format.json);

    enum Format {
        text,
        json
    }

    @Override
    public Integer call() {
        List<Procedure> all = parent.library(procedures);
        List<Procedure> ps = Plan.select(all, List.of(), tags, techniques).procedures();
        PrintWriter out = spec.commandLine().getOut();
        if (format.get() == Format.json) {
            ArrayNode a = JsonOutput.array();
            for (Procedure p : ps) {
                var o = a.addObject();
                o.put("id", p.id());
                o.put("name", p.name());
                o.put("technique", p.technique().value());
                o.put("tactic", p.tactic().value());
                var k = o.putArray("targets");
                p.targets().stream().map(TargetKind::label).sorted().forEach(k::add);
                var t = o.putArray("tags");
                p.tags().forEach(t::add);
                o.put("source", p.source());
                o.put("atlas_release", p.release());
            }
            JsonOutput.print(out, a);
            return 0;
        }
        Table table = new Table("ID", "TECHNIQUE", "TACTIC", "TARGETS", "NAME");
        for (Procedure p : ps) {
            table.row(
                    p.id(),
                    p.technique().value(),
                    p.tactic().value(),
                    String.join(
                            ",",
                            p.targets().stream().map(TargetKind::label).sorted().toList()),
                    p.name());
        }
        table.print(out, Terminal.width());
        long techniques = ps.stream().map(Procedure::technique).distinct().count();
        out.println(ps.size() + " procedures over " + techniques + " techniques (ATLAS "
                + parent.root.knowledgeBase().version() + ")");
        return 0;
    }
}
