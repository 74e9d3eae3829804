package org.atlasops.assess.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The 23 components of the CoSAI Risk Map, bundled (SOURCES.md beside the CSV). */
public final class CosaiComponents {
    /** One component and the category it belongs to. */
    public record Entry(String id, String title, String category, String subcategory) {}

    private static final Map<String, Entry> ALL = load();

    private CosaiComponents() {}

    public static List<Entry> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Entry> find(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    /** The CoSAI title, with its category where titles repeat ("Input Handling"); the ID when unknown. */
    public static String title(String id) {
        Entry e = ALL.get(id);
        if (e == null) {
            return id;
        }
        long same =
                ALL.values().stream().filter(o -> o.title().equals(e.title())).count();
        return same > 1 ? e.title() + " (" + e.subcategory().replaceFirst("^components", "") + ")" : e.title();
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = CosaiComponents.class.getResourceAsStream("cosai-components.csv")) {
            if (in == null) {
                throw new IllegalStateException("the jar has no cosai-components.csv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                List<String> cols = split(line);
                out.put(cols.get(0), new Entry(cols.get(0), cols.get(1), cols.get(2), cols.get(3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The file has no quoted commas but titles may be quoted ("Retrieval Augmented Generation & Content"). */
    private static List<String> split(String line) {
        List<String> cols = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cols.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cols.add(cur.toString());
        return cols;
    }
}
