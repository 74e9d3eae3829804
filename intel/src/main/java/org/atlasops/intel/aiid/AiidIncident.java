package org.atlasops.intel.aiid;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.intel.mapping.Suggestion;

/**
 * One incident of the AI Incident Database, with its reports' titles and its taxonomy classifications, and the
 * ATLAS techniques atlas-ops infers for it. {@code securityRelevant} when any technique could be inferred: AIID also
 * holds incidents of harm without an adversary, which ATLAS does not cover.
 */
public record AiidIncident(
        int incidentId,
        Optional<LocalDate> date,
        String title,
        String description,
        List<String> deployers,
        List<String> developers,
        List<String> harmed,
        List<String> reportTitles,
        Map<String, String> classifications,
        List<Suggestion> techniques) {
    public AiidIncident {
        Objects.requireNonNull(date, "date");
        title = Objects.requireNonNullElse(title, "");
        description = Objects.requireNonNullElse(description, "");
        deployers = List.copyOf(deployers);
        developers = List.copyOf(developers);
        harmed = List.copyOf(harmed);
        reportTitles = List.copyOf(reportTitles);
        classifications = Map.copyOf(classifications);
        techniques = List.copyOf(techniques);
    }

    public boolean securityRelevant() {
        return !techniques.isEmpty();
    }

    /** The incident's citation page. */
    public String url() {
        return "https://incidentdatabase.ai/cite/" + incidentId + "/";
    }
}
