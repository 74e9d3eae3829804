package org.atlasops.cli.intel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.JsonOutput;
import org.atlasops.intel.avid.AvidFlaw;
import org.atlasops.intel.avid.AvidSnapshot;
import org.atlasops.intel.mapping.Basis;
import org.atlasops.intel.search.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intel import avid DIR}: a newer clone of avidml/avid-db replaces the bundled snapshot in the search. */
@Command(
        name = "avid",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a clone of github.com/avidml/avid-db (every data version, 0.1 to 0.3.3), reports its flaws "
                    + "(duplicate, missing, empty and mismatched IDs, unreadable files) instead of failing, suggests "
                    + "ATLAS techniques (marked inferred) where a record names none, and uses it for 'intel search' "
                    + "from now on instead of the bundled snapshot.",
            "Example: git clone https://github.com/avidml/avid-db && atlas-ops intel import avid avid-db"
        })
final class AvidImportCommand implements Callable<Integer> {
    @ParentCommand
    IntelImportCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "DIR",
            description = "A clone of the AVID repository (with reports/ and vulnerabilities/).")
    Path dir;

    @Mixin
    FormatOption<String> format = FormatOption.of("text", "json");

    @Option(names = "--all-flaws", description = "List every flaw (the first 20 otherwise).")
    boolean allFlaws;

    @Override
    public Integer call() {
        boolean json = format.get().equals("json");
        var root = parent.intel.root;
        AvidSnapshot s = new Library(root.dataDir()).importAvid(dir, root.knowledgeBase());
        long official = s.records().stream()
                .filter(r -> r.techniques().stream().anyMatch(t -> t.basis() == Basis.OFFICIAL))
                .count();
        long inferred = s.records().stream()
                .filter(r ->
                        !r.techniques().isEmpty() && r.techniques().stream().allMatch(t -> t.basis() == Basis.INFERRED))
                .count();
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = JsonOutput.object()
                    .put("source", s.source())
                    .put("records", s.records().size())
                    .put("official_mapping", official)
                    .put("inferred_mapping", inferred)
                    .put("licence", AvidSnapshot.LICENCE);
            ObjectNode v = n.putObject("data_versions");
            s.versions().forEach(v::put);
            ObjectNode fc = n.putObject("flaw_counts");
            s.flawCounts().forEach((k, c) -> fc.put(k.name().toLowerCase(java.util.Locale.ROOT), c));
            ArrayNode flaws = n.putArray("flaws");
            for (AvidFlaw f : s.flaws()) {
                flaws.addObject()
                        .put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .put("where", f.where())
                        .put("message", f.message());
            }
            JsonOutput.print(out, n);
            return ExitCodes.OK;
        }
        out.println("Read " + s.records().size() + " AVID record(s) from " + dir + " (" + AvidSnapshot.LICENCE + ").");
        out.println("Data versions: " + RiskSearchCommand.counts(s.versions()));
        out.println("ATLAS techniques: " + official + " record(s) with an official mapping, " + inferred
                + " with inferred suggestions only, " + (s.records().size() - official - inferred) + " with none.");
        out.println("Flaws: " + (s.flaws().isEmpty() ? "none" : RiskSearchCommand.counts(s.flawCounts())));
        s.flaws().stream().limit(allFlaws ? Long.MAX_VALUE : 20).forEach(f -> out.println("  " + f));
        if (!allFlaws && s.flaws().size() > 20) {
            out.println("  ... and " + (s.flaws().size() - 20) + " more (--all-flaws lists them)");
        }
        out.println("'atlas-ops intel search' uses this clone from now on.");
        return ExitCodes.OK;
    }
}
