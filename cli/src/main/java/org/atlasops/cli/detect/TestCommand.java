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
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path rule : files.filter(Files::isRegularFile)
                            .filter(RuleLoader::isRuleFile)
                            .sorted()
                            .toList()) {
                        Path tests = rule.resolveSibling(
                                rule.getFileName().toString().replaceFirst("\\.ya?ml$", ".tests.yml"));
                        if (!Files.exists(tests)) {
                            results.add(new RuleTests.Result(rule.toString(), "tests", false, "no " + tests));
                            continue;
                        }
                        results.addAll(RuleTests.run(
                                Files.readString(rule, StandardCharsets.UTF_8),
                                rule.toString(),
                                Files.readString(tests, StandardCharsets.UTF_8),
                                ruleOptions.pipeline(),
                                ruleOptions.placeholders()));
                    }
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
}
