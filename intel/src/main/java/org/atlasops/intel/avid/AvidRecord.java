package org.atlasops.intel.avid;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.kb.Reference;

/**
 * One AVID report or vulnerability, in any data version (0.1 to 0.3.3), with the ATLAS techniques it involves:
 * official ones (its {@code impact.atlas}, or the procedure of the ATLAS case study it is) or, when it has none,
 * inferred ones with their reasons. {@code key} is the record's ID, or its path when the ID is missing, empty or
 * taken.
 */
public record AvidRecord(
        String key,
        Optional<String> id,
        String path,
        Kind kind,
        String dataVersion,
        String classOf,
        String problemType,
        String title,
        String description,
        List<String> developers,
        List<String> deployers,
        List<String> artifacts,
        List<String> riskDomains,
        List<String> sepView,
        List<String> lifecycleView,
        List<String> cwes,
        List<String> odin,
        List<String> garakProbes,
        List<Reference> references,
        Optional<LocalDate> date,
        List<Suggestion> techniques) {
    public enum Kind {
        REPORT,
        VULNERABILITY
    }

    public AvidRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        developers = List.copyOf(developers);
        deployers = List.copyOf(deployers);
        artifacts = List.copyOf(artifacts);
        riskDomains = List.copyOf(riskDomains);
        sepView = List.copyOf(sepView);
        lifecycleView = List.copyOf(lifecycleView);
        cwes = List.copyOf(cwes);
        odin = List.copyOf(odin);
        garakProbes = List.copyOf(garakProbes);
        references = List.copyOf(references);
        Objects.requireNonNull(date, "date");
        techniques = List.copyOf(techniques);
    }

    /** The record's page in the AVID repository. */
    public String url() {
        return "https://github.com/avidml/avid-db/blob/main/" + path;
    }
}
