package org.atlasops.assess.threatmodel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.read.YNode;
import org.atlasops.kb.read.YamlTree;

/**
 * The tunable part of the priority: how many points each part is worth, how exposure is valued, and how many case
 * studies (or other evidence) count as full evidence.
 *
 * @param evidenceCap the evidence count at which the evidence part reaches 1
 * @param internal the exposure value of an internal system (a public one is 1)
 * @param offSystem the factor on exposure for techniques that happen off your systems (reconnaissance and
 *     resource development only)
 * @param indirect the factor on exposure for techniques that need no outward-facing attribute (public exposure,
 *     untrusted content, a model API, on-device): the adversary reaches them only through other steps
 */
public record Weights(
        double exposure,
        double maturity,
        double evidence,
        double controlGap,
        int evidenceCap,
        double internal,
        double offSystem,
        double indirect) {
    public static final Weights DEFAULT = new Weights(25, 25, 20, 30, 10, 0.5, 0.5, 0.8);

    public Weights {
        for (double w : new double[] {exposure, maturity, evidence, controlGap}) {
            if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights are numbers of 0 or more");
            }
        }
        if (evidenceCap < 1) {
            throw new IllegalArgumentException("evidence-cap must be 1 or more");
        }
        if (internal < 0 || internal > 1 || offSystem < 0 || offSystem > 1 || indirect < 0 || indirect > 1) {
            throw new IllegalArgumentException("internal, off-system and indirect are factors from 0 to 1");
        }
    }

    /**
     * Weights from a YAML file with any of {@code exposure, maturity, evidence, control-gap, evidence-cap, internal,
     * off-system, indirect}; the others keep their defaults.
     */
    public static Weights read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(name + ": " + (Files.isDirectory(file) ? "is a folder" : "no such file")
                    + "; give a weights file (YAML)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new BadInputException(
                    name
                            + ":1:1: empty; give any of exposure, maturity, evidence, control-gap, evidence-cap, internal, off-system, indirect");
        }
        YNode root = YamlTree.parse(new java.io.StringReader(text), name);
        if (!(root instanceof YNode.YMap map)) {
            throw new AtlasDataException(root.pos() + ": expected a map of weights, found " + root.kind());
        }
        double[] v = {
            DEFAULT.exposure,
            DEFAULT.maturity,
            DEFAULT.evidence,
            DEFAULT.controlGap,
            DEFAULT.evidenceCap,
            DEFAULT.internal,
            DEFAULT.offSystem,
            DEFAULT.indirect
        };
        Map<String, Integer> index = Map.of(
                "exposure",
                0,
                "maturity",
                1,
                "evidence",
                2,
                "control-gap",
                3,
                "evidence-cap",
                4,
                "internal",
                5,
                "off-system",
                6,
                "indirect",
                7);
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                throw new AtlasDataException(
                        e.getValue().pos() + ": " + e.getKey()
                                + ": unknown weight; weights: exposure, maturity, evidence, control-gap, evidence-cap, internal, off-system, indirect");
            }
            try {
                v[i] = Double.parseDouble(((YNode.YScalar) e.getValue()).value());
            } catch (RuntimeException ex) {
                throw new AtlasDataException(e.getValue().pos() + ": " + e.getKey() + ": expected a number");
            }
        }
        try {
            return new Weights(v[0], v[1], v[2], v[3], (int) v[4], v[5], v[6], v[7]);
        } catch (IllegalArgumentException ex) {
            throw new AtlasDataException(name + ": " + ex.getMessage());
        }
    }
}
