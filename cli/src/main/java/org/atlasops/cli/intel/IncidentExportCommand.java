package org.atlasops.cli.intel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.OutputFailures;
import org.atlasops.cli.UserException;
import org.atlasops.intel.anonymise.Anonymised;
import org.atlasops.intel.anonymise.Anonymiser;
import org.atlasops.intel.incident.CaseStudyYaml;
import org.atlasops.intel.incident.IncidentMarkdown;
import org.atlasops.intel.incident.IncidentStix;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code intel incident export ID}: the case study as the website's YAML, a STIX 2.1 bundle or Markdown. Only the
 * case study leaves (never the timeline, assets, alerts or notes); with {@code --anonymised} its shareable form.
 * Every export is written to the audit log.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Exports an incident's case study as case-study YAML ({study, meta}), a STIX 2.1 bundle with its TLP "
                    + "marking, or Markdown. The timeline, assets, alerts and notes never leave. --anonymised exports "
                    + "the shareable form ('intel incident anonymise' previews it). Each export is audited.",
            "Example: atlas-ops intel incident export INC-3 --format stix --anonymised --output inc3.json"
        })
final class IncidentExportCommand extends IncidentSubcommand {
    @Parameters(paramLabel = "INCIDENT", description = "INC-12 or 12.")
    String id;

    @Mixin
    FormatOption<String> format = FormatOption.of("yaml", "stix", "markdown")
            .described("yaml (the ATLAS website's case-study file), stix or markdown");

    @Option(names = "--anonymised", description = "Export the anonymised, shareable form.")
    boolean anonymised;

    @Option(
            names = "--tlp",
            paramLabel = "LEVEL",
            description = "Mark the export with this TLP instead of the "
                    + "incident's own (only a stricter one when anonymised is not asked for).")
    String tlp;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write here instead of stdout.")
    Path output;

    @Mixin
    ShareOptions share;

    @Override
    int execute(Database db) {
        String f = format.get();
        KnowledgeBase kb = knowledgeBase();
        StoredIncident s = db.incidents().get(incidentId(id));
        Study study = s.incident().study();
        Tlp level = s.incident().tlp();
        if (anonymised) {
            Anonymised a = Anonymiser.anonymise(s.incident(), share.options());
            study = a.study();
        }
        if (tlp != null) {
            Tlp asked = Tlp.parse(tlp)
                    .orElseThrow(() ->
                            new UserException("--tlp: '" + tlp + "' is not a TLP level: " + "use " + Tlp.choices()));
            if (!anonymised && asked.ordinal() < level.ordinal()) {
                throw new UserException("--tlp: " + s.label() + " is " + level.title() + "; a looser marking ("
                        + asked.title() + ") needs --anonymised");
            }
            level = asked;
        }
        Instant now = Instant.now();
        String text = switch (f) {
            case "yaml" -> CaseStudyYaml.write(study, level, LocalDate.ofInstant(now, ZoneOffset.UTC));
            case "stix" ->
                IncidentStix.export(study, level, "atlas-ops incident " + s.id(), now)
                        .toJsonText();
            default -> IncidentMarkdown.shared(study, level, kb);
        };
        if (output != null) {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw OutputFailures.cannotWrite(output, "", e);
            }
        } else {
            out().print(text);
        }
        db.incidents()
                .recordShare(
                        s.id(),
                        IntelContext.actor(),
                        f + ", " + level.title() + ", " + (anonymised ? "anonymised" : "NOT anonymised")
                                + (output != null ? ", to " + output : ", to stdout"));
        if (output != null) {
            out().println("Wrote " + s.label() + " as " + f + " (" + level.title() + (anonymised ? ", anonymised" : "")
                    + ") to " + output + "; the export is in the audit log.");
        }
        return ok();
    }
}
