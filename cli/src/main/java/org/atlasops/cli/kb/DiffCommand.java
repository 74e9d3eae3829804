package org.atlasops.cli.kb;

import java.util.List;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.diff.Differ;
import org.atlasops.kb.diff.FieldChange;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.kb.diff.ReleaseDiff;
import org.atlasops.kb.json.ObjectJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kb diff OLD NEW}: what changed between two releases. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare two releases: objects added, removed (with their successor when one has the same "
                    + "name), renamed or changed (description, tactics, maturity, mitigation links, procedures...).",
            "OLD and NEW are release versions (5.6.0) or files. Objects are matched by ID and releases named by "
                    + "their 'version' field, never by file name."
        })
final class DiffCommand extends KbSubcommand {
    @Parameters(index = "0", paramLabel = "OLD", description = "Older release: a version or a file.")
    String older;

    @Parameters(index = "1", paramLabel = "NEW", description = "Newer release: a version or a file.")
    String newer;

    @Option(
            names = {"-t", "--type"},
            paramLabel = "TYPE",
            converter = ObjectTypes.class,
            completionCandidates = ObjectTypes.class,
            description = "Only these kinds (repeatable): tactic, technique, sub-technique, mitigation, case-study.")
    java.util.Set<ObjectType> types;

    @Option(names = "--summary", description = "Only the counts per kind (text output).")
    boolean summary;

    @Mixin
    FormatOption<OutputFormat> format = FormatOption.of(OutputFormat.TEXT, OutputFormat.JSON);

    @Override
    int execute() {
        KnowledgeBase a = root().catalog().loadVersionOrFile(older);
        KnowledgeBase b = root().catalog().loadVersionOrFile(newer);
        ReleaseDiff full = Differ.diff(a, b);
        ReleaseDiff diff = types == null
                ? full
                : new ReleaseDiff(
                        full.oldVersion(),
                        full.newVersion(),
                        full.changes().stream()
                                .filter(c -> types.contains(c.type()))
                                .toList(),
                        full.tacticOrderChanged() && types.contains(ObjectType.TACTIC),
                        full.oldTacticOrder(),
                        full.newTacticOrder(),
                        full.successors());
        if (format.get() == OutputFormat.JSON) {
            KbJson.print(out(), ObjectJson.diff(diff));
        } else {
            text(diff);
        }
        return ok();
    }

    private void text(ReleaseDiff d) {
        out().println(Terminal.bold("ATLAS " + d.oldVersion() + " → " + d.newVersion()));
        if (d.isEmpty()) {
            out().println("No differences.");
            return;
        }
        String[][] groups = {
            {"Tactics", "TACTIC"},
            {"Techniques", "TECHNIQUE"},
            {"Sub-techniques", "SUB_TECHNIQUE"},
            {"Mitigations", "MITIGATION"},
            {"Case studies", "CASE_STUDY"}
        };
        for (String[] g : groups) {
            ObjectType type = ObjectType.valueOf(g[1]);
            List<ObjectChange> added = d.of(type, ObjectChange.Kind.ADDED);
            List<ObjectChange> removed = d.of(type, ObjectChange.Kind.REMOVED);
            List<ObjectChange> changed = d.of(type, ObjectChange.Kind.CHANGED);
            if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
                continue;
            }
            out().println();
            out().println(Terminal.bold(g[0]) + ": " + added.size() + " added, " + removed.size() + " removed, "
                    + changed.stream().filter(ObjectChange::renamed).count() + " renamed, " + changed.size()
                    + " changed");
            if (summary) {
                continue;
            }
            added.forEach(c -> out().println("  + " + c.id() + "  " + c.newName()));
            removed.forEach(c -> out().println("  - " + c.id() + "  " + c.oldName()
                    + (d.successors().containsKey(c.id())
                            ? "  (now " + d.successors().get(c.id()) + ")"
                            : "")));
            List<String> onlyDescription = new java.util.ArrayList<>();
            for (ObjectChange c : changed) {
                if (!c.renamed()
                        && c.fields().size() == 1
                        && c.field("description").isPresent()) {
                    onlyDescription.add(c.id().value());
                    continue;
                }
                out().println("  ~ " + c.id() + "  " + (c.renamed() ? c.oldName() + " → " + c.newName() : c.newName()));
                for (FieldChange f : c.fields()) {
                    if (!f.field().equals("name")) {
                        out().println("      " + describe(f));
                    }
                }
            }
            if (!onlyDescription.isEmpty()) {
                List<String> lines = new java.util.ArrayList<>();
                org.atlasops.cli.terminal.TerminalMarkdown.wrap(
                        "only the description changed: " + String.join(", ", onlyDescription),
                        lines,
                        Terminal.width(),
                        "  ~ ",
                        "    ");
                lines.forEach(out()::println);
            }
        }
        if (d.tacticOrderChanged()) {
            out().println();
            out().println("Matrix column order changed: "
                    + String.join(
                            " ", d.newTacticOrder().stream().map(AtlasId::value).toList()));
        }
    }

    private static String describe(FieldChange f) {
        if (!f.added().isEmpty() || !f.removed().isEmpty()) {
            String s = f.field() + ":";
            if (!f.added().isEmpty()) {
                s += " +" + String.join(" +", f.added());
            }
            if (!f.removed().isEmpty()) {
                s += " -" + String.join(" -", f.removed());
            }
            return f.field().equals("use") ? "use text changed for " + String.join(", ", f.added()) : s;
        }
        if (f.field().equals("description")) {
            return "description changed";
        }
        return f.field() + ": " + (f.before().isEmpty() ? "(none)" : f.before()) + " → "
                + (f.after().isEmpty() ? "(none)" : f.after());
    }
}
