package org.atlasops.assess.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.Gradient;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.TechniqueAnnotation;

/**
 * Coverage as Navigator 4.5 layers, DeTT&CT style, over the techniques that apply to the system: detection (score -1
 * to 5), visibility (0 to 4) and both (an overlay: detection only, visibility only, both). Each cell's comment lists
 * its evidence.
 */
public final class CoverageLayers {
    /** Which layer. */
    public enum Kind {
        DETECTION,
        VISIBILITY,
        BOTH;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String DETECTED = "#66bb6a";
    static final String VISIBLE = "#42a5f5";
    static final String BOTH_COLOUR = "#ffa726";
    static final String GAP = "#e53935";

    private CoverageLayers() {}

    public static Layer of(Coverage c, KnowledgeBase kb, Kind kind) {
        Map<AtlasId, TechniqueAnnotation> marks = new LinkedHashMap<>();
        for (TechniqueCoverage t : c.techniques()) {
            TechniqueAnnotation a =
                    TechniqueAnnotation.of(t.id(), Optional.empty()).withComment(comment(t));
            switch (kind) {
                case DETECTION -> a = a.withScore(OptionalDouble.of(t.detection()));
                case VISIBILITY -> a = a.withScore(OptionalDouble.of(t.visibility()));
                default -> {
                    boolean d = t.status().covered();
                    boolean v = t.visibility() >= 1;
                    String colour = t.status() == TechniqueCoverage.Status.PROVEN_GAP
                            ? GAP
                            : d && v ? BOTH_COLOUR : d ? DETECTED : v ? VISIBLE : "";
                    if (!colour.isEmpty()) {
                        a = a.withColor(colour);
                    }
                }
            }
            marks.put(t.id(), a);
        }
        String what = switch (kind) {
            case DETECTION -> "detection scores (-1 none, 0 forensics only, 1 to 5 poor to excellent)";
            case VISIBILITY -> "visibility scores (0 none to 4 excellent)";
            default -> "detection and visibility (green detected, blue visible, orange both, red proven gap)";
        };
        Layer layer = Layer.empty("Coverage (" + kind.key() + "): " + c.systemName(), c.atlasVersion())
                .withDescription("ATLAS " + c.atlasVersion() + " techniques that apply to " + c.systemName() + " ("
                        + c.system() + "): " + what + ". " + c.detected() + " of "
                        + c.techniques().size()
                        + " detected (" + c.percent() + "%).")
                .withTechniques(entries(kb, marks))
                .withMetadata(List.of(
                        MetadataItem.of(Layer.ATLAS_VERSION_KEY, c.atlasVersion()),
                        MetadataItem.of("system", c.system()),
                        MetadataItem.of(
                                "detected",
                                c.detected() + " of " + c.techniques().size())));
        return switch (kind) {
            case DETECTION ->
                layer.withGradient(new Gradient(List.of("#e1bee7", "#ffffff", "#1b5e20"), -1, 5))
                        .withLegend(List.of(
                                new LegendItem("No detection", "#e1bee7"), new LegendItem("Excellent", "#1b5e20")));
            case VISIBILITY ->
                layer.withGradient(new Gradient(List.of("#ffffff", "#0d47a1"), 0, 4))
                        .withLegend(List.of(
                                new LegendItem("No visibility", "#ffffff"), new LegendItem("Excellent", "#0d47a1")));
            default ->
                layer.withLegend(List.of(
                        new LegendItem("Detected", DETECTED),
                        new LegendItem("Visible", VISIBLE),
                        new LegendItem("Detected and visible", BOTH_COLOUR),
                        new LegendItem("Proven gap (emulated, missed)", GAP)));
        };
    }

    static String comment(TechniqueCoverage t) {
        String evidence = t.evidence().isEmpty()
                ? "no evidence"
                : t.evidence().stream()
                        .map(e -> e.kind().label() + " " + e.score() + ": " + e.label()
                                + e.date().map(d -> " on " + d).orElse("")
                                + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"))
                        .distinct()
                        .collect(Collectors.joining("; "));
        return t.status().label() + ", detection " + t.detection() + ", visibility " + t.visibility() + ". " + evidence;
    }

    /** Parents once per tactic, sub-techniques without a tactic; a parent with an annotated sub shows it. */
    private static List<TechniqueAnnotation> entries(KnowledgeBase kb, Map<AtlasId, TechniqueAnnotation> marks) {
        List<TechniqueAnnotation> out = new ArrayList<>();
        for (Technique t : kb.parentTechniques()) {
            List<TechniqueAnnotation> subs = kb.subTechniquesOf(t.id()).stream()
                    .map(s -> marks.get(s.id()))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            TechniqueAnnotation own = marks.get(t.id());
            if (own == null && subs.isEmpty()) {
                continue;
            }
            TechniqueAnnotation base = own != null ? own : TechniqueAnnotation.of(t.id(), Optional.empty());
            for (AtlasId tactic : t.tacticIds()) {
                String shortname = kb.tactic(tactic)
                        .map(Tactic::shortname)
                        .orElse(tactic.value().toLowerCase(Locale.ROOT));
                out.add(base.withTactic(Optional.of(shortname)).withShowSubtechniques(!subs.isEmpty()));
            }
            out.addAll(subs);
        }
        return out;
    }
}
