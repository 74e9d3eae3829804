package org.atlasops.kb.details;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.crosswalk.CrosswalkEntry;

/**
 * A case study and its procedure.
 *
 * @param tacticColumns the tactics its steps pursue, once each, in the matrix's column order (then any the
 *                      matrix lacks, in step order): the columns of a timeline of the procedure
 */
public record CaseStudyDetails(
        String release,
        CaseStudy object,
        List<Step> procedure,
        List<Related<Tactic>> tacticColumns,
        List<CrosswalkEntry> crosswalk)
        implements ObjectDetails {
    public CaseStudyDetails {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(object, "object");
        procedure = List.copyOf(procedure);
        tacticColumns = List.copyOf(tacticColumns);
        crosswalk = List.copyOf(crosswalk);
    }

    @Override
    public String displayName() {
        return object.name();
    }

    @Override
    public Set<AtlasId> relatedIds() {
        Set<AtlasId> ids = new LinkedHashSet<>();
        procedure.forEach(s -> {
            ids.add(s.tactic().id());
            ids.add(s.technique().id());
        });
        Details.crosswalkIds(crosswalk, ids);
        ids.remove(object.id());
        return ids;
    }
}
