package org.atlasops.cli.terminal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, the last one cut to fit the terminal. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out, int width) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        printRow(out, header, w, width, true);
        for (List<String> r : rows) {
            printRow(out, r, w, width, false);
        }
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] w, int width, boolean bold) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i == cells.size() - 1) {
                int room = Math.max(10, width - sb.length());
                sb.append(c.length() > room ? c.substring(0, room - 1) + "…" : c);
            } else {
                sb.append(c).append(" ".repeat(w[i] - c.length() + 2));
            }
        }
        String line = sb.toString().stripTrailing();
        out.println(bold ? Terminal.bold(line) : line);
    }
}
