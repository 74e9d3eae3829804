package org.atlasops.kb.details;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Technique;
import org.atlasops.kb.crosswalk.CrosswalkEntry;

/** A mitigation and the techniques it addresses, in the data's order, each with its {@code use} text. */
public record MitigationDetails(
        String release, Mitigation object, List<Mitigated> techniques, List<CrosswalkEntry> crosswalk)
        implements ObjectDetails {
    /** A technique the mitigation addresses (it may be absent from the release) and how. */
    public record Mitigated(Related<Technique> technique, String use) {
        public Mitigated {
            Objects.requireNonNull(technique, "technique");
            use = Objects.requireNonNullElse(use, "");
        }
    }

    public MitigationDetails {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(object, "object");
        techniques = List.copyOf(techniques);
        crosswalk = List.copyOf(crosswalk);
    }

    @Override
    public String displayName() {
        return object.name();
    }

    @Override
    public Set<AtlasId> relatedIds() {
        Set<AtlasId> ids = new LinkedHashSet<>();
        techniques.forEach(t -> ids.add(t.technique().id()));
        Details.crosswalkIds(crosswalk, ids);
        ids.remove(object.id());
        return ids;
    }
}
