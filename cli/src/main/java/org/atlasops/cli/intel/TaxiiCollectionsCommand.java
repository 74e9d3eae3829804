package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.atlasops.cli.ExitCodes;
import org.atlasops.intel.taxii.TaxiiClient;
import picocli.CommandLine.Command;

/** {@code intel collections URL}: the collections of an API root. */
@Command(
        name = "collections",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "List the collections of a TAXII 2.1 API root that you may see, with what you may do.")
final class TaxiiCollectionsCommand extends TaxiiSubcommand {
    @Override
    int execute() {
        TaxiiClient client = client();
        URI root = client.apiRoot(url);
        List<JsonNode> collections = client.collections(root);
        out().println(root + ": " + collections.size() + " collection(s)");
        for (JsonNode c : collections) {
            String access = (c.path("can_read").asBoolean() ? "read" : "")
                    + (c.path("can_read").asBoolean() && c.path("can_write").asBoolean() ? "+" : "")
                    + (c.path("can_write").asBoolean() ? "write" : "");
            out().printf(
                            "  %-36s  %-10s  %-16s  %s%n",
                            c.path("id").asText(),
                            access.isEmpty() ? "none" : access,
                            c.path("alias").asText("-"),
                            c.path("title").asText(""));
        }
        return ExitCodes.OK;
    }
}
