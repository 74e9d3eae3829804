package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.atlasops.assess.coverage.AnalyzerEvidence;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.SigmaEvidence;
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

    void check() {
        sigma.forEach(Inputs::rules);
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
