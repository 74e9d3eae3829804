package org.atlasops.assess.threatmodel;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Gradient;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.generate.LayerGenerator;

/** The threat model as a Navigator 4.5 layer: priorities as scores, the reasons and parts as comments. */
public final class ThreatLayer {
    private ThreatLayer() {}

    public static Layer of(ThreatModel m, KnowledgeBase kb) {
        List<TechniqueAnnotation> entries = m.applicable().stream()
                .map(a -> TechniqueAnnotation.of(a.id(), Optional.empty())
                        .withScore(OptionalDouble.of(a.priority().total()))
                        .withComment(comment(a)))
                .toList();
        double max = m.weights().exposure()
                + m.weights().maturity()
                + m.weights().evidence()
                + m.weights().controlGap();
        Layer layer =
                new LayerGenerator(kb).scores("Threat model: " + m.system().name(), entries);
        return layer.withDescription("Techniques of ATLAS " + m.atlasVersion() + " that apply to "
                        + m.system().name()
                        + " (" + m.system().id() + "), scored by priority (" + ThreatReport.weightsLine(m.weights())
                        + "). Each comment says why it applies and how the score was made.")
                .withGradient(new Gradient(List.of("#fff3b0", "#e53935"), 0, max > 0 ? max : 1))
                .withLegend(
                        List.of(new LegendItem("Low priority", "#fff3b0"), new LegendItem("High priority", "#e53935")))
                .withMetadata(List.of(
                        MetadataItem.of(Layer.ATLAS_VERSION_KEY, m.atlasVersion()),
                        MetadataItem.of("system", m.system().id()),
                        MetadataItem.of(
                                "applicable", String.valueOf(m.applicable().size()))));
    }

    static String comment(ApplicableTechnique a) {
        return a.why() + ". Because: "
                + a.reasons().stream().map(Reason::toString).collect(Collectors.joining("; "))
                + ". Priority " + a.priority().total() + " = " + a.priority().formula() + ".";
    }
}
