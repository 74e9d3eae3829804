package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.detect.accuracy.Language;

/**
 * What the application's own instructions (the {@code system} field) forbid, as far as a text can break it without
 * any attack vocabulary: the one language the app answers in, and the topics it must not discuss or disclose. A
 * question in German to an app that answers only in English, or a question about the one forbidden topic, is an
 * attack only relative to these instructions, so the detector can judge it only when it is given them.
 *
 * <p>Read conservatively: only plain restrictions ("respond only in English", "never discuss pricing", "do not reveal
 * the password") are understood; anything else in the instructions is ignored, and a text is never judged benign
 * because of them.
 */
record SystemInstructions(Optional<String> onlyLanguage, List<String> forbiddenTopics) {
    SystemInstructions {
        forbiddenTopics = List.copyOf(forbiddenTopics);
    }

    static final SystemInstructions NONE = new SystemInstructions(Optional.empty(), List.of());

    /** Language names as instructions write them, to the codes of {@link Language#guess}. */
    private static final Map<String, String> LANGUAGES = new LinkedHashMap<>();

    static {
        LANGUAGES.put("english", "en");
        LANGUAGES.put("german", "de");
        LANGUAGES.put("french", "fr");
        LANGUAGES.put("spanish", "es");
        LANGUAGES.put("italian", "it");
        LANGUAGES.put("portuguese", "pt");
        LANGUAGES.put("dutch", "nl");
        LANGUAGES.put("chinese", "zh");
        LANGUAGES.put("japanese", "ja");
        LANGUAGES.put("korean", "ko");
        LANGUAGES.put("greek", "el");
        LANGUAGES.put("hebrew", "he");
    }

    private static final String LANGUAGE_NAMES = String.join("|", LANGUAGES.keySet());
    private static final String SPEAK =
            "(?:respond|reply|answer|speak|write|communicate|converse|talk|chat|interact|assist users?)";
    private static final Pattern ONLY_LANGUAGE = Pattern.compile("\\b(?:(?:only|exclusively|solely) (?:" + SPEAK
            + " )?in (" + LANGUAGE_NAMES + ")|" + SPEAK + " (?:only|exclusively|solely) in (" + LANGUAGE_NAMES + ")|"
            + SPEAK + " in (" + LANGUAGE_NAMES + ") only|(?:do not|don't|never|must not) " + SPEAK
            + " in any (?:other )?language (?:other than|but|except) (" + LANGUAGE_NAMES + "))\\b");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(?:never|do not|don't|must not|mustn't|should not|shouldn't|may not|cannot|can't|are not allowed to|"
                    + "refuse to|avoid)\\s+(?:ever\\s+)?(?:discuss(?:ing)?|talk(?:ing)? about|mention(?:ing)?|"
                    + "answer(?:ing)? (?:any )?questions (?:about|on|regarding)|give (?:any )?advice (?:on|about)|"
                    + "provide (?:any )?information (?:on|about)|reveal(?:ing)?|disclose|disclosing|share|sharing|"
                    + "comment(?:ing)? on)\\s+([^.;:!?\\n]{3,80})");
    /** Words of a topic phrase that name nothing by themselves. */
    private static final Set<String> FILLER = Set.of(
            "the",
            "this",
            "that",
            "these",
            "those",
            "with",
            "from",
            "about",
            "anything",
            "anyone",
            "users",
            "user",
            "their",
            "your",
            "our",
            "any",
            "other",
            "others",
            "topics",
            "topic",
            "questions",
            "question",
            "related",
            "regarding",
            "under",
            "circumstances",
            "even",
            "asked",
            "if",
            "they",
            "them",
            "it",
            "its",
            "a",
            "an",
            "and",
            "or",
            "to",
            "of",
            "in",
            "on",
            "for",
            "all",
            "such",
            "as",
            "what",
            "who",
            "why",
            "how",
            "when",
            "which",
            "information",
            "details",
            "instructions",
            "instruction",
            "prompt",
            "rules",
            "system",
            "message",
            "messages",
            "content",
            "contents",
            "text");

    /** The restrictions the instructions state; {@link #NONE} when there are none or no instructions. */
    static SystemInstructions of(Optional<String> system) {
        if (system.isEmpty() || system.get().isBlank()) {
            return NONE;
        }
        String s = AttackCues.normalize(system.get()).toLowerCase(Locale.ROOT);
        Optional<String> only = Optional.empty();
        Matcher m = ONLY_LANGUAGE.matcher(s);
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    only = Optional.of(LANGUAGES.get(m.group(g)));
                    break;
                }
            }
        }
        List<String> topics = new ArrayList<>();
        Matcher f = FORBIDDEN.matcher(s);
        while (f.find()) {
            String topic = f.group(1).strip();
            if (!words(topic).isEmpty()) {
                topics.add(topic);
            }
        }
        return new SystemInstructions(only, topics);
    }

    /** Why the text breaks these instructions, if it does (one line, for the verdict's reasons). */
    Optional<String> breach(String text) {
        if (onlyLanguage.isPresent()) {
            String lang = Language.guess(text);
            // "latin" and "none" are not a language: a code snippet or a name is not a question in another language
            if (!lang.equals(onlyLanguage.get()) && LANGUAGES.containsValue(lang)) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "system: the application answers only in %s; the text is in %s",
                        name(onlyLanguage.get()),
                        name(lang)));
            }
        }
        List<String> textWords = words(AttackCues.normalize(text).toLowerCase(Locale.ROOT));
        for (String topic : forbiddenTopics) {
            for (String w : words(topic)) {
                if (textWords.stream().anyMatch(t -> sameWord(t, w))) {
                    return Optional.of("system: the application must not discuss \"" + topic
                            + "\"; the text asks about \"" + w + "\"");
                }
            }
        }
        return Optional.empty();
    }

    private static String name(String code) {
        return LANGUAGES.entrySet().stream()
                .filter(e -> e.getValue().equals(code))
                .map(e ->
                        Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1))
                .findFirst()
                .orElse(code);
    }

    /** The content words of a lower-cased phrase (letters and digits, at least three, not filler). */
    static List<String> words(String lower) {
        List<String> out = new ArrayList<>();
        for (String w : lower.split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !FILLER.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Whole words, allowing a plural or possessive ending: "password" and "passwords", not "pass". */
    static boolean sameWord(String a, String b) {
        return stem(a).equals(stem(b));
    }

    private static String stem(String w) {
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("es") && w.length() > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
