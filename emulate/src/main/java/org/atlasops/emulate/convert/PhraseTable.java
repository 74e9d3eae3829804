package org.atlasops.emulate.convert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/**
 * Translation by table, not machine translation: each key sentence of the bundled procedures with its translation
 * into a few languages, written by hand ({@code phrases.tsv}). A text translates when every one of its sentences is
 * in the table; otherwise the converter fails and says which sentence is missing.
 */
public final class PhraseTable {
    private static final String RESOURCE = "phrases.tsv";
    private static PhraseTable bundled;

    private final List<String> languages;
    /** English sentence (normalised) to language to translation. */
    private final Map<String, Map<String, String>> rows;

    PhraseTable(List<String> languages, Map<String, Map<String, String>> rows) {
        this.languages = List.copyOf(languages);
        this.rows = Map.copyOf(rows);
    }

    /** The table shipped with atlas-ops. */
    public static synchronized PhraseTable bundled() {
        if (bundled == null) {
            try (InputStream in = PhraseTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the phrase table " + RESOURCE + " is missing from the jar");
                }
                bundled = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundled;
    }

    static PhraseTable read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        String[] cols = header.split("\t");
        List<String> langs = List.of(cols).subList(1, cols.length);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Map<String, String> t = new LinkedHashMap<>();
            for (int i = 1; i < f.length && i <= langs.size(); i++) {
                if (!f[i].isBlank()) {
                    t.put(langs.get(i - 1), f[i].strip());
                }
            }
            rows.put(normalise(f[0]), t);
        }
        return new PhraseTable(langs, rows);
    }

    /** The languages the table has, e.g. {@code [de, es, fr]}. */
    public List<String> languages() {
        return List.copyOf(new TreeSet<>(languages));
    }

    /** The sentences of a text that the table cannot translate into a language (empty: it can). */
    public List<String> missing(String text, String language) {
        List<String> out = new ArrayList<>();
        for (String s : sentences(text)) {
            Map<String, String> row = rows.get(normalise(s));
            if (row == null || !row.containsKey(language)) {
                out.add(s);
            }
        }
        return out;
    }

    public Optional<String> translate(String text, String language) {
        StringBuilder b = new StringBuilder();
        for (String s : sentences(text)) {
            Map<String, String> row = rows.get(normalise(s));
            if (row == null || !row.containsKey(language)) {
                return Optional.empty();
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(row.get(language));
        }
        return Optional.of(b.toString());
    }

    Converter converter(String language) {
        String lang = language.strip().toLowerCase(Locale.ROOT);
        if (!languages.contains(lang)) {
            throw new IllegalArgumentException(
                    "the phrase table has no language '" + language + "'; it has " + languages());
        }
        return new Translate(this, lang);
    }

    /** Sentences end at . ! or ? followed by a space or the end; a text without one is one sentence. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        String t = text.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c == '.' || c == '!' || c == '?')
                    && (i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1)))) {
                out.add(t.substring(start, i + 1).strip());
                start = i + 1;
            }
        }
        if (start < t.length() && !t.substring(start).isBlank()) {
            out.add(t.substring(start).strip());
        }
        return out;
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The converter; placeholders such as {@code {canary}} are kept, so it runs before they are filled in. */
    record Translate(PhraseTable table, String language) implements Converter {
        @Override
        public String name() {
            return "translate:" + language;
        }

        @Override
        public String apply(String text, Random random) {
            return table.translate(text, language)
                    .orElseThrow(() -> new IllegalArgumentException("the phrase table cannot translate into " + language
                            + ": " + table.missing(text, language)));
        }
    }
}
