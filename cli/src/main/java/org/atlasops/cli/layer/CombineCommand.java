package org.atlasops.cli.layer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.combine.Inherit;
import org.atlasops.navigator.combine.LayerCombiner;
import org.atlasops.navigator.combine.ScoreExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layer combine --expr EXPR FILE…}: the Navigator's "create layer from other layers", without its limit. */
@Command(
        name = "combine",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Combine layers into one by a score expression, technique by technique and tactic by "
                    + "tactic. Layers are a, b, c, … in argument order (after z: aa, ab, …; a file holding several "
                    + "layers gives one variable to each). Any number of layers.",
            "A layer that does not score a technique counts as 0 there, unless no layer in the expression "
                    + "scores it (then it stays unscored). A constant expression (e.g. 0) scores every "
                    + "technique. Comparisons and and/or/not give 1 or 0.",
            "Operators: + - * / %% ^, == != < <= > >=, and or xor not, c ? x : y. Functions: min max sum "
                    + "mean (also over a range: sum(a..f)), abs round floor ceil sqrt."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops layer combine --expr \"a+b\" detections.json mitigations.json -o sum.json",
            "  atlas-ops layer combine --expr \"a > 0 and b == 0\" --comments-from a threats.json coverage.json",
            "  atlas-ops layer combine --expr \"sum(a..t)\" team-*.json -o all-teams.json"
        })
final class CombineCommand extends LayerSubcommand {
    @Option(
            names = {"-e", "--expr"},
            required = true,
            paramLabel = "EXPR",
            description = "The score expression.")
    String expression;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The layers, in variable order.")
    List<Path> files;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the layer here (default: stdout).")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Layer name (default: 'Combined: EXPR').")
    String name;

    @Option(names = "--comments-from", paramLabel = "VAR", description = "Copy comments from this layer (a, b, …).")
    String comments;

    @Option(names = "--colors-from", paramLabel = "VAR", description = "Copy manual colours from this layer.")
    String colors;

    @Option(names = "--links-from", paramLabel = "VAR", description = "Copy links from this layer.")
    String links;

    @Option(names = "--metadata-from", paramLabel = "VAR", description = "Copy technique metadata from this layer.")
    String metadata;

    @Option(names = "--enabled-from", paramLabel = "VAR", description = "Copy enabled/disabled from this layer.")
    String enabled;

    @Option(names = "--legend-from", paramLabel = "VAR", description = "Copy the legend from this layer.")
    String legend;

    @Option(names = "--filters-from", paramLabel = "VAR", description = "Copy the platform filter from this layer.")
    String filters;

    @Option(
            names = "--gradient-from",
            paramLabel = "VAR",
            description = "Copy the gradient from this layer (default: rescaled to the results).")
    String gradient;

    @Override
    int execute() {
        List<Layer> layers = new ArrayList<>();
        for (Path f : files) {
            layers.addAll(read(f).layers());
        }
        Map<Inherit, Integer> inherit = new EnumMap<>(Inherit.class);
        put(inherit, Inherit.COMMENTS, comments, "--comments-from");
        put(inherit, Inherit.COLORS, colors, "--colors-from");
        put(inherit, Inherit.LINKS, links, "--links-from");
        put(inherit, Inherit.METADATA, metadata, "--metadata-from");
        put(inherit, Inherit.ENABLED, enabled, "--enabled-from");
        put(inherit, Inherit.LEGEND, legend, "--legend-from");
        put(inherit, Inherit.FILTERS, filters, "--filters-from");
        put(inherit, Inherit.GRADIENT, gradient, "--gradient-from");
        KnowledgeBase kb = knowledgeBaseFor(layers.get(0));
        LayerCombiner.Result r = new LayerCombiner(kb).combine(layers, expression, inherit, name);
        report(r.issues());
        writeLayers(List.of(r.layer()), output);
        return ok();
    }

    private static void put(Map<Inherit, Integer> inherit, Inherit what, String variable, String option) {
        if (variable == null) {
            return;
        }
        String v = variable.trim().toLowerCase(Locale.ROOT);
        if (!v.matches("[a-z]{1,2}")) {
            throw usage(option + " takes a layer variable (a, b, c, …), not '" + variable + "'");
        }
        inherit.put(what, ScoreExpression.variableIndex(v));
    }
}
