package org.atlasops.cli.intel;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.intel.incident.CaseStudyYaml;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.Timeline;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intel incident add FILE}: registers an incident written as a case study, with its SOC fields. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Registers an incident from a case-study YAML file (the ATLAS website's {study, meta} form), checked "
                    + "against the release: each step's technique must exist and belong to its tactic.",
            "Example: atlas-ops intel incident add helpbot.yaml --tlp amber --asset helpbot-prod --alert A-7781 "
                    + "--detected 2026-03-14T09:30:00Z"
        })
final class IncidentAddCommand extends IncidentSubcommand {
    @Parameters(paramLabel = "FILE", description = "Case-study YAML ({study, meta}); meta.tlp sets the TLP.")
    Path file;

    @Option(names = "--tlp", paramLabel = "LEVEL", description = "clear, green, amber (default), amber+strict or red.")
    String tlp;

    @Option(names = "--asset", paramLabel = "NAME", description = "An asset affected (repeat for more).")
    List<String> assets = new ArrayList<>();

    @Option(names = "--alert", paramLabel = "ID", description = "An alert that belongs to the incident (repeat).")
    List<String> alerts = new ArrayList<>();

    @Option(names = "--first-evidence", paramLabel = "TIME", description = "UTC time, e.g. 2026-03-14T08:00:00Z.")
    String firstEvidence;

    @Option(names = "--detected", paramLabel = "TIME", description = "When it was detected (UTC).")
    String detected;

    @Option(names = "--acknowledged", paramLabel = "TIME", description = "When the SOC acknowledged it (UTC).")
    String acknowledged;

    @Option(names = "--contained", paramLabel = "TIME", description = "When it was contained (UTC).")
    String contained;

    @Option(names = "--resolved", paramLabel = "TIME", description = "When it was resolved (UTC).")
    String resolved;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Internal notes (never shared).")
    String notes;

    @Override
    int execute(Database db) {
        KnowledgeBase kb = knowledgeBase();
        CaseStudyYaml.Read read = CaseStudyYaml.read(IntelContext.readText(file), file.toString());
        Tlp level = tlp != null
                ? Tlp.parse(tlp)
                        .orElseThrow(() ->
                                new UserException("--tlp: '" + tlp + "' is not a TLP level: use " + Tlp.choices()))
                : read.tlp().orElse(Tlp.AMBER);
        Timeline timeline = new Timeline(
                time("--first-evidence", firstEvidence),
                time("--detected", detected),
                time("--acknowledged", acknowledged),
                time("--contained", contained),
                time("--resolved", resolved));
        Incident incident = new Incident(read.study(), timeline, assets, alerts, level, notes);
        List<Check.Issue> issues = Check.check(incident, kb);
        if (!issues.isEmpty()) {
            for (Check.Issue i : issues) {
                err().println("atlas-ops: " + file + ": " + i + " (ATLAS " + kb.version() + ")");
            }
            return ExitCodes.BAD_INPUT;
        }
        StoredIncident stored =
                db.incidents().create(incident, IntelContext.actor(), "added from " + file.getFileName());
        out().println("Registered " + stored.label() + ": " + incident.study().name() + " (" + level.title() + ", "
                + incident.study().procedure().size() + " step(s), checked against ATLAS " + kb.version() + ").");
        return ok();
    }

    static Optional<Instant> time(String option, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new UserException(option + ": '" + text + "' is not a UTC time: use 2026-03-14T09:30:00Z");
        }
    }
}
