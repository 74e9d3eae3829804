package org.atlasops.cli.intel;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.store.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code intel incident} command shares. */
abstract class IncidentSubcommand implements Callable<Integer> {
    @ParentCommand
    IncidentCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    IntelContext context;

    AtlasOpsCommand root() {
        return parent.intel.root;
    }

    KnowledgeBase knowledgeBase() {
        return root().knowledgeBase();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws Exception {
        try (Database db = context.open(root())) {
            int code = execute(db);
            out().flush();
            return code;
        }
    }

    abstract int execute(Database db) throws Exception;

    static int ok() {
        return ExitCodes.OK;
    }

    /** {@code INC-12} or {@code 12}. */
    static long incidentId(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "INC-", 0, 4)) {
            t = t.substring(4);
        }
        try {
            long id = Long.parseLong(t);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserException("'" + text + "' is not an incident number: use INC-12 or 12 "
                + "('atlas-ops intel incident list' shows them)");
    }
}
