package org.atlasops.detect.prompt;

import java.util.Optional;
import java.util.Set;
import org.atlasops.detect.text.RegexLiterals;

/**
 * The words a regular expression cannot match without: a set such that every match contains at least one of them,
 * compared exactly (the cues run case-sensitively on lower-cased text). A cue's pattern is worth running only when
 * one of its words is in the text, so the words are derived from the pattern ({@link RegexLiterals}) instead of
 * written beside it.
 *
 * <p>The style: words whole and exact; zero-width parts ({@code \b}, {@code ^}, lookarounds) do not break a run, an
 * optional part ends it; up to {@value #MAX_EXACT} fixed strings multiply out; between two sets whose shortest words
 * are as long, the smaller wins. The cue model's anchors are these words, so changing the style means retraining.
 */
final class RequiredWords {
    private RequiredWords() {}

    /** More fixed strings than this are not multiplied out: the run ends there instead. */
    private static final int MAX_EXACT = 32;

    private static final RegexLiterals.Style STYLE =
            new RegexLiterals.Style(false, MAX_EXACT, false, true, true, 1, Integer.MAX_VALUE);

    /** The words one of which every match of the regex contains, or empty when no such word is known. */
    static Optional<Set<String>> of(String regex) {
        return RegexLiterals.of(regex, STYLE).map(Set::copyOf);
    }
}
