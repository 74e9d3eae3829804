package org.atlasops.cli.assess;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageCalculator;
import org.atlasops.assess.coverage.CoverageLayers;
import org.atlasops.assess.coverage.CoverageReport;
import org.atlasops.assess.coverage.DettectExport;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.ManualEvidence;
import org.atlasops.assess.dettect.DataSourceAdministration;
import org.atlasops.assess.dettect.DettectReader;
import org.atlasops.assess.dettect.DettectWriter;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.emulation.EmulationEvidence;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess coverage SYSTEM}. */
@Command(
        name = "coverage",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Detection coverage of the techniques that apply to a system: per technique what detects it and how "
                    + "sure we are (Sigma rules' ATLAS tags, tested rules counting more; the AI analyzers; manual "
                    + "DeTT&CT scores), per tactic as a percentage of the applicable techniques, and its trend over the "
                    + "DeTT&CT file's dated history.",
            "Exit code 0; 2 for a bad inventory, DeTT&CT file or rule (file, line and field are named)."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops assess coverage samples/assess/support-bot.yaml --sigma samples/assess/rules \\",
            "      --dettect samples/assess/support-bot-techniques.yaml --layer coverage.json --layer-kind both"
        })
final class CoverageCommand implements Callable<Integer> {
    @ParentCommand
    AssessCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "The system's inventory (YAML or JSON).")
    Path system;

    @Mixin
    EvidenceOptions evidence;

    @Option(
            names = "--dettect",
            paramLabel = "FILE",
            description = "A DeTT&CT techniques administration file (domain atlas-atlas): manual detection scores and "
                    + "visibility, with their dated history.")
    Path dettect;

    @Option(
            names = "--emulation",
            paramLabel = "RUN_DIR",
            description = "An emulation run folder ('emulate run' wrote it; repeatable): detection is run over its "
                    + "telemetry; a technique emulated and detected is proven, one emulated and missed a proven gap, "
                    + "dated with the run.")
    List<Path> emulation = new ArrayList<>();

    @Option(
            names = "--data-sources",
            paramLabel = "FILE",
            description = "A DeTT&CT data sources administration file (domain atlas-atlas), listed in the report.")
    Path dataSources;

    @Option(
            names = "--min-score",
            paramLabel = "N",
            defaultValue = "1",
            description = "The detection score from which a technique counts as detected (default: ${DEFAULT-VALUE}).")
    int minScore;

    @Option(
            names = "--layer-kind",
            paramLabel = "KIND",
            defaultValue = "detection",
            description = "Which coverage layer --layer writes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CoverageLayers.Kind layerKind;

    @Option(
            names = "--write-dettect",
            paramLabel = "FILE",
            description = "Write a DeTT&CT techniques file with today's computed scores added to the history "
                    + "(the --dettect file's own entries are kept).")
    Path writeDettect;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to compute for (default: today).")
    String date;

    @Mixin
    SystemFiles files;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        if (dettect != null) {
            Inputs.file(dettect, "a DeTT&CT techniques administration file (YAML)");
        }
        if (dataSources != null) {
            Inputs.file(dataSources, "a DeTT&CT data sources administration file (YAML)");
        }
        // a folder that is no run (or has no attempts) is named before any work
        List<EmulationEvidence> runs =
                emulation.stream().map(EmulationEvidence::new).toList();
        evidence.check();
        files.check();
        Inputs.file(system, "a system inventory (YAML or JSON, docs/assess.md)");
        if (minScore < -1 || minScore > 5) {
            throw new UserException("--min-score " + minScore + ": a detection score runs from -1 to 5");
        }
        LocalDate today = day();
        KnowledgeBase kb = parent.root.knowledgeBase();
        SystemInventory s = SystemFiles.inventory(system, kb, spec.commandLine().getErr());
        ThreatModel model = files.model(s, kb, spec.commandLine().getErr());
        Optional<TechniqueAdministration> manual =
                Optional.ofNullable(dettect).map(p -> DettectReader.techniques(p, Optional.of(kb)));
        Optional<DataSourceAdministration> ds = Optional.ofNullable(dataSources).map(DettectReader::dataSources);
        List<EvidenceSource> sources = new ArrayList<>(evidence.sources());
        manual.ifPresent(m -> sources.add(new ManualEvidence(m)));
        sources.addAll(runs);
        Coverage c = CoverageCalculator.compute(model, kb, sources, manual, ds, minScore, today);
        String text = switch (report.format.get()) {
            case JSON -> CoverageReport.jsonText(c);
            case MARKDOWN -> CoverageReport.markdown(c);
            case HTML -> CoverageReport.html(c);
            default -> CoverageReport.text(c);
        };
        report.write(text, spec.commandLine().getOut(), spec.commandLine().getErr());
        report.writeLayer(
                CoverageLayers.of(c, kb, layerKind), spec.commandLine().getErr());
        if (writeDettect != null) {
            String yaml = DettectWriter.techniques(DettectExport.merge(manual, c, today));
            AtomicFiles.write(writeDettect, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getErr().println("wrote " + writeDettect);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private LocalDate day() {
        if (date == null) {
            return LocalDate.now(java.time.ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new UserException("--date " + date + ": not a date; give YYYY-MM-DD");
        }
    }
}
