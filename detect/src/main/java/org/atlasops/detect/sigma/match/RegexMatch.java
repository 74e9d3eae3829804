package org.atlasops.detect.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.detect.sigma.accel.CharRunPrefilter;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;
import org.atlasops.detect.sigma.accel.RegexPrefilter;
import org.atlasops.detect.sigma.accel.ShortTextMemo;

/**
 * {@code |re}: a regular expression, searched. Texts without any of its required literals skip the regex engine:
 * checked through the rule set's automaton when it was compiled with one (the literal ids are bound then), else
 * literal by literal. A regex without literals may still need a run of certain characters
 * ({@link CharRunPrefilter}), checked first. Results on short texts are remembered in the detector's memo for this
 * regex's slot. Immutable: the ids and the slot are bound when the compiler makes it.
 */
public final class RegexMatch implements ValuePredicate {
    private final Pattern pattern;
    private final List<String> literals;
    /** For a regex without required literals: a run of characters it needs. */
    private final Optional<CharRunPrefilter> runs;
    /** Ids in the rule set's automaton of what every match needs, and the same as words; null: none. */
    private final int[] literalIds;

    private final long[] literalWords;
    /** This regex's slot among the rule set's regex memos; -1: none. */
    private final int memoSlot;

    private RegexMatch(
            Pattern pattern, List<String> literals, Optional<CharRunPrefilter> runs, int[] literalIds, int memoSlot) {
        this.pattern = pattern;
        this.literals = List.copyOf(literals);
        this.runs = runs;
        this.literalIds = literalIds;
        this.literalWords = literalIds == null ? null : LiteralAutomaton.wordsOf(literalIds);
        this.memoSlot = memoSlot;
    }

    /**
     * The regex with its prefilters; with the rule set's automaton builder, its literals (or its need of a
     * character outside ASCII) get ids there, and it gets a memo slot.
     */
    public static RegexMatch of(Pattern pattern, Optional<LiteralAutomaton.Builder> automaton) {
        List<String> found = RegexPrefilter.of(pattern.pattern());
        List<String> literals = found == null ? List.of() : found;
        Optional<CharRunPrefilter> runs = literals.isEmpty()
                ? Optional.ofNullable(CharRunPrefilter.of(pattern.pattern(), pattern.flags()))
                : Optional.empty();
        if (automaton.isEmpty()) {
            return new RegexMatch(pattern, literals, runs, null, -1);
        }
        LiteralAutomaton.Builder b = automaton.get();
        int[] ids = !literals.isEmpty()
                ? literals.stream().mapToInt(b::add).toArray()
                : runs.isPresent() && runs.get().needsNonAscii() ? new int[] {b.nonAscii()} : null;
        return new RegexMatch(pattern, literals, runs, ids, b.memoSlot());
    }

    Pattern pattern() {
        return pattern;
    }

    /** The ids in the rule set's automaton of what the text must hold (one of them) for the regex to match. */
    public Optional<int[]> literalIds() {
        return Optional.ofNullable(literalIds).map(int[]::clone);
    }

    @Override
    public String toString() {
        return "regex " + pattern.pattern();
    }

    @Override
    public boolean test(JsonNode v, EvaluationContext e) {
        String text = ValuePredicate.text(v);
        if (text == null || !mayMatch(text, e)) {
            return false;
        }
        ShortTextMemo memo = text.length() > ShortTextMemo.MAX_LENGTH ? null : e.regexMemo(memoSlot);
        if (memo == null) {
            return pattern.matcher(text).find();
        }
        // short values (paths, tool and model names, methods) repeat from event to event
        Boolean known = memo.get(text);
        if (known != null) {
            return known;
        }
        boolean found = pattern.matcher(text).find();
        memo.put(text, found);
        return found;
    }

    /** False when the text lacks what every match needs: one of the literals, or a run of characters. */
    private boolean mayMatch(String text, EvaluationContext e) {
        if (literalWords != null) {
            if (!LiteralAutomaton.anyIn(e.scan(text), literalWords)) {
                return false;
            }
        } else if (!literals.isEmpty()) {
            for (int i = 0, n = literals.size(); i < n; i++) {
                String l = literals.get(i);
                if (containsIgnoringCase(text, l)) {
                    return true;
                }
            }
            return false;
        }
        return runs.isEmpty() || runs.get().mayMatch(text);
    }

    private static boolean containsIgnoringCase(String text, String literal) {
        for (int i = 0, last = text.length() - literal.length(); i <= last; i++) {
            if (text.regionMatches(true, i, literal, 0, literal.length())) {
                return true;
            }
        }
        return false;
    }
}
