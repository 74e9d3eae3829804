package org.atlasops.detect.accuracy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small guess at a text's language, for the per-language table when the records carry no {@code language} field.
 *
 * <p>First the writing system: the script with the most letters wins, each Han, kana or Hangul character counting as
 * three letters (one such character carries about as much as a short Latin word). Han with any kana is {@code ja},
 * Han alone {@code zh}, Hangul {@code ko}, Greek {@code el}, Hebrew {@code he}, Thai {@code th}; Cyrillic, Arabic
 * and Devanagari are reported as the script ({@code cyrillic}, {@code arabic}, {@code devanagari}), since one script
 * serves several languages. Latin text is told apart by common function words of English, German, French, Spanish,
 * Italian, Portuguese and Dutch (about 15 to 40 each) among its first 300 words: the language with the most hits, when it has strictly
 * more than any other; else {@code latin}. A text without letters is {@code none}. It is a guess for a table, not a
 * language identifier: short texts and mixed texts land in {@code latin} or in the larger script.
 */
public final class Language {
    private static final int WORDS = 300;
    private static final Map<String, Set<String>> FUNCTION_WORDS = new LinkedHashMap<>();

    static {
        FUNCTION_WORDS.put(
                "en",
                Set.of(
                        "the", "and", "is", "are", "you", "of", "to", "what", "how", "that", "it", "for", "with",
                        "this", "please", "can", "your", "i", "in", "on", "or", "an", "be", "as", "if", "by", "from",
                        "not", "all", "will", "my", "me", "we", "which", "when", "returns", "given"));
        FUNCTION_WORDS.put(
                "de",
                Set.of(
                        "der", "die", "das", "und", "ist", "nicht", "ich", "sie", "wie", "was", "ein", "eine", "mit",
                        "für", "auf", "zu", "den", "von", "sind", "du", "bitte"));
        FUNCTION_WORDS.put(
                "fr",
                Set.of(
                        "le", "les", "et", "est", "une", "des", "pas", "vous", "qui", "pour", "dans", "du", "je", "ce",
                        "au", "avec"));
        FUNCTION_WORDS.put(
                "es",
                Set.of(
                        "el", "los", "las", "y", "es", "una", "por", "para", "con", "del", "cómo", "qué", "se", "está",
                        "pero"));
        FUNCTION_WORDS.put(
                "it", Set.of("il", "lo", "gli", "è", "una", "che", "per", "con", "non", "sono", "come", "di", "della"));
        FUNCTION_WORDS.put(
                "pt", Set.of("os", "é", "um", "uma", "para", "com", "não", "do", "da", "em", "como", "você", "isso"));
        FUNCTION_WORDS.put(
                "nl", Set.of("het", "een", "van", "niet", "ik", "je", "wat", "hoe", "met", "voor", "op", "zijn"));
    }

    private Language() {}

    /** The guessed language or script of a text, as described above. */
    public static String guess(String text) {
        Map<Character.UnicodeScript, Integer> letters = new EnumMap<>(Character.UnicodeScript.class);
        boolean kana = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            boolean dense = s == Character.UnicodeScript.HAN
                    || s == Character.UnicodeScript.HIRAGANA
                    || s == Character.UnicodeScript.KATAKANA
                    || s == Character.UnicodeScript.HANGUL;
            if (s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA) {
                kana = true;
                s = Character.UnicodeScript.HAN; // Japanese text mixes both
            }
            letters.merge(s, dense ? 3 : 1, Integer::sum);
        }
        Character.UnicodeScript top = null;
        for (Map.Entry<Character.UnicodeScript, Integer> e : letters.entrySet()) {
            if (top == null || e.getValue() > letters.get(top)) {
                top = e.getKey();
            }
        }
        if (top == null) {
            return "none";
        }
        return switch (top) {
            case LATIN -> latin(text);
            case HAN -> kana ? "ja" : "zh";
            case HANGUL -> "ko";
            case GREEK -> "el";
            case HEBREW -> "he";
            case THAI -> "th";
            default -> top.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String latin(String text) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        int words = 0;
        int i = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        while (i < lower.length() && words < WORDS) {
            while (i < lower.length() && !Character.isLetter(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < lower.length() && (Character.isLetter(lower.charAt(i)) || lower.charAt(i) == '\'')) {
                i++;
            }
            if (i > start) {
                words++;
                String w = lower.substring(start, i);
                FUNCTION_WORDS.forEach((lang, set) -> {
                    if (set.contains(w)) {
                        hits.merge(lang, 1, Integer::sum);
                    }
                });
            }
        }
        String best = "latin";
        int first = 0;
        int second = 0;
        for (Map.Entry<String, Integer> e : hits.entrySet()) {
            if (e.getValue() > first) {
                second = first;
                first = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return first > second ? best : "latin";
    }
}
