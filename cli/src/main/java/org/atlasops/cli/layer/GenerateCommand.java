package org.atlasops.cli.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.generate.LayerGenerator;
import org.atlasops.navigator.generate.ScoreList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layer generate KIND}: layers made from the release. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Make a layer from ATLAS. KIND is one of:",
            "  matrix                 every technique, coloured",
            "  case-study-frequency   procedure steps per technique across the case studies (heatmap)",
            "  case-study ID          the techniques one case study uses, with its steps as comments",
            "  case-studies           one layer per case study (into --output-dir, or one JSON array)",
            "  maturity               techniques scored 1 feasible, 2 demonstrated, 3 realized",
            "  search QUERY           the techniques a 'kb search' finds, scored by relevance",
            "  scores FILE            technique IDs with scores from CSV (techniqueID,score[,tactic,comment,"
                    + "color]) or JSON ([{techniqueID, score}] or {\"AML.T0051\": 80})"
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops layer generate case-study-frequency -o frequency.json",
            "  atlas-ops layer generate case-study-frequency --roll-up -o rolled.json",
            "  atlas-ops layer generate search \"prompt injection\" --limit 15 -o pi.json",
            "  atlas-ops layer generate scores coverage.csv --name \"Detection coverage\" -o coverage.json"
        })
final class GenerateCommand extends LayerSubcommand {
    enum Kind {
        MATRIX,
        CASE_STUDY_FREQUENCY,
        CASE_STUDY,
        CASE_STUDIES,
        MATURITY,
        SEARCH,
        SCORES
    }

    @Parameters(
            index = "0",
            paramLabel = "KIND",
            converter = KindConverter.class,
            description = "What to generate (see above).")
    Kind kind;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "ARG",
            description = "The case study ID, search query or score file the kind needs.")
    String argument;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the layer here (default: stdout).")
    Path output;

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "For case-studies: write one file per case study (AML.CSxxxx.json) here.")
    Path outputDir;

    @Option(
            names = "--roll-up",
            description = "For case-study-frequency: steps that use a sub-technique also "
                    + "count for its parent (MITRE's layer does not).")
    boolean rollUp;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "For search: at most N techniques (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--name", paramLabel = "NAME", description = "Layer name (default: one that says what it is).")
    String name;

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(
                        value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown kind '" + value + "'; use matrix, "
                        + "case-study-frequency, case-study, case-studies, maturity, search or scores");
            }
        }
    }

    @Override
    int execute() throws IOException {
        KnowledgeBase kb = root().knowledgeBase();
        LayerGenerator g = new LayerGenerator(kb);
        boolean needsArgument = kind == Kind.CASE_STUDY || kind == Kind.SEARCH || kind == Kind.SCORES;
        if (needsArgument && (argument == null || argument.isBlank())) {
            throw usage("layer generate "
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " needs "
                    + (kind == Kind.CASE_STUDY
                            ? "a case study ID, e.g. AML.CS0000"
                            : kind == Kind.SEARCH
                                    ? "a query, e.g. \"prompt injection\""
                                    : "a score file (CSV or JSON)"));
        }
        if (!needsArgument && argument != null) {
            throw usage("layer generate "
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " takes no argument; got '"
                    + argument + "'");
        }
        if (limit < 1) {
            throw usage("--limit must be at least 1");
        }
        if (kind == Kind.CASE_STUDIES) {
            List<Layer> layers = g.caseStudies();
            if (outputDir != null) {
                Files.createDirectories(outputDir);
                for (int i = 0; i < layers.size(); i++) {
                    LayerWriter.write(
                            List.of(layers.get(i)),
                            outputDir.resolve(kb.caseStudies().get(i).id() + ".json"));
                }
                err().println("wrote " + layers.size() + " layers to " + outputDir);
            } else {
                writeLayers(layers, output);
            }
            return ok();
        }
        Layer layer = switch (kind) {
            case MATRIX -> g.matrix();
            case CASE_STUDY_FREQUENCY -> g.caseStudyFrequency(rollUp);
            case CASE_STUDY -> g.caseStudy(argument.trim());
            case MATURITY -> g.maturity();
            case SEARCH -> g.search(argument, limit);
            case SCORES -> scores(kb, g);
            default -> throw new IllegalStateException(kind.name());
        };
        if (name != null && !name.isBlank()) {
            layer = layer.withName(name);
        }
        writeLayers(List.of(layer), output);
        return ok();
    }

    private Layer scores(KnowledgeBase kb, LayerGenerator g) throws IOException {
        Path file = Path.of(argument);
        String text = argument.equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(file, StandardCharsets.UTF_8);
        ScoreList.Parsed parsed = ScoreList.parse(text, argument, kb);
        report(parsed.issues());
        String stem = file.getFileName() == null ? "scores" : file.getFileName().toString();
        return g.scores(name != null ? name : "Scores from " + stem, parsed.entries());
    }
}
