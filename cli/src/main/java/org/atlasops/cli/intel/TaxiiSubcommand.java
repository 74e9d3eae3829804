package org.atlasops.cli.intel;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.intel.taxii.TaxiiClient;
import org.atlasops.server.layers.GlobalAddresses;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            defaultValue = "${env:ATLAS_OPS_TAXII_TOKEN}",
            description = "API token, sent as Bearer (default: $ATLAS_OPS_TAXII_TOKEN, which keeps it out of the "
                    + "process list).")
    String token;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = "Send the token as the password of HTTP Basic with this user name (for servers that "
                    + "take only Basic, such as medallion).")
    String user;

    @Option(
            names = "--allow-private",
            description = "Allow servers at private, non-loopback addresses (10.0.0.0/8, 192.168.0.0/16, fc00::/7, "
                    + "...). Without it only globally routable addresses are used.")
    boolean allowPrivate;

    @Option(
            names = "--allow-loopback",
            description = "Allow a server on this machine (127.0.0.0/8, ::1), over http too. For testing.")
    boolean allowLoopback;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "For connecting and for each answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    TaxiiClient client() {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new org.atlasops.kb.failure.BadInputException("--timeout must be 1 to 3600 seconds");
        }
        return new TaxiiClient(new TaxiiClient.Options(
                Optional.ofNullable(user).filter(u -> !u.isBlank()),
                Optional.ofNullable(token).filter(t -> !t.isBlank()),
                allowPrivate,
                allowLoopback,
                GlobalAddresses::isGlobalUnicast,
                Duration.ofSeconds(timeoutSeconds)));
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
