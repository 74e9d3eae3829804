package org.atlasops.cli.terminal;

/** Facts about where output goes: width for wrapping, and whether ANSI styling is welcome. */
public final class Terminal {
    private static final int DEFAULT_WIDTH = 100;

    private Terminal() {}

    /** {@code $COLUMNS} when set and sane, else 100. */
    public static int width() {
        String cols = System.getenv("COLUMNS");
        if (cols != null && cols.matches("\\d{2,3}")) {
            return Math.max(40, Integer.parseInt(cols));
        }
        return DEFAULT_WIDTH;
    }

    /** Styles only an interactive terminal, and never when NO_COLOR is set (no-color.org). */
    public static boolean styled() {
        return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    }

    public static String bold(String text) {
        return styled() ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
