package org.atlasops.detect.text;

/** Steps over parts of a regular expression's text, for the prefilter analyses that walk it. */
public final class RegexText {
    private RegexText() {}

    /** The position after the character class starting at {@code pos} (at its {@code [}). */
    public static int skipClass(String re, int pos) {
        pos++;
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
        }
        if (pos < re.length() && re.charAt(pos) == ']') {
            pos++;
        }
        int depth = 1;
        while (depth > 0) {
            char c = re.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
        }
        return pos;
    }

    /** The position after the argument of {@code \p}, {@code \x} and the like: {@code {…}} or one character. */
    public static int skipBraced(String re, int pos) {
        if (pos < re.length() && re.charAt(pos) == '{') {
            return re.indexOf('}', pos) + 1;
        }
        return pos < re.length() ? pos + 1 : pos;
    }

    /** The position after {@code c}, which must be at {@code pos}. */
    public static int expect(String re, int pos, char c) {
        if (pos >= re.length() || re.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        return pos + 1;
    }
}
