package org.atlasops.cli.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.atlasops.cli.ExitCodes;
import org.atlasops.detect.pack.RuleTests;
import org.atlasops.detect.sigma.RuleLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detect test [DIR…]}: run each rule's sample events (x.tests.yml beside x.yml). */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run rule tests: for each rule file x.yml, the cases in x.tests.yml beside it (name, expect: "
                    + "match|no_match, events). Without a folder: the bundled ATLAS pack.",
            "Benign corpora (JSON lines of ordinary traffic) fail a rule that alerts on any of their events: "
                    + "x.benign.jsonl beside x.yml for that rule, and every *.jsonl in a folder named 'benign' under "
                    + "DIR for every rule of DIR. The bundled pack brings its own.",
            "Exit code 0: every case passed; 1: some failed."
        })
final class TestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "Folders of rules with tests.")
    List<Path> dirs;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print failures only.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        ruleOptions.placeholders(); // a bad --placeholders file is named before any test runs
        if (ruleOptions.rules != null && !ruleOptions.rules.isEmpty()) { // --rules DIR is the same as DIR
            List<Path> all = new ArrayList<>(dirs == null ? List.of() : dirs);
            all.addAll(ruleOptions.rules);
            dirs = all;
        }
        List<RuleTests.Result> results = new ArrayList<>();
        if (dirs == null || dirs.isEmpty()) {
            results.addAll(RuleTests.runPack());
        } else {
            for (Path dir : dirs) {
                RuleFiles.check(
                        dir, "give folders of Sigma rules with their tests (rule.yml beside rule.tests.yml)", true);
                List<Path> all;
                try (Stream<Path> files = Files.walk(dir)) {
                    all = files.filter(Files::isRegularFile).sorted().toList();
                }
                List<RuleTests.BenignCorpus> shared = new ArrayList<>();
                for (Path p : all) {
                    if (isSharedBenign(dir, p)) {
                        shared.add(corpus(p));
                    }
                }
                for (Path rule : all.stream().filter(RuleLoader::isRuleFile).toList()) {
                    Path tests =
                            rule.resolveSibling(rule.getFileName().toString().replaceFirst("\\.ya?ml$", ".tests.yml"));
                    if (!Files.exists(tests)) {
                        results.add(new RuleTests.Result(rule.toString(), "tests", false, "no " + tests));
                        continue;
                    }
                    List<RuleTests.BenignCorpus> benign = new ArrayList<>(shared);
                    Path own = rule.resolveSibling(
                            rule.getFileName().toString().replaceFirst("\\.ya?ml$", ".benign.jsonl"));
                    if (Files.exists(own)) {
                        benign.add(corpus(own));
                    }
                    results.addAll(RuleTests.run(
                            Files.readString(rule, StandardCharsets.UTF_8),
                            rule.toString(),
                            Files.readString(tests, StandardCharsets.UTF_8),
                            ruleOptions.pipeline(),
                            ruleOptions.placeholders(),
                            benign));
                }
            }
        }
        var out = spec.commandLine().getOut();
        long failed = results.stream().filter(r -> !r.passed()).count();
        results.stream().filter(r -> !quiet || !r.passed()).forEach(out::println);
        long files = results.stream().map(RuleTests.Result::file).distinct().count();
        out.println(results.size() - failed + " of " + results.size() + " cases passed in " + files + " rule files");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** A {@code *.jsonl} file inside a folder named {@code benign} below the given folder. */
    private static boolean isSharedBenign(Path dir, Path file) {
        if (!file.getFileName().toString().endsWith(".jsonl")) {
            return false;
        }
        for (Path part : dir.relativize(file.getParent() == null ? file : file.getParent())) {
            if (part.toString().equals("benign")) {
                return true;
            }
        }
        return false;
    }

    private static RuleTests.BenignCorpus corpus(Path file) throws IOException {
        return new RuleTests.BenignCorpus(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
