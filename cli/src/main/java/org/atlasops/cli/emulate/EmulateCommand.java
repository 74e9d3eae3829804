package org.atlasops.cli.emulate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.UserException;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.emulate.procedure.ProcedureLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops emulate}: adversary emulation with ATLAS procedures. */
@Command(
        name = "emulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Adversary emulation: run ATLAS procedures (prompt injection, jailbreaks, RAG poisoning, agent "
                + "tool abuse, model extraction, evasion, …) against your own LLM apps, agents, MCP servers and model "
                + "APIs, report what succeeded, and check whether detection saw it. See docs/emulate.md.",
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            RunCommand.class,
            ReportCommand.class,
            VerifyCommand.class,
            ImportCommand.class,
            JudgeEvalCommand.class
        })
public final class EmulateCommand implements Runnable {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The bundled library plus the user's folder, ids unique. */
    List<Procedure> library(Path userFolder) {
        ProcedureLoader loader = new ProcedureLoader(root.knowledgeBase());
        List<Procedure> all = new ArrayList<>(loader.bundled());
        if (userFolder != null) {
            List<Procedure> mine = loader.folder(userFolder);
            if (mine.isEmpty()) {
                throw new UserException(userFolder + ": no procedure files (*.yaml, *.yml) in the folder");
            }
            Map<String, Procedure> seen = new TreeMap<>();
            all.forEach(p -> seen.put(p.id(), p));
            for (Procedure p : mine) {
                Procedure before = seen.put(p.id(), p);
                if (before != null) {
                    throw new UserException(p.source() + ": id '" + p.id() + "' is already used by " + before.source()
                            + "; give the procedure another id");
                }
            }
            all.addAll(mine);
        }
        return all;
    }

    Path runsDir() {
        return root.dataDir().resolve("emulation").resolve("runs");
    }
}
