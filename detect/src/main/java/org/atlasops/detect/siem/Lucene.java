package org.atlasops.detect.siem;

import java.util.Locale;

/**
 * A Sigma (PCRE-like) regular expression in the Lucene syntax of ES|QL's {@code RLIKE}, or why not. Lucene's
 * expressions match the whole value and have no word boundaries, anchors, lookaround, lazy or possessive
 * quantifiers, back-references, inline flags or case-insensitive mode; {@code \s}, {@code \d}, {@code \w} outside a
 * bracket become their classes; {@code (?:} becomes a group; the characters Lucene gives a meaning ({@code @ & ~ < > #
 * "}) are escaped. Case-insensitive: the caller lower-cases the value and this lower-cases the letters.
 */
final class Lucene {
    private Lucene() {}

    static String regex(String re, boolean ignoreCase) throws Sigma.Unsupported {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 >= re.length()) {
                    throw refused(re, "a trailing backslash");
                }
                char n = re.charAt(++i);
                String cls = switch (n) {
                    case 's' -> "[ \t\r\n\f]";
                    case 'd' -> "[0-9]";
                    case 'w' -> "[A-Za-z0-9_]";
                    case 'S' -> "[^ \t\r\n\f]";
                    case 'D' -> "[^0-9]";
                    case 'W' -> "[^A-Za-z0-9_]";
                    default -> null;
                };
                if (cls != null) {
                    if (inClass) {
                        throw refused(re, "'\\" + n + "' inside brackets");
                    }
                    out.append(ignoreCase ? cls.replace("A-Za-z", "a-z") : cls);
                } else if (Character.isLetterOrDigit(n)) {
                    throw refused(re, n == 'b' ? "word boundaries (\\b)" : "the escape '\\" + n + "'");
                } else {
                    out.append('\\').append(n);
                }
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '[') {
                    throw refused(re, "a bracket inside brackets");
                }
                out.append(lucenable(c, ignoreCase));
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                        out.append(re.charAt(++i)); // a leading ']' is a literal in PCRE
                    }
                }
                case '^', '$' -> throw refused(re, "anchors ('" + c + "')");
                case '(' -> {
                    if (i + 1 < re.length() && re.charAt(i + 1) == '?') {
                        if (re.startsWith("(?:", i)) {
                            out.append('(');
                            i += 2;
                        } else {
                            throw refused(re, "lookaround or inline flags ('(?')");
                        }
                    } else {
                        out.append(c);
                    }
                }
                case '*', '+', '?', '}' -> {
                    out.append(c);
                    if (i + 1 < re.length() && (re.charAt(i + 1) == '?' || re.charAt(i + 1) == '+')) {
                        throw refused(re, "lazy or possessive quantifiers");
                    }
                }
                default -> out.append(lucenable(c, ignoreCase));
            }
        }
        return out.toString();
    }

    private static String lucenable(char c, boolean ignoreCase) {
        if ("@&~<>#\"".indexOf(c) >= 0) {
            return "\\" + c;
        }
        return ignoreCase ? String.valueOf(c).toLowerCase(Locale.ROOT) : String.valueOf(c);
    }

    private static Sigma.Unsupported refused(String re, String what) {
        return new Sigma.Unsupported(
                "ES|QL: RLIKE (Lucene regular expressions) cannot express " + what + "; in '" + re + "'");
    }
}
