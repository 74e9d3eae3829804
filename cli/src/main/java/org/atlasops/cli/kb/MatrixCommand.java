package org.atlasops.cli.kb;

import java.util.ArrayList;
import java.util.List;
import org.atlasops.cli.FormatOption;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.json.ObjectJson;
import org.atlasops.navigator.export.CsvCell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kb matrix}: the ATLAS matrix, tactics as columns. */
@Command(
        name = "matrix",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the ATLAS matrix: one column per tactic, in ATLAS order, with its techniques.",
            "In a terminal the columns are laid out in bands that fit its width ($COLUMNS)."
        })
final class MatrixCommand extends KbSubcommand {
    @Mixin
    FormatOption<OutputFormat> format =
            FormatOption.of(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON, OutputFormat.MD);

    @Option(
            names = {"-s", "--subtechniques"},
            description = "List sub-techniques under their parents.")
    boolean subtechniques;

    @Option(
            names = "--include-deprecated",
            description = "Also show techniques the data marks deprecated (6.x data only); hidden by default.")
    boolean includeDeprecated;

    @Option(
            names = "--column-width",
            defaultValue = "28",
            description = "Text column width (default: ${DEFAULT-VALUE}).")
    int columnWidth;

    @Override
    int execute() {
        KnowledgeBase kb = knowledgeBase();
        List<Tactic> tactics = kb.tactics();
        List<List<String>> cells = new ArrayList<>();
        for (Tactic t : tactics) {
            List<String> col = new ArrayList<>();
            for (Technique tech : kb.techniquesIn(t.id())) {
                if (tech.deprecated() && !includeDeprecated) {
                    continue;
                }
                if (!tech.isSubTechnique()) {
                    col.add(tech.id() + " " + tech.name());
                } else if (subtechniques) {
                    col.add("  " + tech.id() + " " + tech.name());
                }
            }
            cells.add(col);
        }
        switch (format.get()) {
            case JSON -> json(kb);
            case CSV -> grid(tactics, cells, ",", true);
            case MD -> grid(tactics, cells, " | ", false);
            default -> text(kb, tactics, cells);
        }
        return ok();
    }

    /** The same document as the API's matrix ({@link ObjectJson#matrix}). */
    private void json(KnowledgeBase kb) {
        KbJson.print(out(), ObjectJson.matrix(kb, includeDeprecated));
    }

    private void grid(List<Tactic> tactics, List<List<String>> cells, String sep, boolean csv) {
        int rows = cells.stream().mapToInt(List::size).max().orElse(0);
        List<String> header =
                tactics.stream().map(t -> t.name() + " (" + t.id() + ")").toList();
        if (csv) {
            out().println(String.join(sep, header.stream().map(CsvCell::of).toList()));
        } else {
            out().println("| " + String.join(sep, header) + " |");
            out().println("|" + "---|".repeat(header.size()));
        }
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (List<String> col : cells) {
                String cell = r < col.size() ? col.get(r).strip() : "";
                row.add(csv ? CsvCell.of(cell) : cell.replace("|", "\\|"));
            }
            out().println(csv ? String.join(sep, row) : "| " + String.join(sep, row) + " |");
        }
    }

    private void text(KnowledgeBase kb, List<Tactic> tactics, List<List<String>> cells) {
        int w = Math.max(12, columnWidth);
        int perBand = Math.max(1, (Terminal.width() + 1) / (w + 1));
        out().println(Terminal.bold("ATLAS " + kb.version() + " matrix") + " — " + tactics.size() + " tactics, "
                + kb.techniques().stream().filter(t -> !t.isSubTechnique()).count() + " techniques, "
                + kb.techniques().stream().filter(Technique::isSubTechnique).count() + " sub-techniques");
        for (int start = 0; start < tactics.size(); start += perBand) {
            int end = Math.min(tactics.size(), start + perBand);
            out().println();
            StringBuilder head = new StringBuilder();
            StringBuilder rule = new StringBuilder();
            for (int c = start; c < end; c++) {
                head.append(pad(tactics.get(c).name(), w)).append(' ');
                rule.append("─".repeat(w)).append(' ');
            }
            out().println(Terminal.bold(head.toString().stripTrailing()));
            out().println(rule.toString().stripTrailing());
            int rows = 0;
            for (int c = start; c < end; c++) {
                rows = Math.max(rows, cells.get(c).size());
            }
            for (int r = 0; r < rows; r++) {
                StringBuilder line = new StringBuilder();
                for (int c = start; c < end; c++) {
                    List<String> col = cells.get(c);
                    String cell = r < col.size() ? col.get(r).replace("AML.", "") : "";
                    line.append(pad(cell, w)).append(' ');
                }
                out().println(line.toString().stripTrailing());
            }
        }
    }

    private static String pad(String s, int w) {
        return s.length() > w ? s.substring(0, w - 1) + "…" : s + " ".repeat(w - s.length());
    }
}
