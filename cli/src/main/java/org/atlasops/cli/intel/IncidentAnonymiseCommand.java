package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.intel.anonymise.Anonymised;
import org.atlasops.intel.anonymise.Anonymiser;
import org.atlasops.intel.incident.IncidentJson;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code intel incident anonymise ID}: the preview of the shareable form; nothing leaves. */
@Command(
        name = "anonymise",
        aliases = "anonymize",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Previews the shareable form of an incident: each field before and after, each value replaced (the same "
                    + "value by the same placeholder everywhere) and the internal fields withheld. Nothing is shared: "
                    + "'intel incident export --anonymised' does that.",
            "Example: atlas-ops intel incident anonymise INC-3 --name \"Acme Bank\" --coarsen year"
        })
final class IncidentAnonymiseCommand extends IncidentSubcommand {
    @Parameters(paramLabel = "INCIDENT", description = "INC-12 or 12.")
    String id;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Mixin
    ShareOptions share;

    @Override
    int execute(Database db) {
        boolean json = format.get().equals("json");
        StoredIncident s = db.incidents().get(incidentId(id));
        Anonymised a = Anonymiser.anonymise(s.incident(), share.options());
        if (json) {
            ObjectNode n =
                    JsonOutput.object().put("id", s.label()).put("tlp", a.tlp().label());
            n.set("shared", IncidentJson.writeStudy(a.study()));
            ArrayNode changes = n.putArray("changes");
            a.changes()
                    .forEach(c -> changes.addObject()
                            .put("field", c.field())
                            .put("before", c.before())
                            .put("after", c.after()));
            ArrayNode repl = n.putArray("replacements");
            a.replacements()
                    .forEach(r -> repl.addObject()
                            .put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT))
                            .put("value", r.value())
                            .put("placeholder", r.placeholder())
                            .put("count", r.count()));
            a.withheld().forEach(n.putArray("withheld")::add);
            JsonOutput.print(out(), n);
            return ok();
        }
        out().println("Preview of the shareable form of " + s.label() + " ("
                + a.tlp().title() + "); nothing has left.");
        out().println();
        for (Anonymised.Change c : a.changes()) {
            out().println(c.field() + ":");
            out().println("  - " + c.before().replace("\n", "\n    "));
            out().println("  + " + c.after().replace("\n", "\n    "));
        }
        if (!a.replacements().isEmpty()) {
            out().println();
            out().println("Replaced everywhere:");
            for (Anonymised.Replacement r : a.replacements()) {
                out().println("  " + r.placeholder() + " <- " + r.value() + " ("
                        + r.kind().name().toLowerCase(java.util.Locale.ROOT) + ", " + r.count() + "x)");
            }
        }
        out().println();
        out().println("Never shared: "
                + (a.withheld().isEmpty() ? "(no internal field is filled)" : String.join(", ", a.withheld()))
                + ", and the reporter.");
        out().println("Names are replaced by list: add any the text still shows with --name.");
        return ok();
    }
}
