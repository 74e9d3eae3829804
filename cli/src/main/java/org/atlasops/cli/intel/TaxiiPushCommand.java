package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.atlasops.cli.ExitCodes;
import org.atlasops.intel.taxii.TaxiiClient;
import org.atlasops.kb.failure.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intel push URL --collection ID BUNDLE}: send a bundle and wait for its status. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send the objects of a STIX 2.1 bundle to a TAXII 2.1 collection and wait for the status resource "
                    + "to complete.",
            "Exit 0 when every object was accepted, 2 when the server refused some (each is listed with the reason)."
        })
final class TaxiiPushCommand extends TaxiiSubcommand {
    /** Bundles larger than this are refused before they are read. */
    static final long MAX_BUNDLE = 256L * 1024 * 1024;

    @Option(names = "--collection", required = true, paramLabel = "ID", description = "The collection's ID or alias.")
    String collection;

    @Parameters(index = "1", paramLabel = "BUNDLE", description = "The STIX 2.1 bundle (.json).")
    Path bundle;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long to wait for the status to complete (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    int execute() throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new BadInputException(bundle + ": no such file");
        }
        if (Files.size(bundle) > MAX_BUNDLE) {
            throw new BadInputException(bundle + ": refused: larger than " + MAX_BUNDLE / (1024 * 1024) + " MiB");
        }
        byte[] bytes = Files.readAllBytes(bundle);
        TaxiiClient.envelope(bytes, bundle.toString()); // a bad file is named before any server is asked
        TaxiiClient client = client();
        URI root = client.apiRoot(url);
        TaxiiClient.PushResult result =
                client.push(root, collection, bytes, Duration.ofSeconds(Math.max(0, waitSeconds)));
        notes(result.notes());
        if (result.status().isEmpty()) {
            out().println("sent " + bundle + " to " + root + " collection " + collection + " (no status to report)");
            return ExitCodes.OK;
        }
        JsonNode s = result.status().get();
        out().println(root + " collection " + collection + ": status "
                + s.path("status").asText() + ": "
                + s.path("success_count").asInt() + " of "
                + s.path("total_count").asInt() + " object(s) accepted, "
                + s.path("failure_count").asInt() + " refused, "
                + s.path("pending_count").asInt() + " pending");
        for (JsonNode f : s.path("failures")) {
            err().println("atlas-ops: " + bundle + ": " + f.path("id").asText() + ": refused: "
                    + f.path("message").asText("no reason given"));
        }
        return s.path("failure_count").asInt() > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
