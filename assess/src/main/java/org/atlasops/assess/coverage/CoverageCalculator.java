package org.atlasops.assess.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.atlasops.assess.dettect.DataSourceAdministration;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.threatmodel.ApplicableTechnique;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;

/**
 * Combines evidence into coverage. As of a day, a technique's detection score is the highest of: its rules' and
 * analyzers' scores (undated: they count at every day), and its manual DeTT&CT score (each detection object's latest
 * logbook entry on or before the day, averaged over objects, as DeTT&CT does). The latest emulation evidence
 * overrides both: emulated and detected is proven; emulated and missed is a proven gap with the run's score.
 * Visibility is the DeTT&CT visibility score, and at least 1 when a rule or analyzer detects the technique (a
 * detection needs the data).
 */
public final class CoverageCalculator {
    /** Detected from this score on (DeTT&CT's 1 = "poor" still detects). */
    public static final int DEFAULT_THRESHOLD = 1;

    private CoverageCalculator() {}

    /**
     * @param visibility the DeTT&CT techniques file whose visibility scores to use, if any
     * @param dataSources a DeTT&CT data sources file, listed in the report, if any
     */
    public static Coverage compute(
            ThreatModel model,
            KnowledgeBase kb,
            List<EvidenceSource> sources,
            Optional<TechniqueAdministration> visibility,
            Optional<DataSourceAdministration> dataSources,
            int threshold,
            LocalDate today) {
        List<Evidence> all = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (EvidenceSource s : sources) {
            all.addAll(s.collect(kb));
            notes.addAll(s.notes());
        }
        Map<AtlasId, List<Evidence>> byTechnique = new LinkedHashMap<>();
        for (Evidence e : all) {
            byTechnique.computeIfAbsent(e.technique(), k -> new ArrayList<>()).add(e);
        }
        inheritFromSubTechniques(byTechnique);
        for (AtlasId id : byTechnique.keySet()) {
            if (!model.applies(id)) {
                notes.add(id + " has detection evidence but does not apply to "
                        + model.system().id() + " (left out of the percentages)");
            }
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        all.forEach(e -> e.date().ifPresent(dates::add));
        visibility.ifPresent(v -> dates.addAll(v.dates()));
        dates.removeIf(d -> d.isAfter(today));
        dates.add(today);
        List<TechniqueCoverage> now = techniques(model, byTechnique, visibility, threshold, today);
        List<TrendPoint> trend = new ArrayList<>();
        for (LocalDate d : dates) {
            List<TechniqueCoverage> at =
                    d.equals(today) ? now : techniques(model, byTechnique, visibility, threshold, d);
            List<TacticCoverage> tactics = tactics(kb, at);
            trend.add(new TrendPoint(
                    d,
                    at.size(),
                    (int) at.stream().filter(t -> t.status().covered()).count(),
                    tactics));
        }
        List<String> available = dataSources
                .map(ds -> ds.dataSources().stream()
                        .filter(DataSourceAdministration.DataSource::available)
                        .map(DataSourceAdministration.DataSource::name)
                        .toList())
                .orElse(List.of());
        return new Coverage(
                model.system().id(),
                model.system().name(),
                model.atlasVersion(),
                threshold,
                now,
                tactics(kb, now),
                trend,
                sources.stream().map(EvidenceSource::name).toList(),
                available,
                notes);
    }

    private static List<TechniqueCoverage> techniques(
            ThreatModel model,
            Map<AtlasId, List<Evidence>> byTechnique,
            Optional<TechniqueAdministration> visibility,
            int threshold,
            LocalDate day) {
        List<TechniqueCoverage> out = new ArrayList<>();
        for (ApplicableTechnique a : model.applicable()) {
            List<Evidence> ev = byTechnique.getOrDefault(a.id(), List.of()).stream()
                    .filter(e -> e.date().map(d -> !d.isAfter(day)).orElse(true))
                    .toList();
            int automatic = ev.stream()
                    .filter(e -> e.kind() == Evidence.Kind.SIGMA_RULE || e.kind() == Evidence.Kind.ANALYZER)
                    .mapToInt(Evidence::score)
                    .max()
                    .orElse(-1);
            OptionalInt manual = manual(ev);
            int score = Math.max(automatic, manual.orElse(-1));
            Optional<Evidence> emulation = ev.stream()
                    .filter(e ->
                            e.kind() == Evidence.Kind.EMULATION_DETECTED || e.kind() == Evidence.Kind.EMULATION_MISSED)
                    .max(Comparator.comparing((Evidence e) -> e.date().orElse(LocalDate.MIN)));
            TechniqueCoverage.Status status;
            if (emulation.isPresent() && emulation.get().kind() == Evidence.Kind.EMULATION_DETECTED) {
                score = Math.max(score, emulation.get().score());
                status = TechniqueCoverage.Status.PROVEN;
            } else if (emulation.isPresent()) {
                score = emulation.get().score();
                status = TechniqueCoverage.Status.PROVEN_GAP;
            } else if (score >= threshold) {
                status = TechniqueCoverage.Status.DETECTED;
            } else if (score > 0) {
                status = TechniqueCoverage.Status.WEAK;
            } else {
                status = TechniqueCoverage.Status.NONE;
            }
            int vis = visibility
                    .flatMap(v -> v.technique(a.id()))
                    .map(t -> t.visibilityAsOf(day))
                    .filter(OptionalInt::isPresent)
                    .map(OptionalInt::getAsInt)
                    .orElse(0);
            if (automatic >= 1) {
                vis = Math.max(vis, 1);
            }
            out.add(new TechniqueCoverage(a.id(), a.name(), a.tactics(), score, vis, status, ev));
        }
        return out;
    }

    /**
     * A parent technique without rules or analyzers of its own is detected as well as its best-detected
     * sub-technique (rules tag the variant they catch: a rule for direct injection detects prompt injection); the
     * evidence is copied with the sub-technique named.
     */
    private static void inheritFromSubTechniques(Map<AtlasId, List<Evidence>> byTechnique) {
        Map<AtlasId, List<Evidence>> inherited = new LinkedHashMap<>();
        for (Map.Entry<AtlasId, List<Evidence>> e : byTechnique.entrySet()) {
            Optional<AtlasId> parent = e.getKey().parent();
            if (parent.isEmpty()
                    || byTechnique.getOrDefault(parent.get(), List.of()).stream()
                            .anyMatch(CoverageCalculator::automatic)) {
                continue;
            }
            e.getValue().stream()
                    .filter(CoverageCalculator::automatic)
                    .map(x -> new Evidence(
                            parent.get(),
                            x.kind(),
                            x.score(),
                            x.date(),
                            "via " + e.getKey() + ": " + x.label(),
                            x.detail()))
                    .forEach(x -> inherited
                            .computeIfAbsent(parent.get(), k -> new ArrayList<>())
                            .add(x));
        }
        inherited.forEach((id, list) ->
                byTechnique.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list));
    }

    private static boolean automatic(Evidence e) {
        return e.kind() == Evidence.Kind.SIGMA_RULE || e.kind() == Evidence.Kind.ANALYZER;
    }

    /** Per detection object (label), its latest entry on or before the day; averaged over objects and rounded. */
    private static OptionalInt manual(List<Evidence> ev) {
        Map<String, Evidence> latest = new LinkedHashMap<>();
        for (Evidence e : ev) {
            if (e.kind() != Evidence.Kind.MANUAL) {
                continue;
            }
            latest.merge(
                    e.label(),
                    e,
                    (a, b) -> b.date().orElseThrow().isBefore(a.date().orElseThrow()) ? a : b);
        }
        if (latest.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.round(
                latest.values().stream().mapToInt(Evidence::score).average().orElse(0)));
    }

    private static List<TacticCoverage> tactics(KnowledgeBase kb, List<TechniqueCoverage> techniques) {
        List<TacticCoverage> out = new ArrayList<>();
        for (Tactic tactic : kb.tactics()) {
            List<TechniqueCoverage> in = techniques.stream()
                    .filter(t -> t.tactics().contains(tactic.name()))
                    .toList();
            if (in.isEmpty()) {
                continue;
            }
            out.add(new TacticCoverage(
                    tactic.id(),
                    tactic.name(),
                    in.size(),
                    (int) in.stream().filter(t -> t.status().covered()).count(),
                    (int) in.stream().filter(t -> t.visibility() >= 1).count()));
        }
        return out;
    }
}
