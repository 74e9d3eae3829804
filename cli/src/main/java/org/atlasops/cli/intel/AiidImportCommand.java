package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.intel.aiid.AiidSnapshot;
import org.atlasops.intel.search.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intel import aiid PATH}: an AI Incident Database snapshot, read at run time and never bundled. */
@Command(
        name = "aiid",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a weekly AI Incident Database snapshot (backup-YYYYMMDD.tar.bz2 from "
                    + "incidentdatabase.ai/research/snapshots, the folder it unpacks to, or its incidents.csv): "
                    + "incidents, reports and classifications. Suggests ATLAS techniques (inferred) for the "
                    + "security-relevant incidents and keeps a copy of the CSVs, with the attribution, for 'intel "
                    + "search'. The data is CC BY-SA 4.0: atlas-ops never ships it.",
            "Example: atlas-ops intel import aiid backup-20260302.tar.bz2"
        })
final class AiidImportCommand implements Callable<Integer> {
    @ParentCommand
    IntelImportCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The snapshot archive, its folder, or its incidents.csv.")
    Path snapshot;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Override
    public Integer call() {
        boolean json = format.get().equals("json");
        var root = parent.intel.root;
        AiidSnapshot s = new Library(root.dataDir()).importAiid(snapshot, root.knowledgeBase());
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = JsonOutput.object()
                    .put("source", s.source())
                    .put("incidents", s.incidents().size())
                    .put("security_relevant", s.securityRelevant())
                    .put("licence", AiidSnapshot.LICENCE)
                    .put("attribution", AiidSnapshot.ATTRIBUTION);
            s.problems().forEach(n.putArray("problems")::add);
            JsonOutput.print(out, n);
            return ExitCodes.OK;
        }
        out.println("Read " + s.incidents().size() + " AIID incident(s) from " + snapshot + "; " + s.securityRelevant()
                + " look security-relevant and get inferred ATLAS techniques.");
        if (!s.problems().isEmpty()) {
            out.println(s.problems().size() + " row(s) with problems (the rest was kept):");
            s.problems().stream().limit(20).forEach(p -> out.println("  " + p));
        }
        out.println(AiidSnapshot.ATTRIBUTION);
        return ExitCodes.OK;
    }
}
