package org.atlasops.assess.dettect;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.atlasops.kb.AtlasId;

/**
 * A DeTT&CT techniques administration file ({@code file_type: technique-administration}) for the ATLAS domain.
 *
 * @param source where it was read from, for messages
 */
public record TechniqueAdministration(
        String name, String domain, List<String> platforms, List<TechniqueScores> techniques, String source) {
    /** The domain written; {@code atlas} is read too. */
    public static final String DOMAIN = "atlas-atlas";

    public TechniqueAdministration {
        name = Objects.requireNonNullElse(name, "");
        domain = Objects.requireNonNullElse(domain, DOMAIN);
        platforms = List.copyOf(platforms);
        techniques = List.copyOf(techniques);
        source = Objects.requireNonNullElse(source, "");
    }

    public Optional<TechniqueScores> technique(AtlasId id) {
        return techniques.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Every date of every logbook, oldest first. */
    public List<LocalDate> dates() {
        TreeSet<LocalDate> all = new TreeSet<>();
        for (TechniqueScores t : techniques) {
            for (ScoreObject o : t.detection()) {
                o.logbook().forEach(e -> all.add(e.date()));
            }
            for (ScoreObject o : t.visibility()) {
                o.logbook().forEach(e -> all.add(e.date()));
            }
        }
        return List.copyOf(all);
    }

    public TechniqueAdministration withTechniques(List<TechniqueScores> newTechniques) {
        return new TechniqueAdministration(name, domain, platforms, newTechniques, source);
    }
}
