package org.atlasops.cli.kb;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code kb} command shares: the chosen release and the output streams. */
abstract class KbSubcommand implements Callable<Integer> {
    @ParentCommand
    KbCommand kb;

    @Spec
    CommandSpec spec;

    AtlasOpsCommand root() {
        return kb.root;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The release in use; with --verbose every note the reader made goes to stderr. */
    KnowledgeBase knowledgeBase() {
        KnowledgeBase k = root().knowledgeBase();
        if (root().verbose()) {
            k.issues().forEach(i -> err().println(i));
        } else {
            long errors = k.issues().stream()
                    .filter(i -> i.severity() == DataIssue.Severity.ERROR)
                    .count();
            if (errors > 0) {
                err().println("atlas-ops: warning: " + errors + " object(s) or field(s) of " + k.source()
                        + " could not be read and were left out; 'atlas-ops kb validate' lists them");
            }
        }
        return k;
    }

    @Override
    public final Integer call() throws Exception {
        int code = execute();
        out().flush();
        return code;
    }

    abstract int execute() throws Exception;

    static int ok() {
        return ExitCodes.OK;
    }
}
