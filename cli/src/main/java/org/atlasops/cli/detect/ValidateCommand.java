package org.atlasops.cli.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detect validate DIR…}: parse and compile every rule, report each problem with file:line. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Parse and compile every Sigma rule, filter and correlation under the folders or files; "
                    + "report each problem with file:line, the field and what is allowed.",
            "Exit code 0: all loaded; 1: some did not."
        })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule folders or files.")
    List<Path> paths;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json")
            .described("text or json: {\"rules\": N, \"loaded\": M, \"errors\": [{file, line, message}]}");

    @Option(
            names = "--placeholders",
            paramLabel = "FILE",
            description = "Values for %%name%% placeholders; without them |expand rules cannot load.")
    Path placeholders;

    @Override
    public Integer call() {
        RuleOptions options = new RuleOptions();
        options.placeholders = placeholders;
        RuleLoader loader = new RuleLoader(options.placeholders(), org.atlasops.detect.sigma.Pipeline.NONE);
        for (Path p : paths) {
            RuleFiles.check(p, "give Sigma rule files (.yml) or folders of them", true);
            loader.load(p);
        }
        RuleSet set = loader.build();
        // a file that is not YAML at all counts as one rule that did not load
        long unparsable = set.problems().stream()
                .filter(pr -> pr.message().startsWith("not valid YAML")
                        || pr.message().startsWith("no YAML document")
                        || pr.message().startsWith("cannot read"))
                .count();
        long total = set.documents() + unparsable;
        var out = spec.commandLine().getOut();
        if (format.get().equals("json")) {
            ObjectNode n = JsonOutput.object().put("rules", total).put("loaded", set.loaded());
            ArrayNode errors = n.putArray("errors");
            set.problems()
                    .forEach(p -> errors.addObject()
                            .put("file", p.file())
                            .put("line", p.line())
                            .put("message", p.message()));
            JsonOutput.print(out, n);
        } else {
            set.problems().forEach(out::println);
            out.printf(
                    "%d of %d rule documents loaded (%.2f%%): %d rules, %d filters, %d correlations%n",
                    set.loaded(),
                    total,
                    total == 0 ? 100.0 : 100.0 * set.loaded() / total,
                    set.rules().size(),
                    set.filters().size(),
                    set.correlations().size());
        }
        out.flush();
        return set.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
