package org.atlasops.cli.intel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.atlasops.cli.ExitCodes;
import org.atlasops.intel.incident.CaseStudyYaml;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.IncidentStix;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code intel incident import FILE}: case studies from a case-study YAML file or a STIX 2.1 bundle. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Registers the case studies of a file: the ATLAS website's case-study YAML, or a STIX 2.1 bundle of "
                    + "incidents (as 'intel incident export --format stix' or a partner writes them). All are checked "
                    + "against the release first; nothing is registered when one fails.",
            "Example: atlas-ops intel incident import partner-bundle.json"
        })
final class IncidentImportCommand extends IncidentSubcommand {
    @Parameters(paramLabel = "FILE", description = "Case-study YAML or a STIX 2.1 bundle (.json).")
    Path file;

    @Override
    int execute(Database db) {
        KnowledgeBase kb = knowledgeBase();
        String text = IntelContext.readText(file);
        List<Incident> incidents = new ArrayList<>();
        if (text.stripLeading().startsWith("{")) {
            for (IncidentStix.Imported i : IncidentStix.read(text, file.toString())) {
                incidents.add(new Incident(
                        i.study(),
                        org.atlasops.intel.incident.Timeline.EMPTY,
                        List.of(),
                        List.of(),
                        i.tlp(),
                        "imported from " + file.getFileName() + " (" + i.incidentId() + ")"));
            }
        } else {
            CaseStudyYaml.Read r = CaseStudyYaml.read(text, file.toString());
            incidents.add(new Incident(
                    r.study(),
                    org.atlasops.intel.incident.Timeline.EMPTY,
                    List.of(),
                    List.of(),
                    r.tlp().orElse(Tlp.AMBER),
                    "imported from " + file.getFileName()));
        }
        boolean bad = false;
        for (Incident i : incidents) {
            for (Check.Issue issue : Check.check(i, kb)) {
                err().println("atlas-ops: " + file + ": " + i.study().name() + ": " + issue + " (ATLAS " + kb.version()
                        + ")");
                bad = true;
            }
        }
        if (bad) {
            return ExitCodes.BAD_INPUT;
        }
        for (Incident i : incidents) {
            StoredIncident s = db.incidents().create(i, IntelContext.actor(), "imported from " + file.getFileName());
            out().println("Registered " + s.label() + ": " + i.study().name() + " ("
                    + i.tlp().title() + ").");
        }
        return ok();
    }
}
