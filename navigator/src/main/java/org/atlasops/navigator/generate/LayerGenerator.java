package org.atlasops.navigator.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.search.SearchHit;
import org.atlasops.kb.search.SearchIndex;
import org.atlasops.navigator.Gradient;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.TechniqueAnnotation;

/**
 * Builds layers from a release. Entries follow the style of MITRE's own ATLAS layers: a parent technique gets one
 * entry per tactic, a sub-technique one entry without a tactic (it applies to every tactic of its parent), and a
 * parent whose sub-techniques are annotated shows them.
 */
public final class LayerGenerator {
    /** The green of MITRE's ATLAS matrix and case-study layers. */
    public static final String ATLAS_GREEN = "#C8E6C9";
    /** The red of MITRE's case-study frequency heatmap. */
    public static final String HEAT_RED = "#F44336";

    private final KnowledgeBase kb;

    public LayerGenerator(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** Every technique of the release, coloured. */
    public Layer matrix() {
        Map<String, TechniqueAnnotation> marks = new LinkedHashMap<>();
        for (Technique t : drawable()) {
            marks.put(
                    t.id().value(),
                    TechniqueAnnotation.of(t.id(), Optional.empty()).withColor(ATLAS_GREEN));
        }
        return base("ATLAS Matrix", "Every technique and sub-technique of ATLAS " + kb.version() + ".")
                .withTechniques(entries(marks))
                .withLegend(List.of(new LegendItem("ATLAS technique", ATLAS_GREEN)));
    }

    /**
     * How often each technique is used across the case studies: the number of procedure steps naming it, counted
     * per tactic for a parent (a step names the tactic it served) and over all tactics for a sub-technique, as
     * MITRE's own layer counts. With {@code rollUp}, steps that name a sub-technique also count for its parent on
     * that tactic. Each cell's comment lists the case studies that use it.
     */
    public Layer caseStudyFrequency(boolean rollUp) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Set<String>> usedIn = new LinkedHashMap<>();
        for (CaseStudy cs : kb.caseStudies()) {
            for (ProcedureStep step : cs.procedure()) {
                Optional<Technique> used = kb.technique(step.techniqueId());
                if (used.isEmpty()) {
                    continue;
                }
                String tactic =
                        kb.tactic(step.tacticId()).map(Tactic::shortname).orElse("");
                List<String> keys = new ArrayList<>();
                if (used.get().isSubTechnique()) {
                    keys.add(used.get().id().value());
                    if (rollUp) {
                        keys.add(used.get().parentId().get() + "^" + tactic);
                    }
                } else {
                    keys.add(used.get().id() + "^" + tactic);
                }
                for (String key : keys) {
                    counts.merge(key, 1, Integer::sum);
                    usedIn.computeIfAbsent(key, k -> new LinkedHashSet<>())
                            .add(cs.id().value());
                }
            }
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<TechniqueAnnotation> entries = new ArrayList<>();
        for (Technique t : drawable()) {
            List<String> keys = t.isSubTechnique()
                    ? List.of(t.id().value())
                    : t.tacticIds().stream()
                            .map(id -> t.id() + "^"
                                    + kb.tactic(id).map(Tactic::shortname).orElse(""))
                            .toList();
            for (String key : keys) {
                Optional<String> tactic =
                        key.contains("^") ? Optional.of(key.substring(key.indexOf('^') + 1)) : Optional.empty();
                TechniqueAnnotation a = TechniqueAnnotation.of(t.id(), tactic)
                        .withScore(OptionalDouble.of(counts.getOrDefault(key, 0)))
                        .withShowSubtechniques(!t.isSubTechnique()
                                && !kb.subTechniquesOf(t.id()).isEmpty());
                entries.add(
                        usedIn.containsKey(key) ? a.withComment("Used in " + String.join(", ", usedIn.get(key))) : a);
            }
        }
        String how = rollUp ? " (a parent also counts its sub-techniques' steps)" : "";
        return base(
                        "ATLAS Case Study Frequency",
                        "Heatmap of technique occurrences in "
                                + kb.caseStudies().size()
                                + " ATLAS case studies: the score is the number of procedure steps that use the technique"
                                + how
                                + ".")
                .withTechniques(entries)
                .withGradient(Gradient.whiteTo(HEAT_RED, 0, max))
                .withLegend(List.of(
                        new LegendItem("Not used in a case study", "#ffffff"),
                        new LegendItem("Used in " + max + " steps", HEAT_RED)));
    }

    /** One case study: the techniques its procedure uses, on the tactics it uses them for, with the step text. */
    public Layer caseStudy(String caseStudyId) {
        CaseStudy cs = kb.caseStudy(caseStudyId)
                .orElseThrow(() -> new LayerException("no case study " + caseStudyId + " in ATLAS " + kb.version()
                        + "; 'atlas-ops kb list --type case-study' lists them"));
        List<TechniqueAnnotation> entries = new ArrayList<>();
        Map<String, TechniqueAnnotation> byKey = new LinkedHashMap<>();
        for (int i = 0; i < cs.procedure().size(); i++) {
            ProcedureStep step = cs.procedure().get(i);
            Optional<Technique> t = kb.technique(step.techniqueId());
            if (t.isEmpty()) {
                continue;
            }
            Optional<String> tactic = kb.tactic(step.tacticId()).map(Tactic::shortname);
            String note = "Step " + (i + 1) + ": " + firstSentence(step.description());
            TechniqueAnnotation a = TechniqueAnnotation.of(t.get().id(), tactic)
                    .withColor(ATLAS_GREEN)
                    .withComment(note);
            byKey.merge(a.key(), a, TechniqueAnnotation::mergedWith);
            if (t.get().parentId().isPresent()) {
                TechniqueAnnotation parent =
                        TechniqueAnnotation.of(t.get().parentId().get(), tactic).withShowSubtechniques(true);
                byKey.merge(parent.key(), parent, TechniqueAnnotation::mergedWith);
            }
        }
        entries.addAll(byKey.values());
        List<MetadataItem> metadata =
                List.of(MetadataItem.of("url", cs.url()), MetadataItem.of(Layer.ATLAS_VERSION_KEY, kb.version()));
        return base(cs.name(), cs.summary())
                .withTechniques(entries)
                .withMetadata(metadata)
                .withLegend(List.of(new LegendItem("Used in case study", ATLAS_GREEN)));
    }

    /** One layer per case study, in ID order. */
    public List<Layer> caseStudies() {
        return kb.caseStudies().stream().map(cs -> caseStudy(cs.id().value())).toList();
    }

    /** Techniques by maturity: 1 feasible, 2 demonstrated, 3 realized; techniques without one are left blank. */
    public Layer maturity() {
        Map<Maturity, String> colours =
                Map.of(Maturity.FEASIBLE, "#fff3b0", Maturity.DEMONSTRATED, "#ffb74d", Maturity.REALIZED, "#e53935");
        Map<String, TechniqueAnnotation> marks = new LinkedHashMap<>();
        for (Technique t : drawable()) {
            t.maturity()
                    .ifPresent(m -> marks.put(
                            t.id().value(),
                            TechniqueAnnotation.of(t.id(), Optional.empty())
                                    .withScore(OptionalDouble.of(m.ordinal() + 1))
                                    .withColor(colours.get(m))
                                    .withComment("Maturity: " + m.label())));
        }
        if (marks.isEmpty()) {
            throw new LayerException("ATLAS " + kb.version() + " gives no technique a maturity (maturity arrived "
                    + "in 5.0); pick a newer release with --release");
        }
        List<LegendItem> legend = new ArrayList<>();
        for (Maturity m : Maturity.values()) {
            legend.add(new LegendItem(m.label(), colours.get(m)));
        }
        return base(
                        "ATLAS Technique Maturity",
                        "Techniques by maturity in ATLAS " + kb.version()
                                + ": score 1 feasible (shown in research), 2 demonstrated (shown against a real system), "
                                + "3 realized (used in a real attack).")
                .withTechniques(entries(marks))
                .withGradient(
                        new Gradient(List.of(colours.get(Maturity.FEASIBLE), colours.get(Maturity.REALIZED)), 1, 3))
                .withLegend(legend);
    }

    /**
     * The techniques a search finds, scored by relevance: 100 for the best match, the others in proportion. Only
     * techniques and sub-techniques are kept from the hits.
     */
    public Layer search(String query, int limit) {
        List<SearchHit> hits = SearchIndex.of(kb).search(query, Math.max(limit * 4, limit)).stream()
                .filter(h -> h.object() instanceof Technique t && !t.deprecated())
                .limit(limit)
                .toList();
        if (hits.isEmpty()) {
            throw new LayerException("no technique matches \"" + query + "\" in ATLAS " + kb.version()
                    + "; try other words, or 'atlas-ops kb search' to see what matches");
        }
        float best = hits.get(0).score();
        Map<String, TechniqueAnnotation> marks = new LinkedHashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            double score = Math.max(1, Math.round(100.0 * h.score() / best));
            marks.put(
                    h.object().id().value(),
                    TechniqueAnnotation.of(h.object().id(), Optional.empty())
                            .withScore(OptionalDouble.of(score))
                            .withComment("Search \"" + query + "\": match " + (i + 1) + " of " + hits.size()));
        }
        return base(
                        "ATLAS search: " + query,
                        "Techniques matching \"" + query + "\" in ATLAS " + kb.version()
                                + ", scored by relevance (100 = best match).")
                .withTechniques(entries(marks))
                .withGradient(new Gradient(List.of("#ffffff00", "#66b1ff"), 0, 100))
                .withLegend(List.of(new LegendItem("Best match", "#66b1ff")));
    }

    /** A layer from scored entries (already checked by {@link ScoreList}); the gradient spans their range. */
    public Layer scores(String name, List<TechniqueAnnotation> scored) {
        double min = scored.stream().mapToDouble(a -> a.score().orElse(0)).min().orElse(0);
        double max = scored.stream().mapToDouble(a -> a.score().orElse(0)).max().orElse(100);
        if (min > 0) {
            min = 0;
        }
        Map<String, TechniqueAnnotation> marks = new LinkedHashMap<>();
        List<TechniqueAnnotation> withTactic = new ArrayList<>();
        for (TechniqueAnnotation a : scored) {
            if (a.tactic().isPresent()) {
                withTactic.add(a);
            } else {
                marks.merge(a.techniqueId(), a, TechniqueAnnotation::mergedWith);
            }
        }
        List<TechniqueAnnotation> entries = new ArrayList<>(entries(marks));
        entries.addAll(withTactic);
        return base(name, "Scores for " + scored.size() + " technique entries, ATLAS " + kb.version() + ".")
                .withTechniques(entries)
                .withGradient(new Gradient(Gradient.DEFAULT.colors(), min, max > min ? max : min + 1));
    }

    private Layer base(String name, String description) {
        return Layer.empty(name, kb.version()).withDescription(description);
    }

    private List<Technique> drawable() {
        return kb.techniques().stream().filter(t -> !t.deprecated()).toList();
    }

    /**
     * Turns per-technique marks (keyed by ID, without tactic) into layer entries: parents once per tactic, subs
     * once without a tactic; a parent with a marked sub shows its sub-techniques (and gets an entry for that).
     */
    private List<TechniqueAnnotation> entries(Map<String, TechniqueAnnotation> marks) {
        List<TechniqueAnnotation> out = new ArrayList<>();
        for (Technique t : kb.parentTechniques()) {
            if (t.deprecated()) {
                continue;
            }
            List<TechniqueAnnotation> subs = new ArrayList<>();
            for (Technique s : kb.subTechniquesOf(t.id())) {
                TechniqueAnnotation m = marks.get(s.id().value());
                if (m != null) {
                    subs.add(m.withTactic(Optional.empty()));
                }
            }
            boolean showSubs = subs.stream().anyMatch(TechniqueAnnotation::isAnnotated);
            TechniqueAnnotation own = marks.get(t.id().value());
            if (own != null || showSubs) {
                TechniqueAnnotation base = own != null ? own : TechniqueAnnotation.of(t.id(), Optional.empty());
                for (AtlasId tacticId : t.tacticIds()) {
                    String shortname = kb.tactic(tacticId)
                            .map(Tactic::shortname)
                            .orElse(tacticId.value().toLowerCase(Locale.ROOT));
                    out.add(base.withTactic(Optional.of(shortname)).withShowSubtechniques(showSubs));
                }
            }
            out.addAll(subs);
        }
        return out;
    }

    private static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        int end = flat.indexOf(". ");
        String s = end > 0 ? flat.substring(0, end + 1) : flat;
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
