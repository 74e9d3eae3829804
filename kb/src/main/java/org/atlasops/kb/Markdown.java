package org.atlasops.kb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ATLAS descriptions are Markdown with site-relative links; this makes them absolute. */
public final class Markdown {
    public static final String SITE = "https://atlas.mitre.org";
    private static final Pattern SITE_RELATIVE_LINK = Pattern.compile("\\]\\((/[^)\\s]*)\\)");

    private Markdown() {}

    /** Turns {@code [x](/techniques/AML.T0051)} into {@code [x](https://atlas.mitre.org/techniques/AML.T0051)}. */
    public static String resolveLinks(String markdown) {
        Matcher m = SITE_RELATIVE_LINK.matcher(markdown);
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("](" + SITE + m.group(1) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
