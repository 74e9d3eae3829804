package org.atlasops.detect.sigma.accel;

import java.util.List;
import org.atlasops.detect.text.RegexLiterals;

/**
 * Literals a regular expression cannot match without: a set of strings such that every match contains at least
 * one of them (compared ignoring case). Checking them first lets most texts skip the regex engine. Derived by
 * {@link RegexLiterals}; anything it does not understand yields no prefilter, never a wrong one.
 *
 * <p>The style: literals in lower case, each at least 2 characters and cut to its first {@value #MAX_LITERAL};
 * optional fixed parts multiply out ({@code colou?r} needs "color" or "colour"), up to {@value #MAX_EXACT} strings;
 * a zero-width part ends a run.
 */
public final class RegexPrefilter {
    private RegexPrefilter() {}

    /**
     * Literals are cut to their first characters: that many already rule out almost every text, and each further
     * character is one more state in the shared automaton.
     */
    private static final int MAX_LITERAL = 8;

    /** Sets of exact strings larger than this are not multiplied out (an alternation of alternations). */
    private static final int MAX_EXACT = 64;

    private static final RegexLiterals.Style STYLE =
            new RegexLiterals.Style(true, MAX_EXACT, true, false, false, 2, MAX_LITERAL);

    /** The any-of literals (lower case, at least 2 characters each), or null when none can be derived. */
    public static List<String> of(String regex) {
        return RegexLiterals.of(regex, STYLE).orElse(null);
    }
}
