package org.atlasops.detect.siem;

/**
 * A Sigma regular expression for KQL's {@code matches regex} (RE2 syntax), or why not: RE2 has no lookaround,
 * back-references or possessive quantifiers. The {@code i} flag becomes {@code (?i)}.
 */
final class Re2 {
    private Re2() {}

    static String regex(String re, boolean ignoreCase) throws Sigma.Unsupported {
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 < re.length() && Character.isDigit(re.charAt(i + 1)) && re.charAt(i + 1) != '0') {
                    throw refused(re, "back-references");
                }
                i++;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (re.startsWith("(?=", i)
                    || re.startsWith("(?!", i)
                    || re.startsWith("(?<=", i)
                    || re.startsWith("(?<!", i)) {
                throw refused(re, "lookaround");
            } else if ((c == '*' || c == '+' || c == '?' || c == '}')
                    && i + 1 < re.length()
                    && re.charAt(i + 1) == '+') {
                throw refused(re, "possessive quantifiers");
            }
        }
        return (ignoreCase ? "(?i)" : "") + re;
    }

    private static Sigma.Unsupported refused(String re, String what) {
        return new Sigma.Unsupported("KQL: matches regex (RE2) cannot express " + what + "; in '" + re + "'");
    }
}
