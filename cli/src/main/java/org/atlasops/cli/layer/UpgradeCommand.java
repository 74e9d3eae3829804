package org.atlasops.cli.layer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.atlasops.cli.JsonOutput;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.upgrade.LayerUpgrader;
import org.atlasops.navigator.upgrade.UpgradeChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layer upgrade LAYER --to VERSION}: carries a layer to another ATLAS release and says what changed. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Carry a layer's annotations to another ATLAS release: renamed tactics (ml-model-access -> "
                    + "ai-model-access), techniques that changed tactic, and removed techniques with a successor (found "
                    + "release by release through every release in between). Every change is listed on stderr; "
                    + "annotations that cannot be carried are listed with the reason and kept in --report.",
            "Exit code 0 when everything was carried, 1 when something could not be."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops layer upgrade old-coverage.json --to 5.6.0 -o coverage.json " + "--report upgrade.json"
        })
final class UpgradeCommand extends LayerSubcommand {
    @Parameters(paramLabel = "LAYER", description = "The layer file.")
    Path file;

    @Option(
            names = "--to",
            paramLabel = "VERSION",
            defaultValue = ReleaseCatalog.DEFAULT_VERSION,
            description = "Target release (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(
            names = "--from",
            paramLabel = "VERSION",
            description = "The layer's release, when its metadata does not say (atlas_data_version).")
    String from;

    @Option(names = "--layer", paramLabel = "N", description = "Which layer of a multi-layer file (from 1).")
    Integer layerNumber;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the layer here (default: stdout).")
    Path output;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write a JSON report: every change and every entry not carried, in full.")
    Path report;

    @Override
    int execute() {
        Layer layer = readOne(file, layerNumber);
        String source = from != null
                ? from
                : layer.atlasVersion()
                        .orElseThrow(
                                () -> usage(
                                        file + ": the layer does "
                                                + "not name its ATLAS release (metadata atlas_data_version); say it with --from VERSION"));
        ReleaseCatalog catalog = root().catalog();
        KnowledgeBase fromKb = catalog.load(source);
        KnowledgeBase toKb = catalog.load(to);
        if (ReleaseCatalog.compareVersions(fromKb.version(), toKb.version()) > 0) {
            err().println("atlas-ops: note: downgrading from ATLAS " + fromKb.version() + " to " + toKb.version());
        }
        List<KnowledgeBase> steps = catalog.upgradePath(fromKb, toKb);
        LayerUpgrader.Result r = new LayerUpgrader(steps).upgrade(layer);
        r.changes().forEach(c -> err().println(c));
        err().println("ATLAS " + fromKb.version() + " -> " + toKb.version() + ": "
                + r.layer().techniques().size()
                + " entries written, " + r.unchanged() + " unchanged, "
                + r.changes().size() + " change(s), "
                + r.notCarried().size() + " not carried");
        writeLayers(List.of(r.layer()), output);
        if (report != null) {
            writeText(report(r, fromKb.version(), toKb.version()), report);
        }
        return r.notCarried().isEmpty() ? ok() : org.atlasops.cli.ExitCodes.FINDINGS;
    }

    private static String report(LayerUpgrader.Result r, String from, String to) {
        ObjectNode n = JsonOutput.object().put("from", from).put("to", to).put("unchanged", r.unchanged());
        ArrayNode changes = n.putArray("changes");
        for (UpgradeChange c : r.changes()) {
            changes.addObject()
                    .put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("entry", c.entry())
                    .put("detail", c.detail());
        }
        ArrayNode lost = n.putArray("notCarried");
        for (TechniqueAnnotation a : r.notCarried()) {
            lost.add(LayerWriter.technique(a));
        }
        return JsonOutput.text(n) + "\n";
    }
}
