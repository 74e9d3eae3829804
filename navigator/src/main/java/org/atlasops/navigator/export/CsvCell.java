package org.atlasops.navigator.export;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet; used by every CSV the project writes. */
public final class CsvCell {
    private CsvCell() {}

    /**
     * Quoted when it holds a comma, quote or line break. A cell starting with = + - @, a tab or a carriage return
     * gets a leading ' so that no spreadsheet runs it as a formula (OWASP's advice), unless it is a plain number
     * such as -12 or -0.5.
     */
    public static String of(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
