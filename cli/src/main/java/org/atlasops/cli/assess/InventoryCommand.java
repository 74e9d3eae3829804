package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.assess.inventory.InventoryProblem;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.cli.ExitCodes;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Words;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess inventory validate FILE...}. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = "System inventories (docs/assess.md).",
        subcommands = {InventoryCommand.Validate.class})
final class InventoryCommand implements Runnable {
    @ParentCommand
    AssessCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Check inventories against the schema and the ATLAS release: every problem on its own line as "
                        + "file:line:column: field: problem (an ID not in the release comes with its nearest match).",
                "Exit code 0: all valid; 2: a file has problems."
            })
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        InventoryCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Inventory files (YAML or JSON).")
        List<Path> files;

        @Override
        public Integer call() {
            for (Path f : files) {
                Inputs.file(f, "a system inventory (YAML or JSON, docs/assess.md)");
            }
            KnowledgeBase kb = parent.parent.root.knowledgeBase();
            int code = ExitCodes.OK;
            for (Path f : files) {
                InventoryReader.Result r = InventoryReader.read(f, kb);
                for (InventoryProblem p : r.problems()) {
                    spec.commandLine().getErr().println(p);
                }
                if (r.inventory().isPresent()) {
                    SystemInventory s = r.inventory().get();
                    spec.commandLine()
                            .getOut()
                            .println(f + ": valid: " + s.id() + " ("
                                    + s.exposure().key() + "), "
                                    + Words.count(s.components().size(), "component") + ", "
                                    + Words.count(s.tools().size(), "tool or MCP server", "tools and MCP servers")
                                    + ", " + Words.count(s.mitigations().size(), "mitigation") + " in place; "
                                    + "checked against ATLAS "
                                    + kb.version());
                } else {
                    code = ExitCodes.BAD_INPUT;
                }
            }
            spec.commandLine().getOut().flush();
            return code;
        }
    }
}
