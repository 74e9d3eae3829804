package org.atlasops.cli.assess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atlasops.assess.dettect.DettectReader;
import org.atlasops.assess.dettect.DettectWriter;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.review.CarriedEntry;
import org.atlasops.assess.review.ReleaseReview;
import org.atlasops.assess.review.ReviewReport;
import org.atlasops.assess.review.Reviewer;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.files.AtomicFiles;
import org.atlasops.kb.read.ReleaseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops assess review --from OLD --to NEW SYSTEM}. */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "What a new ATLAS release changes for a system: new techniques that apply, renamed, moved and removed "
                    + "ones, changed maturity and mitigations, the threat model and coverage before and after. "
                    + "Mitigations in the inventory, DeTT&CT scores and CoSAI's mappings are carried across renames and "
                    + "replacements (followed release by release); every carried entry is listed.",
            "The inventory is read as written for the --from release. Releases are bundled or imported ones "
                    + "('atlas-ops kb releases'), or ATLAS data files.",
            "Exit code 0; 2 for bad input."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops assess review --from 5.0.0 --to 5.6.0 samples/assess/support-bot.yaml \\",
            "      --dettect samples/assess/support-bot-techniques.yaml --carry-dettect carried.yaml --layer delta.json"
        })
final class ReviewCommand implements Callable<Integer> {
    @ParentCommand
    AssessCommand parent;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "VERSION",
            description = "The release the system was assessed for.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "VERSION",
            description = "The new release (default: " + ReleaseCatalog.DEFAULT_VERSION + ").")
    String to;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "The system's inventory (YAML or JSON).")
    Path system;

    @Option(
            names = "--dettect",
            paramLabel = "FILE",
            description = "The DeTT&CT techniques file kept for the --from release; its scores are carried.")
    Path dettect;

    @Option(
            names = "--carry-dettect",
            paramLabel = "FILE",
            description = "Write the DeTT&CT file with its techniques carried to the new release's IDs and names.")
    Path carryDettect;

    @Option(names = "--no-coverage", description = "Skip the coverage comparison (rules, analyzers, DeTT&CT scores).")
    boolean noCoverage;

    @Mixin
    EvidenceOptions evidence;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        if (dettect != null) {
            Inputs.file(dettect, "a DeTT&CT techniques administration file (YAML)");
        }
        evidence.check();
        Inputs.file(system, "a system inventory (YAML or JSON, docs/assess.md)");
        Optional<TechniqueAdministration> manual =
                Optional.ofNullable(dettect).map(p -> DettectReader.techniques(p, Optional.empty()));
        ReleaseCatalog catalog = parent.root.catalog();
        KnowledgeBase older = catalog.loadVersionOrFile(from);
        KnowledgeBase newer = catalog.loadVersionOrFile(to != null ? to : ReleaseCatalog.DEFAULT_VERSION);
        if (ReleaseCatalog.compareVersions(older.version(), newer.version()) >= 0) {
            throw new UserException("--from " + older.version() + " is not older than --to " + newer.version()
                    + "; a review goes from the release you assessed to a newer one");
        }
        SystemInventory s =
                SystemFiles.inventory(system, older, spec.commandLine().getErr());
        List<KnowledgeBase> path = catalog.upgradePath(older, newer);
        ReleaseReview r = new Reviewer(path, org.atlasops.assess.threatmodel.Weights.DEFAULT)
                .review(
                        s,
                        manual,
                        noCoverage ? List.of() : evidence.sources(),
                        LocalDate.now(java.time.ZoneOffset.UTC));
        String text = switch (report.format.get()) {
            case JSON -> ReviewReport.jsonText(r);
            case MARKDOWN -> ReviewReport.markdown(r);
            case HTML -> ReviewReport.html(r);
            default -> ReviewReport.text(r);
        };
        report.write(text, spec.commandLine().getOut(), spec.commandLine().getErr());
        report.writeLayer(ReviewReport.deltaLayer(r, newer), spec.commandLine().getErr());
        if (carryDettect != null) {
            TechniqueAdministration carried = r.carriedManual()
                    .orElseThrow(() -> new UserException("--carry-dettect needs --dettect FILE, the file to carry"));
            AtomicFiles.write(carryDettect, DettectWriter.techniques(carried).getBytes(StandardCharsets.UTF_8));
            long changed = r.carried().stream()
                    .filter(c -> c.what().equals("DeTT&CT score"))
                    .filter(CarriedEntry::carried)
                    .count();
            spec.commandLine()
                    .getErr()
                    .println("wrote " + carryDettect + " ("
                            + carried.techniques().size() + " techniques, " + changed
                            + " of them carried across a rename, move or replacement)");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
