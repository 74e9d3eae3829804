package org.atlasops.assess.coverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.atlasops.assess.AtlasIds;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.pack.RuleTests;
import org.atlasops.detect.sigma.Pipeline;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.SigmaRule;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;

/**
 * Sigma rules by their ATLAS tags ({@code atlas.aml.t0051.000}): the bundled pack and a team's rule folder. A rule
 * whose tests ({@code x.tests.yml} beside {@code x.yml}) all pass scores 3, an untested rule 2, a rule whose tests
 * fail 1. Rules that do not load, and tags naming no technique of the release (with its nearest match), are notes.
 */
public final class SigmaEvidence implements EvidenceSource {
    public static final int TESTED = 3;
    public static final int UNTESTED = 2;
    public static final int FAILING = 1;

    /**
     * A rule file given as text (an upload): its name is only a label in notes and evidence, never a path.
     *
     * @param tests the rule's tests ({@code x.tests.yml}) as text, if any
     */
    public record RuleText(String name, String content, Optional<String> tests) {
        public RuleText {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(content, "content");
            java.util.Objects.requireNonNull(tests, "tests");
        }
    }

    private final boolean pack;
    private final List<Path> teamRules;
    private final List<RuleText> texts;
    private final boolean runTests;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param pack include the bundled rule pack
     * @param teamRules rule files or folders of the team
     * @param runTests run the rules' tests (the pack's take a few seconds); without, every rule counts as untested
     */
    public SigmaEvidence(boolean pack, List<Path> teamRules, boolean runTests) {
        this(pack, teamRules, List.of(), runTests);
    }

    /** As above, with rule files given as text besides (an upload of the team's rule set). */
    public SigmaEvidence(boolean pack, List<Path> teamRules, List<RuleText> texts, boolean runTests) {
        this.pack = pack;
        this.teamRules = List.copyOf(teamRules);
        this.texts = List.copyOf(texts);
        this.runTests = runTests;
    }

    @Override
    public String name() {
        if (!texts.isEmpty()) {
            return "Sigma rules (" + (pack ? "bundled pack and " : "")
                    + String.join(", ", texts.stream().map(RuleText::name).toList()) + ")";
        }
        return "Sigma rules"
                + (pack ? " (bundled pack" + (teamRules.isEmpty() ? ")" : " and " + teamRules + ")") : " " + teamRules);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<Evidence> collect(KnowledgeBase kb) {
        notes.clear();
        Pipeline pipeline = RulePack.pipeline();
        RuleLoader loader = new RuleLoader(Map.of(), pipeline);
        if (pack) {
            RulePack.loadInto(loader);
        }
        List<Path> files = new ArrayList<>();
        for (Path p : teamRules) {
            files.addAll(ruleFiles(p));
        }
        loader.load(files);
        texts.forEach(t -> loader.load(t.content(), t.name()));
        RuleSet rules = loader.build();
        rules.problems().forEach(p -> notes.add(p.toString()));
        Map<String, Boolean> tested = runTests ? testResults(files, pipeline) : Map.of();
        List<Evidence> out = new ArrayList<>();
        for (SigmaRule r : rules.rules()) {
            String file = r.meta().file();
            Optional<Boolean> passed = Optional.ofNullable(tested.get(file));
            int score = passed.map(p -> p ? TESTED : FAILING).orElse(UNTESTED);
            String status =
                    passed.map(p -> p ? "tests pass" : "tests fail").orElse(runTests ? "no tests" : "tests not run");
            for (String tag : r.meta().tags()) {
                if (!tag.toLowerCase(java.util.Locale.ROOT).startsWith(AtlasId.SIGMA_NAMESPACE + ".")) {
                    continue;
                }
                Optional<AtlasId> id = AtlasId.fromSigmaTag(tag);
                if (id.isEmpty() || !(id.get().isTechnique() || id.get().isSubTechnique())) {
                    continue;
                }
                Optional<String> wrong = AtlasIds.problem(kb, id.get().value(), ObjectType.TECHNIQUE);
                if (wrong.isPresent()) {
                    notes.add(file + ":" + r.meta().line() + ": tags: " + wrong.get());
                    continue;
                }
                out.add(new Evidence(
                        id.get(),
                        Evidence.Kind.SIGMA_RULE,
                        score,
                        Optional.empty(),
                        r.title() + " (" + file + ")",
                        status));
            }
        }
        return out;
    }

    private static List<Path> ruleFiles(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> all = Files.walk(p)) {
            return all.filter(Files::isRegularFile)
                    .filter(RuleLoader::isRuleFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new org.atlasops.kb.failure.BadInputException(
                    p + ": cannot read the rule folder: " + e.getMessage(), e);
        }
    }

    /** Per rule file, whether all its tests passed; files without tests are absent. */
    private Map<String, Boolean> testResults(List<Path> files, Pipeline pipeline) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (pack) {
            for (RuleTests.Result r : RuleTests.runPack()) {
                if (r.name().equals("tests") && r.detail().startsWith("no ")) {
                    continue;
                }
                out.merge(r.file(), r.passed(), Boolean::logicalAnd);
            }
        }
        for (Path f : files) {
            Path tests = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.ya?ml$", ".tests.yml"));
            if (!Files.isRegularFile(tests)) {
                continue;
            }
            try {
                String rule = Files.readString(f, StandardCharsets.UTF_8);
                String cases = Files.readString(tests, StandardCharsets.UTF_8);
                for (RuleTests.Result r : RuleTests.run(rule, f.toString(), cases, pipeline, Map.of())) {
                    out.merge(f.toString(), r.passed(), Boolean::logicalAnd);
                    if (!r.passed()) {
                        notes.add(r.toString());
                    }
                }
            } catch (IOException e) {
                notes.add(f + ": cannot read its tests: " + e.getMessage());
            }
        }
        for (RuleText t : texts) {
            if (t.tests().isEmpty()) {
                continue;
            }
            for (RuleTests.Result r :
                    RuleTests.run(t.content(), t.name(), t.tests().get(), pipeline, Map.of())) {
                out.merge(t.name(), r.passed(), Boolean::logicalAnd);
                if (!r.passed()) {
                    notes.add(r.toString());
                }
            }
        }
        return out;
    }
}
