package org.atlasops.cli.intel;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.atlasops.intel.taxii.TaxiiClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the TAXII commands share: the server, credentials and which addresses may be reached. */
abstract class TaxiiSubcommand implements Callable<Integer> {
    @ParentCommand
    IntelCommand intel;

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "URL",
            description = "The TAXII 2.1 API root (https://host/taxii2/team/), or the discovery URL "
                    + "(https://host/taxii2/) whose default root is taken.")
    String url;

    @Mixin
    TaxiiConnection connection;

    TaxiiClient client() {
        return connection.client();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void notes(java.util.List<String> notes) {
        notes.forEach(n -> err().println("atlas-ops: note: " + n));
    }

    @Override
    public final Integer call() throws Exception {
        int code = execute();
        out().flush();
        err().flush();
        return code;
    }

    abstract int execute() throws Exception;
}
