package org.atlasops.cli.intel;

import java.time.Duration;
import java.util.Optional;
import org.atlasops.intel.taxii.TaxiiClient;
import org.atlasops.server.layers.GlobalAddresses;
import picocli.CommandLine.Option;

/**
 * How a command reaches a TAXII server: credentials and which addresses may be reached. Shared by the TAXII
 * commands and {@code intel incident publish}.
 */
final class TaxiiConnection {
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
}
