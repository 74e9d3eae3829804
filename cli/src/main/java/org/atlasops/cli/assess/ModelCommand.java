package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.assess.threatmodel.EvidenceCounts;
import org.atlasops.assess.threatmodel.RegisterEvidence;
import org.atlasops.assess.threatmodel.ThreatLayer;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatReport;
import org.atlasops.cli.ExitCodes;
import org.atlasops.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess model SYSTEM}. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The threat model of a system: every technique of the release that applies, why (the component and "
                    + "attribute that made it apply), its priority with the parts that make it (exposure, maturity, "
                    + "real-world evidence, control gap), and the ATLAS mitigations to apply first with their advice.",
            "With --register, the incidents of the team's register that used a technique count as real-world "
                    + "evidence beside the ATLAS case studies.",
            "Exit code 0; 2 for a bad inventory, rule set or weights file (file, line and field are named)."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops assess model samples/assess/support-bot.yaml --format html -o model.html --layer threats.json"
        })
final class ModelCommand implements Callable<Integer> {
    @ParentCommand
    AssessCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "The system's inventory (YAML or JSON).")
    Path system;

    @Mixin
    SystemFiles files;

    @Mixin
    ReportOptions report;

    @Mixin
    RegisterSource source;

    @Override
    public Integer call() {
        files.check();
        source.check();
        Inputs.file(system, "a system inventory (YAML or JSON, docs/assess.md)");
        KnowledgeBase kb = parent.root.knowledgeBase();
        SystemInventory s = SystemFiles.inventory(system, kb, spec.commandLine().getErr());
        EvidenceCounts evidence = source.register
                ? RegisterEvidence.of(source.entries(parent.root).stream()
                        .map(RegisterTimelines.Entry::incident)
                        .toList())
                : EvidenceCounts.NONE;
        ThreatModel m = files.model(s, kb, evidence, spec.commandLine().getErr());
        String text = switch (report.format.get()) {
            case JSON -> ThreatReport.jsonText(m);
            case MARKDOWN -> ThreatReport.markdown(m);
            case HTML -> ThreatReport.html(m);
            default -> ThreatReport.text(m);
        };
        report.write(text, spec.commandLine().getOut(), spec.commandLine().getErr());
        report.writeLayer(ThreatLayer.of(m, kb), spec.commandLine().getErr());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
