package org.atlasops.cli.detect;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atlasops.cli.UserException;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.sigma.Pipeline;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.YamlDocuments;
import picocli.CommandLine.Option;

/** Where rules come from and how they are compiled: shared by scan, stream and rules. */
final class RuleOptions {
    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description = "Sigma rules (a folder or file; " + "repeatable). Default: the bundled ATLAS pack.")
    List<Path> rules;

    @Option(names = "--with-pack", description = "With --rules: load the bundled ATLAS pack too.")
    boolean withPack;

    @Option(
            names = "--pipeline",
            paramLabel = "FILE",
            description = "Field mappings and logsource conditions "
                    + "(docs/detect.md); 'none' for no pipeline. Default: the bundled atlas-telemetry pipeline.")
    String pipeline;

    @Option(
            names = "--placeholders",
            paramLabel = "FILE",
            description = "Values for %%name%% placeholders of |expand rules (YAML: name: [values]).")
    Path placeholders;

    Pipeline pipeline() {
        if (pipeline == null) {
            return RulePack.pipeline();
        }
        return pipeline.equals("none") ? Pipeline.NONE : Pipeline.load(Path.of(pipeline));
    }

    Map<String, List<String>> placeholders() {
        if (placeholders == null) {
            return Map.of();
        }
        RuleFiles.check(placeholders, "--placeholders takes a YAML file of name: [values]", false);
        try {
            return YamlDocuments.placeholders(
                    Files.readString(placeholders, StandardCharsets.UTF_8), placeholders.toString());
        } catch (IOException e) {
            throw new UserException(placeholders + ": cannot read: " + RuleFiles.reason(e));
        }
    }

    /**
     * The rules a scan or a stream runs: loaded, each rule not loaded reported on {@code err}, one per line, and
     * refused when none loaded.
     */
    RuleSet toRun(PrintWriter err) {
        RuleSet loaded = load();
        if (loaded.rules().isEmpty() && loaded.problems().size() == 1) {
            throw new UserException("rule not loaded: " + loaded.problems().get(0) + "; no rule left to run");
        }
        loaded.problems().forEach(p -> err.println("atlas-ops: rule not loaded: " + p));
        if (loaded.rules().isEmpty()) {
            throw new UserException("no rule loaded; 'atlas-ops detect validate' says why");
        }
        return loaded;
    }

    RuleSet load() {
        RuleLoader loader = new RuleLoader(placeholders(), pipeline());
        if (rules == null || rules.isEmpty() || withPack) {
            RulePack.loadInto(loader);
        }
        if (rules != null) {
            for (Path p : rules) {
                RuleFiles.check(p, "--rules takes Sigma rule files (.yml) or folders of them", true);
                loader.load(p);
            }
        }
        return loader.build();
    }
}
