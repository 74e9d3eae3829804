package org.atlasops.assess.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.dettect.ScoreEntry;
import org.atlasops.assess.dettect.ScoreObject;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.dettect.TechniqueScores;

/**
 * Coverage written back as a DeTT&CT techniques administration file. The team's own objects are kept as they are;
 * an {@code atlas-ops} object per technique (location "atlas-ops evidence") receives today's computed scores as a
 * new logbook entry when they changed, so running it again and again builds the dated history the trend reads.
 */
public final class DettectExport {
    /** The location that marks the object atlas-ops writes. */
    public static final String LOCATION = "atlas-ops evidence";

    private DettectExport() {}

    public static TechniqueAdministration merge(
            Optional<TechniqueAdministration> existing, Coverage c, LocalDate today) {
        List<TechniqueScores> out = new ArrayList<>();
        List<TechniqueScores> before =
                existing.map(TechniqueAdministration::techniques).orElse(List.of());
        for (TechniqueScores t : before) {
            if (c.technique(t.id()).isEmpty()) {
                out.add(t);
            }
        }
        for (TechniqueCoverage t : c.techniques()) {
            Optional<TechniqueScores> old =
                    before.stream().filter(b -> b.id().equals(t.id())).findFirst();
            List<ScoreObject> detection =
                    new ArrayList<>(old.map(TechniqueScores::detection).orElse(List.of()));
            List<ScoreObject> visibility =
                    new ArrayList<>(old.map(TechniqueScores::visibility).orElse(List.of()));
            int automatic = t.evidence().stream()
                    .filter(e -> e.kind() != Evidence.Kind.MANUAL)
                    .mapToInt(Evidence::score)
                    .max()
                    .orElse(-1);
            if (t.status() == TechniqueCoverage.Status.PROVEN_GAP) {
                automatic = t.detection();
            }
            String why = t.status().label() + " from "
                    + t.evidence().stream()
                            .filter(e -> e.kind() != Evidence.Kind.MANUAL)
                            .map(e -> e.kind().label())
                            .distinct()
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("no automatic evidence");
            upsert(detection, c.system(), automatic, why, today, false);
            upsert(visibility, c.system(), t.visibility(), "visibility as computed by atlas-ops", today, true);
            out.add(new TechniqueScores(t.id(), t.name(), detection, visibility, 0));
        }
        out.sort(java.util.Comparator.comparing(TechniqueScores::id));
        return new TechniqueAdministration(
                existing.map(TechniqueAdministration::name)
                        .filter(n -> !n.isEmpty())
                        .orElse(c.systemName()),
                TechniqueAdministration.DOMAIN,
                List.of("ATLAS"),
                out,
                existing.map(TechniqueAdministration::source).orElse(""));
    }

    private static void upsert(
            List<ScoreObject> objects, String system, int score, String comment, LocalDate today, boolean auto) {
        for (int i = 0; i < objects.size(); i++) {
            ScoreObject o = objects.get(i);
            if (o.location().contains(LOCATION) || (auto && o.comment().equals(LOCATION))) {
                if (o.latest().map(e -> e.score() == score).orElse(false)) {
                    return;
                }
                List<ScoreEntry> log = new ArrayList<>(o.logbook());
                log.removeIf(e -> e.date().equals(today));
                log.add(new ScoreEntry(today, score, comment, auto));
                objects.set(i, o.withLogbook(log));
                return;
            }
        }
        objects.add(new ScoreObject(
                List.of(system),
                auto ? List.of() : List.of(LOCATION),
                auto ? LOCATION : "",
                List.of(new ScoreEntry(today, score, comment, auto))));
    }
}
