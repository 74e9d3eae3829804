package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.UserException;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.cli.terminal.TerminalMarkdown;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.crosswalk.Crosswalk;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.crosswalk.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kb crosswalk ID}: what other frameworks say about an ID. */
@Command(
        name = "crosswalk",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show the crosswalk entries of an ATLAS, OWASP LLM Top 10 (2025), NIST AI RMF 1.0, ATT&CK or "
                    + "CoSAI Risk Map ID, in both directions.",
            "Examples: AML.T0051, LLM01, MEASURE-2.3 (or MS-2.3), T1596, riskPromptInjection.",
            "Sources: the ATLAS release's ATT&CK references; the CoSAI Risk Map (risks and controls mapped to "
                    + "ATLAS, OWASP, NIST AI RMF and STRIDE); the NIST AI RMF core."
        })
final class CrosswalkCommand extends KbSubcommand {
    @Parameters(paramLabel = "ID", description = "The ID to look up.")
    String id;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase kb = knowledgeBase();
        Crosswalk cw = Crosswalk.of(kb);
        CrosswalkEntry self = cw.describe(id)
                .orElseThrow(() -> new UserException("'" + id + "' is not an ID the "
                        + "crosswalk knows; give an ATLAS (AML.T0051), OWASP LLM (LLM01), NIST AI RMF (MEASURE 2.3), ATT&CK "
                        + "(T1596) or CoSAI (riskPromptInjection) ID"));
        List<CrosswalkEntry> entries = cw.lookup(id);
        if (self.title().isBlank() && entries.isEmpty()) { // well-formed, but no framework defines it
            throw new UserException("'" + id + "' is not in " + self.framework().title() + " as the crosswalk knows it"
                    + "; 'atlas-ops kb list' and the framework's own list name the IDs (e.g. LLM01 to LLM10)");
        }
        if (format.get() == OutputFormat.JSON) {
            ObjectNode n = KbJson.object()
                    .put("id", self.id())
                    .put("framework", self.framework().title())
                    .put("title", self.title())
                    .put("atlas_version", kb.version());
            ArrayNode a = n.putArray("entries");
            for (CrosswalkEntry e : entries) {
                a.addObject()
                        .put("framework", e.framework().title())
                        .put("id", e.id())
                        .put("title", e.title())
                        .put("via", e.via())
                        .put("in_atlas_release", e.inRelease());
            }
            KbJson.print(out(), n);
            return ok();
        }
        out().println(Terminal.bold(self.id() + "  " + self.title()) + "  ("
                + self.framework().title() + ")");
        if (entries.isEmpty()) {
            out().println("No crosswalk entries.");
        } else {
            printEntries(out(), entries, Terminal.width());
        }
        long missing = entries.stream().filter(e -> !e.inRelease()).count();
        if (missing > 0) {
            out().println();
            out().println("note: " + missing + " ATLAS ID(s) above are not in ATLAS " + kb.version()
                    + " (marked 'not in this release'); the mapping data names them");
        }
        return ok();
    }

    /** Entries grouped by what joins them (a CoSAI risk or control, or an ATT&CK reference). */
    static void printEntries(PrintWriter out, List<CrosswalkEntry> entries, int width) {
        Map<String, List<CrosswalkEntry>> byVia = new LinkedHashMap<>();
        for (CrosswalkEntry e : entries) {
            // A CoSAI risk or control already heads its own group.
            if (e.framework() != Framework.COSAI
                    || entries.stream().noneMatch(x -> x.via().contains(e.id() + " ("))) {
                byVia.computeIfAbsent(e.via(), k -> new ArrayList<>()).add(e);
            }
        }
        int idWidth = byVia.values().stream()
                .flatMap(List::stream)
                .mapToInt(e -> e.id().length())
                .max()
                .orElse(10);
        for (Map.Entry<String, List<CrosswalkEntry>> g : byVia.entrySet()) {
            out.println("  via " + g.getKey() + ":");
            for (CrosswalkEntry e : g.getValue()) {
                String line = String.format(
                        "    %-26s %-" + idWidth + "s  %s",
                        e.framework().title(),
                        e.id(),
                        TerminalMarkdown.plain(e.title()) + (e.inRelease() ? "" : " (not in this release)"));
                line = line.stripTrailing();
                out.println(line.length() > width ? line.substring(0, width - 1) + "…" : line);
            }
        }
    }
}
