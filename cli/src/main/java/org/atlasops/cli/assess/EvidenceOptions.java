package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atlasops.assess.coverage.AnalyzerEvidence;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.SigmaEvidence;
import org.atlasops.cli.UserException;
import org.atlasops.detect.pack.RulePack;
import org.atlasops.detect.sigma.RuleLoader;
import picocli.CommandLine.Option;

/** Where automatic detection evidence comes from. */
final class EvidenceOptions {
    @Option(
            names = "--sigma",
            paramLabel = "PATH",
            description = "The team's Sigma rules (a file or a folder; repeatable). Rules with a passing x.tests.yml "
                    + "beside them count more.")
    List<Path> sigma = new ArrayList<>();

    @Option(names = "--no-pack", description = "Leave the bundled rule pack out.")
    boolean noPack;

    @Option(
            names = "--no-analyzers",
            description = "Leave the AI analyzers (prompt detector, canaries, MCP scanner) out.")
    boolean noAnalyzers;

    @Option(
            names = "--no-rule-tests",
            description = "Do not run the rules' tests (faster; every rule counts as untested).")
    boolean noRuleTests;

    @Option(
            names = "--skip-bad-rules",
            description = "Count the team's rules that load and list the others as notes in the report (default: a "
                    + "rule that does not load is an error, exit 2).")
    boolean skipBadRules;

    void check() {
        sigma.forEach(Inputs::rules);
        if (skipBadRules || sigma.isEmpty()) {
            return;
        }
        // loaded as the evidence will load them, so a broken rule stops the run instead of becoming a late note
        RuleLoader loader = new RuleLoader(Map.of(), RulePack.pipeline());
        sigma.forEach(loader::load);
        loader.build().problems().stream().findFirst().ifPresent(p -> {
            throw new UserException(p + "; fix the rule, or give --skip-bad-rules to leave it out");
        });
    }

    List<EvidenceSource> sources() {
        List<EvidenceSource> out = new ArrayList<>();
        if (!noPack || !sigma.isEmpty()) {
            out.add(new SigmaEvidence(!noPack, sigma, !noRuleTests));
        }
        if (!noAnalyzers) {
            out.add(new AnalyzerEvidence());
        }
        return out;
    }
}
