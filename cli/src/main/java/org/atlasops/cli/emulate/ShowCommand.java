package org.atlasops.cli.emulate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.emulate.procedure.Step;
import org.atlasops.emulate.run.Plan;
import org.atlasops.emulate.target.TargetKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code emulate show ID}: one procedure. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false, description = "Show one procedure.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    EmulateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROCEDURE", description = "A procedure id ('atlas-ops emulate list').")
    String id;

    @Option(names = "--procedures", paramLabel = "DIR", description = "Also your procedures from this folder.")
    Path procedures;

    @Mixin
    FormatOption<ListCommand.Format> format = FormatOption.of(ListCommand.Format.text, ListCommand.Format.json);

    @Override
    public Integer call() {
        Procedure p = Plan.select(parent.library(procedures), List.of(id), List.of(), List.of())
                .procedures()
                .get(0);
        PrintWriter out = spec.commandLine().getOut();
        var kb = parent.root.knowledgeBase();
        String techniqueName = kb.technique(p.technique()).map(t -> t.name()).orElse("");
        String tacticName = kb.tactic(p.tactic()).map(t -> t.name()).orElse("");
        if (format.get() == ListCommand.Format.json) {
            var o = JsonOutput.object();
            o.put("id", p.id());
            o.put("name", p.name());
            o.put("description", p.description());
            o.putObject("technique").put("id", p.technique().value()).put("name", techniqueName);
            o.putObject("tactic").put("id", p.tactic().value()).put("name", tacticName);
            var k = o.putArray("targets");
            p.targets().stream().map(TargetKind::label).sorted().forEach(k::add);
            var s = o.putArray("steps");
            p.steps().forEach(st -> s.add(describe(st)));
            o.put("judge", p.judge().type());
            var r = o.putArray("references");
            p.references().forEach(r::add);
            var t = o.putArray("tags");
            p.tags().forEach(t::add);
            o.put("attempts", p.attempts());
            o.put("source", p.source());
            o.put("atlas_release", p.release());
            JsonOutput.print(out, o);
            return 0;
        }
        out.println(p.id() + "  " + p.name());
        out.println("technique: " + p.technique() + " " + techniqueName + "   tactic: " + p.tactic() + " " + tacticName
                + "   (ATLAS " + p.release() + ")");
        out.println("targets:   "
                + String.join(
                        ", ",
                        p.targets().stream().map(TargetKind::label).sorted().toList()));
        if (!p.description().isEmpty()) {
            out.println();
            out.println(p.description());
        }
        out.println();
        int i = 1;
        for (Step st : p.steps()) {
            out.println("step " + i++ + ": " + describe(st));
        }
        out.println("judge:     " + p.judge().type());
        p.references().forEach(r -> out.println("reference: " + r));
        out.println("tags:      " + String.join(", ", p.tags()));
        out.println("source:    " + p.source());
        return 0;
    }

    static String describe(Step s) {
        if (s instanceof Step.Chat c) {
            return "chat: " + c.prompt()
                    + (c.converters().converters().isEmpty()
                            ? ""
                            : "  [converters: "
                                    + String.join(", ", c.converters().names()) + "]");
        }
        if (s instanceof Step.Plant p) {
            return "plant into " + p.channel() + " as " + p.name() + ": " + p.content();
        }
        if (s instanceof Step.ListTools) {
            return "list the MCP server's tools";
        }
        if (s instanceof Step.CallTool c) {
            return "call tool " + c.tool() + " with " + c.arguments();
        }
        Step.Infer in = (Step.Infer) s;
        return "infer (" + in.label() + ", " + in.queries() + " queries): "
                + in.input().map(Object::toString).orElse("generated inputs");
    }
}
