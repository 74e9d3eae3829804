package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.intel.anonymise.Anonymiser;
import org.atlasops.intel.incident.IncidentStix;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.intel.taxii.TaxiiClient;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code intel incident publish ID URL --collection C}: the anonymised case study as a STIX 2.1 bundle, sent to a
 * TAXII 2.1 collection (this team's own server or a partner's). Only the shareable form is ever published; the share
 * is written to the audit log once the server accepted it.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Publishes an incident to a TAXII 2.1 collection: its anonymised case study as a STIX 2.1 bundle with "
                    + "a TLP marking ('intel incident anonymise' previews what leaves). The timeline, assets, alerts "
                    + "and notes never leave. The share is audited.",
            "Example: atlas-ops intel incident publish INC-3 https://taxii.example.org/taxii2/team/ "
                    + "--collection shared --tlp green --name \"Example Corp\""
        })
final class IncidentPublishCommand extends IncidentSubcommand {
    @Parameters(index = "0", paramLabel = "INCIDENT", description = "INC-12 or 12.")
    String id;

    @Parameters(
            index = "1",
            paramLabel = "URL",
            description = "The TAXII 2.1 API root, or the discovery URL whose default root is taken.")
    String url;

    @Option(names = "--collection", required = true, paramLabel = "ID", description = "The collection's ID or alias.")
    String collection;

    @Option(
            names = "--tlp",
            paramLabel = "LEVEL",
            description = "Mark the shared form with this TLP (default: the incident's own).")
    String tlp;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long to wait for the server's status to complete (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin
    ShareOptions share;

    @Mixin
    TaxiiConnection connection;

    @Override
    int execute(Database db) {
        StoredIncident s = db.incidents().get(incidentId(id));
        Study study = Anonymiser.anonymise(s.incident(), share.options()).study();
        Tlp level = s.incident().tlp();
        if (tlp != null) {
            level = Tlp.parse(tlp)
                    .orElseThrow(
                            () -> new UserException("--tlp: '" + tlp + "' is not a TLP level: use " + Tlp.choices()));
        }
        byte[] bundle = IncidentStix.export(study, level, "atlas-ops incident " + s.id(), Instant.now())
                .toJson()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        TaxiiClient client = connection.client();
        URI root = client.apiRoot(url);
        TaxiiClient.PushResult result =
                client.push(root, collection, bundle, Duration.ofSeconds(Math.max(0, waitSeconds)));
        result.notes().forEach(n -> err().println("atlas-ops: note: " + n));
        int refused =
                result.status().map(st -> st.path("failure_count").asInt()).orElse(0);
        if (refused > 0) {
            for (JsonNode f : result.status().get().path("failures")) {
                err().println("atlas-ops: " + s.label() + ": " + f.path("id").asText() + ": refused: "
                        + f.path("message").asText("no reason given"));
            }
            return ExitCodes.BAD_INPUT;
        }
        db.incidents()
                .recordShare(
                        s.id(),
                        IntelContext.actor(),
                        "stix, " + level.title() + ", anonymised, published to " + root + " collection " + collection);
        out().println("Published " + s.label() + " (" + level.title() + ", anonymised) to " + root + " collection "
                + collection + "; the share is in the audit log.");
        return ok();
    }
}
