package org.atlasops.detect.prompt;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes the disguises attacks put on their words so that the plain form is judged too: a text shifted through the
 * alphabet (ROT-n), written backwards, spelled out letter by letter ("I g n o r e"), in leetspeak ("1gn0r3"), with
 * look-alike letters of another script inside Latin words, or with invisible characters inside words. Nothing here
 * is learned: a shift or a reversal is accepted only when it turns the text into English function words ("the",
 * "to", "how"), which a text in any language rarely yields by chance.
 */
final class Obfuscation {
    private Obfuscation() {}

    /** How the text was disguised. */
    enum Kind {
        /** Every letter shifted by the same distance through the alphabet (ROT-n); {@link #strong}. */
        ROT,
        /** Written backwards, whole or in part; {@link #strong}. */
        REVERSED,
        /** Words spelled out one letter at a time. */
        SPACED_LETTERS,
        /** Digits and symbols for letters inside words. */
        LEETSPEAK,
        /** Letters of another script that look Latin (Cyrillic "о" for "o") inside Latin words. */
        MIXED_SCRIPT,
        /** Zero-width or soft-hyphen characters inside words. */
        INVISIBLE;

        /**
         * Whether the disguise is evidence of an attack by itself: ordinary text is not written in ROT-n or
         * backwards, while spaced letters, digits in words and stray invisible characters occur in harmless text.
         */
        boolean strong() {
            return this == ROT || this == REVERSED;
        }
    }

    /** The text with its disguise undone. */
    record Revealed(Kind kind, String text) {
        Revealed {
            java.util.Objects.requireNonNull(kind, "kind");
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** Only the first part of a long text is searched for a disguise (the cost stays bounded). */
    static final int MAX_CHARS = 4000;

    /** English function words: common in any English text, rare as the result of shifting or reversing letters. */
    static final Set<String> FUNCTION_WORDS = Set.of(
            "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "is",
            "are", "was", "were", "be", "been", "it", "this", "that", "these", "those", "you", "your", "i", "me", "my",
            "we", "our", "he", "she", "they", "them", "his", "her", "their", "what", "how", "why", "when", "where",
            "who", "which", "not", "no", "do", "does", "did", "can", "could", "will", "would", "should", "if", "then",
            "so", "all", "any", "some", "about", "into", "than", "there", "here", "have", "has", "had");

    /** The length of the longest function word. */
    private static final int LONGEST =
            FUNCTION_WORDS.stream().mapToInt(String::length).max().orElse(0);

    /**
     * Function words written backwards that are not words themselves ("woh", "eht", "ot"): two of them in a text mean
     * a reversed passage. Short reversals that are words in other languages ("si", "ni", "na", "ti") are left out.
     */
    private static final Set<String> REVERSED_WORDS = reversedWords();

    private static Set<String> reversedWords() {
        Set<String> notWords = Set.of("era", "saw", "won", "tub", "ton", "naht", "dog", "emos", "lla", "nehw");
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String w : FUNCTION_WORDS) {
            String r = new StringBuilder(w).reverse().toString();
            if (w.length() >= 3 && !r.equals(w) && !FUNCTION_WORDS.contains(r) && !notWords.contains(r)) {
                out.add(r);
            }
        }
        out.addAll(Set.of("ot", "fo", "eb", "ym", "yb", "fi"));
        return Set.copyOf(out);
    }

    /** The first disguise found, undone; empty for a text that reads as it is. */
    static Optional<Revealed> reveal(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String lower = t.toLowerCase(Locale.ROOT);
        int[] counts = wordCounts(lower);
        int words = counts[0];
        int function = counts[1];
        int reversed = counts[2];
        if (reversed >= 2) {
            return Optional.of(
                    new Revealed(Kind.REVERSED, new StringBuilder(t).reverse().toString()));
        }
        int shift = rotShift(lower, words, function);
        if (shift != 0) {
            return Optional.of(new Revealed(Kind.ROT, rot(t, shift)));
        }
        // a shifted sentence inside plain text ("... you need to reply. Hjwf nf b tufq ..."): sentence by sentence
        int start = 0;
        StringBuilder decoded = null;
        for (int i = 0; i <= t.length(); i++) {
            if (i < t.length() && ".?!:;\n\"".indexOf(t.charAt(i)) < 0) {
                continue;
            }
            if (i - start >= 20) {
                String part = lower.substring(start, i);
                int[] c = wordCounts(part);
                int s = rotShift(part, c[0], c[1]);
                if (s != 0) {
                    if (decoded == null) {
                        decoded = new StringBuilder(t);
                    }
                    decoded.replace(start, i, rot(t.substring(start, i), s));
                }
            }
            start = i + 1;
        }
        if (decoded != null) {
            return Optional.of(new Revealed(Kind.ROT, decoded.toString()));
        }
        return spacedLetters(t)
                .map(s -> new Revealed(Kind.SPACED_LETTERS, s))
                .or(() -> leetspeak(t).map(s -> new Revealed(Kind.LEETSPEAK, s)))
                .or(() -> mixedScript(t).map(s -> new Revealed(Kind.MIXED_SCRIPT, s)))
                .or(() -> invisible(t).map(s -> new Revealed(Kind.INVISIBLE, s)));
    }

    /**
     * The shift that turns a text with few function words into one where at least a third of its words are (and
     * at least three); 0 when none does.
     */
    private static int rotShift(String lower, int words, int function) {
        if (words < 5 || function * 10 >= words) {
            return 0;
        }
        int best = 0;
        int bestFunction = function;
        for (int shift = 1; shift < 26; shift++) {
            int f = wordCounts(rot(lower, shift))[1];
            if (f > bestFunction) {
                bestFunction = f;
                best = shift;
            }
        }
        return bestFunction >= 3 && bestFunction * 3 >= words ? best : 0;
    }

    /**
     * Words of two or more ASCII letters, how many are function words, how many are function words reversed.
     */
    private static int[] wordCounts(String lower) {
        int words = 0;
        int function = 0;
        int reversed = 0;
        int i = 0;
        int n = lower.length();
        while (i < n) {
            char c = lower.charAt(i);
            if (c < 'a' || c > 'z') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && lower.charAt(i) >= 'a' && lower.charAt(i) <= 'z') {
                i++;
            }
            // a word glued to other letters (accents, other scripts, digits) is not a plain ASCII word
            boolean glued = start > 0 && Character.isLetterOrDigit(lower.charAt(start - 1))
                    || i < n && Character.isLetterOrDigit(lower.charAt(i));
            if (glued || i - start < 2) {
                continue; // single letters ("x", "a") say nothing: too many of them rotate into "a" or "i"
            }
            words++;
            if (i - start > LONGEST) {
                continue; // longer than any function word, reversed or not: no substring needed
            }
            String w = lower.substring(start, i);
            if (FUNCTION_WORDS.contains(w)) {
                function++;
            } else if (REVERSED_WORDS.contains(w)) {
                reversed++;
            }
        }
        return new int[] {words, function, reversed};
    }

    static String rot(String text, int shift) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) ('a' + (c - 'a' + shift) % 26);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) ('A' + (c - 'A' + shift) % 26);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Runs of at least five single letters between single spaces ("i g n o r e") joined into one word. */
    static Optional<String> spacedLetters(String text) {
        if (!hasSpacedRun(text)) {
            return Optional.empty();
        }
        String[] tokens = text.split(" ", -1);
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        int k = 0;
        while (k < tokens.length) {
            int end = k;
            while (end < tokens.length && tokens[end].length() == 1 && Character.isLetter(tokens[end].charAt(0))) {
                end++;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            if (end - k >= 5) {
                for (int i = k; i < end; i++) {
                    out.append(tokens[i]);
                }
                changed = true;
                k = end;
            } else {
                out.append(tokens[k]);
                k++;
            }
        }
        return changed ? Optional.of(out.toString()) : Optional.empty();
    }

    /** Whether five letters stand one by one between single spaces somewhere (one pass, no allocation). */
    private static boolean hasSpacedRun(String text) {
        int run = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            boolean alone = Character.isLetter(text.charAt(i))
                    && (i == 0 || text.charAt(i - 1) == ' ')
                    && (i + 1 == n || text.charAt(i + 1) == ' ');
            if (alone) {
                if (++run >= 5) {
                    return true;
                }
                i++; // past the space
            } else {
                run = 0;
            }
        }
        return false;
    }

    /**
     * Words that mix letters with digits or symbols standing for letters ("1gn0r3", "pr3v10us", "@ll"): at least two
     * such words, mapped back to letters; not in text that looks like code.
     */
    static Optional<String> leetspeak(String text) {
        // code is full of names with digits in them (x1, arr2, $var): not leetspeak
        if (!hasLetterNextToSubstitute(text) || looksLikeCode(text)) {
            return Optional.empty();
        }
        String[] tokens = text.split(" ", -1);
        int leet = 0;
        for (int k = 0; k < tokens.length; k++) {
            String tok = tokens[k];
            int letters = 0;
            int subs = 0;
            int other = 0;
            for (int i = 0; i < tok.length(); i++) {
                char c = tok.charAt(i);
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                    letters++;
                } else if ("013457@$".indexOf(c) >= 0) {
                    subs++;
                } else if (Character.isLetterOrDigit(c)) {
                    other++;
                }
            }
            if (letters >= 2
                    && subs >= 1
                    && other == 0
                    && tok.length() >= 4
                    && letters >= subs
                    && hasLetterNextToSubstitute(tok)) {
                StringBuilder b = new StringBuilder(tok.length());
                for (int i = 0; i < tok.length(); i++) {
                    char c = tok.charAt(i);
                    int at = "013457@$".indexOf(c);
                    b.append(at >= 0 ? "oieastas".charAt(at) : c);
                }
                tokens[k] = b.toString();
                leet++;
            }
        }
        return leet >= 2 ? Optional.of(String.join(" ", tokens)) : Optional.empty();
    }

    /** A fenced block, an assignment, a statement end or a brace: marks of code. */
    private static boolean looksLikeCode(String text) {
        return text.contains("```") || text.indexOf('=') >= 0 || text.indexOf(';') >= 0 || text.indexOf('{') >= 0;
    }

    private static boolean hasLetterNextToSubstitute(String text) {
        for (int i = 1; i < text.length(); i++) {
            char a = text.charAt(i - 1);
            char b = text.charAt(i);
            if ("013457@$".indexOf(a) >= 0 && isAsciiLetter(b) || isAsciiLetter(a) && "013457@$".indexOf(b) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Cyrillic and Greek letters that look Latin, and the Latin letters they imitate. */
    private static final String LOOKALIKE = "аеорсухкмтвнАЕОРСХКМТВНіІјЈѕЅοΟαΑεΕιΙκΚνΝρΡτΤυΥχΧ";

    private static final String LATIN = "aeopcyxkmtbhAEOPCXKMTBHiIjJsSoOaAeEiIkKvNpPtTuYxX";

    /** Words of Latin letters with look-alike letters of another script inside, mapped to Latin. */
    static Optional<String> mixedScript(String text) {
        if (!AttackCues.hasCharAtLeast(text, '\u0370')) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                out.append(text.charAt(i++));
                continue;
            }
            int start = i;
            boolean latin = false;
            boolean lookalike = false;
            while (i < n && Character.isLetter(text.charAt(i))) {
                char c = text.charAt(i);
                latin |= c < 0x250;
                lookalike |= LOOKALIKE.indexOf(c) >= 0;
                i++;
            }
            if (latin && lookalike) {
                for (int k = start; k < i; k++) {
                    int at = LOOKALIKE.indexOf(text.charAt(k));
                    out.append(at >= 0 ? LATIN.charAt(at) : text.charAt(k));
                }
                changed = true;
            } else {
                out.append(text, start, i);
            }
        }
        return changed ? Optional.of(out.toString()) : Optional.empty();
    }

    /** Zero-width characters, joiners and soft hyphens removed (they split words for a reader of characters). */
    static Optional<String> invisible(String text) {
        if (!AttackCues.hasCharAtLeast(text, '\u00AD')) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u00AD' || c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF') {
                changed = true;
            } else {
                out.append(c);
            }
        }
        return changed ? Optional.of(out.toString()) : Optional.empty();
    }
}
