package org.atlasops.intel.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;

/**
 * Suggests ATLAS techniques for a record that names none, from the shipped table {@code suggestions.tsv} (kinds
 * sep, lifecycle, cwe, odin, garak, phrase; see its header). Every suggestion is {@link Basis#INFERRED} with the
 * table's reason; a technique the chosen release does not have is left out. The same technique suggested twice keeps
 * its first reason.
 */
public final class TechniqueMapping {
    /** One row of the table. */
    public record Row(String kind, String key, AtlasId technique, String reason) {}

    private static final String RESOURCE = "/org/atlasops/intel/mapping/suggestions.tsv";
    private static final TechniqueMapping SHIPPED = load();

    private final List<Row> rows;
    private final Map<String, Pattern> phrases = new LinkedHashMap<>();

    private TechniqueMapping(List<Row> rows) {
        this.rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.kind().equals("phrase")) {
                phrases.put(
                        r.key(),
                        Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(r.key()) + "(?![\\p{L}\\p{N}])"));
            }
        }
    }

    /** The table atlas-ops ships. */
    public static TechniqueMapping shipped() {
        return SHIPPED;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The inferred techniques of a record, each with its reason, in the table's order by kind. */
    public List<Suggestion> suggest(Evidence e, KnowledgeBase kb) {
        Map<AtlasId, Suggestion> out = new LinkedHashMap<>();
        boolean security = e.riskDomains().stream().anyMatch(d -> d.equalsIgnoreCase("security"));
        for (String sep : e.sepCodes()) {
            add(out, "sep", code(sep), kb);
        }
        if (security) {
            for (String l : e.lifecycleCodes()) {
                add(out, "lifecycle", code(l), kb);
            }
        }
        for (String cwe : e.cwes()) {
            add(out, "cwe", cwe.strip().toUpperCase(Locale.ROOT), kb);
        }
        for (String o : e.odin()) {
            // the most specific key: Category/Strategy, else the category
            String full = o.strip();
            boolean specific = rows.stream()
                    .anyMatch(r -> r.kind().equals("odin") && r.key().equalsIgnoreCase(full));
            add(out, "odin", specific ? full : full.split("/", 2)[0].strip(), kb);
        }
        for (String probe : e.garakProbes()) {
            add(out, "garak", probe.strip().split("\\.", 2)[0].toLowerCase(Locale.ROOT), kb);
        }
        String text = e.text().toLowerCase(Locale.ROOT);
        for (Row r : rows) {
            // indexOf first: the word-boundary regex only for texts that hold the phrase at all (many times faster)
            if (r.kind().equals("phrase")
                    && text.contains(r.key())
                    && phrases.get(r.key()).matcher(text).find()) {
                put(out, r, kb);
            }
        }
        return List.copyOf(out.values());
    }

    private static String code(String sepOrLifecycle) {
        int colon = sepOrLifecycle.indexOf(':');
        return (colon < 0 ? sepOrLifecycle : sepOrLifecycle.substring(0, colon))
                .strip()
                .toUpperCase(Locale.ROOT);
    }

    private void add(Map<AtlasId, Suggestion> out, String kind, String key, KnowledgeBase kb) {
        for (Row r : rows) {
            if (r.kind().equals(kind) && r.key().equalsIgnoreCase(key)) {
                put(out, r, kb);
            }
        }
    }

    private static void put(Map<AtlasId, Suggestion> out, Row r, KnowledgeBase kb) {
        if (kb.technique(r.technique()).isPresent()) {
            out.putIfAbsent(r.technique(), new Suggestion(r.technique(), Basis.INFERRED, r.reason()));
        }
    }

    /** The first row whose technique the release lacks, for a test that keeps the table true. */
    public Optional<Row> unknownIn(KnowledgeBase kb) {
        return rows.stream().filter(r -> kb.technique(r.technique()).isEmpty()).findFirst();
    }

    private static TechniqueMapping load() {
        try (InputStream in = TechniqueMapping.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            List<Row> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": expected 4 tab-separated columns");
                }
                rows.add(new Row(f[0], f[1], AtlasId.parse(f[2]), f[3]));
            }
            rows.sort(Comparator.comparingInt(x -> List.of("sep", "lifecycle", "cwe", "odin", "garak", "phrase")
                    .indexOf(x.kind())));
            return new TechniqueMapping(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
