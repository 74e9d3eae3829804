package org.atlasops.cli.terminal;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet. */
public final class CsvCell {
    private CsvCell() {
    }

    /** Quoted when needed; a leading = + - @ gets a tick so no spreadsheet runs it as a formula (OWASP). */
    public static String of(String cell) {
        String safe = cell.matches("^[=+\\-@\t\r].*") ? "'" + cell : cell;
        return safe.matches("(?s).*[,\"\n\r].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
