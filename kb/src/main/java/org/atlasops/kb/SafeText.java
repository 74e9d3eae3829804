package org.atlasops.kb;

import java.util.regex.Pattern;

/**
 * Characters no ATLAS text needs and a hostile file could use: C0 and C1 controls (but tab and newline), which
 * drive terminals, and bidirectional overrides, which disguise text. Readers remove them at the boundary.
 */
public final class SafeText {
    private static final Pattern UNSAFE =
            Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]");

    private SafeText() {}

    public static boolean isSafe(String text) {
        return !UNSAFE.matcher(text).find();
    }

    /** The text without the unsafe characters. */
    public static String clean(String text) {
        return UNSAFE.matcher(text).replaceAll("");
    }
}
