package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.incident.IncidentMarkdown;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code intel incident show ID}: everything the team knows, internal fields included, and the release check. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "One incident with its internal fields (timeline, assets, alerts, notes) and its check against "
                + "the release.")
final class IncidentShowCommand extends IncidentSubcommand {
    @Parameters(paramLabel = "INCIDENT", description = "INC-12 or 12.")
    String id;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    int execute(Database db) {
        boolean json = format.get().equals("json");
        KnowledgeBase kb = knowledgeBase();
        StoredIncident s = db.incidents().get(incidentId(id));
        List<Check.Issue> issues = Check.check(s.incident(), kb);
        if (json) {
            ObjectNode n = IncidentJsonOut.full(s);
            n.put("atlas_version", kb.version());
            ArrayNode a = n.putArray("issues");
            issues.forEach(i -> a.addObject().put("field", i.field()).put("message", i.message()));
            JsonOutput.print(out(), n);
            return ok();
        }
        out().println(s.label() + " (revision " + s.revision() + ", created by " + s.createdBy() + " " + s.createdAt()
                + ", updated " + s.updatedAt() + ")");
        out().println();
        out().print(IncidentMarkdown.internal(s.incident(), kb));
        if (!issues.isEmpty()) {
            out().println();
            out().println("Against ATLAS " + kb.version() + ":");
            issues.forEach(i -> out().println("  " + i));
        }
        return ok();
    }
}
