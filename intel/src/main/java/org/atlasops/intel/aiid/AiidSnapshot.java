package org.atlasops.intel.aiid;

import java.util.List;
import java.util.Objects;

/**
 * An AIID snapshot as read at run time: its incidents, the problems met (a bad row is reported and the rest kept)
 * and the attribution its licence requires. Never bundled with atlas-ops: the database is CC BY-SA 4.0.
 */
public record AiidSnapshot(String source, List<AiidIncident> incidents, List<String> problems) {
    public static final String LICENCE = "CC BY-SA 4.0 (AI Incident Database; report contents under their own rights)";
    public static final String ATTRIBUTION = "AI Incident Database (Responsible AI Collaborative), "
            + "https://incidentdatabase.ai, shared under CC BY-SA 4.0; report contents are subject to their own "
            + "intellectual property rights. ATLAS techniques are inferred by atlas-ops, not by the AIID.";

    public AiidSnapshot {
        Objects.requireNonNull(source, "source");
        incidents = List.copyOf(incidents);
        problems = List.copyOf(problems);
    }

    public long securityRelevant() {
        return incidents.stream().filter(AiidIncident::securityRelevant).count();
    }
}
