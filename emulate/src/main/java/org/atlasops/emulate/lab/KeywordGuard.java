package org.atlasops.emulate.lab;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A naive block list, as many apps start with: a few phrases of known attacks, matched in the lower-cased raw text.
 * It is meant to be bypassed: encodings, look-alike letters and rephrasing get through.
 */
final class KeywordGuard implements Guard {
    private static final List<Pattern> BLOCKED = List.of(
            Pattern.compile("ignore (all |any |the )?(previous|prior|above|earlier) (instructions|rules)"),
            Pattern.compile("disregard (all |any |the )?(previous|prior|above|earlier)"),
            Pattern.compile("system prompt"),
            Pattern.compile("\\bjailbreak"),
            Pattern.compile("\\bdan\\b"),
            Pattern.compile("developer mode"),
            Pattern.compile("\\bpassword\\b"),
            Pattern.compile("\\bbomb\\b"),
            Pattern.compile("\\bmalware\\b"));

    @Override
    public String name() {
        return "keyword";
    }

    @Override
    public Decision check(String text, Source source) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Pattern p : BLOCKED) {
            var m = p.matcher(t);
            if (m.find()) {
                return Decision.block("keyword filter: '" + m.group() + "'");
            }
        }
        return Decision.ALLOW;
    }
}
