package org.atlasops.navigator.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.LayerIssue.Severity;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.TechniqueAnnotation;

/**
 * Technique scores from a file, for {@code layer generate scores}. CSV: a header naming some of {@code
 * techniqueID} (or {@code id}), {@code score}, {@code tactic}, {@code comment}, {@code color}, or no header and the
 * columns {@code id,score[,comment]}. JSON: an array of objects with those fields, or an object {@code {"AML.T0051":
 * 80, …}}. A bad row is reported with its line and left out; the others are kept.
 */
public final class ScoreList {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The entries that were read and what was wrong with the rest. */
    public record Parsed(List<TechniqueAnnotation> entries, List<LayerIssue> issues) {
        public Parsed {
            entries = List.copyOf(entries);
            issues = List.copyOf(issues);
        }
    }

    private final KnowledgeBase kb;
    private final String source;
    private final List<TechniqueAnnotation> entries = new ArrayList<>();
    private final List<LayerIssue> issues = new ArrayList<>();

    private ScoreList(KnowledgeBase kb, String source) {
        this.kb = kb;
        this.source = source;
    }

    public static Parsed parse(String text, String source, KnowledgeBase kb) {
        ScoreList list = new ScoreList(kb, source);
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            list.json(trimmed);
        } else {
            list.csv(text);
        }
        if (list.entries.isEmpty()) {
            throw new LayerException(source + ": no usable technique score"
                    + (list.issues.isEmpty() ? "" : "; first problem: " + list.issues.get(0)));
        }
        return new Parsed(list.entries, list.issues);
    }

    private void json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new LayerException(source + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
                    + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root.isObject()) {
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                add(
                        source + ": " + e.getKey(),
                        e.getKey(),
                        e.getValue().isNumber()
                                ? e.getValue().asText()
                                : e.getValue().isTextual() ? e.getValue().asText() : "?",
                        "",
                        "",
                        "");
            }
            return;
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String where = source + ": [" + i + "]";
            if (!n.isObject()) {
                issues.add(new LayerIssue(
                        Severity.ERROR, where, "is not an object {\"techniqueID\", \"score\"}; " + "left out"));
                continue;
            }
            String id = n.has("techniqueID")
                    ? n.get("techniqueID").asText()
                    : n.path("id").asText("");
            add(
                    where,
                    id,
                    n.path("score").asText(""),
                    n.path("tactic").asText(""),
                    n.path("comment").asText(""),
                    n.path("color").asText(""));
        }
    }

    private void csv(String text) {
        String[] lines = text.split("\r?\n", -1);
        int id = 0;
        int score = 1;
        int comment = 2;
        int tactic = -1;
        int color = -1;
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            List<String> header = cells(lines[first]).stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            if (header.contains("score")) {
                id = header.contains("techniqueid") ? header.indexOf("techniqueid") : header.indexOf("id");
                score = header.indexOf("score");
                comment = header.indexOf("comment");
                tactic = header.indexOf("tactic");
                color = header.indexOf("color");
                if (id < 0) {
                    throw new LayerException(
                            source + ":" + (first + 1) + ": the header has no techniqueID (or id) " + "column");
                }
                first++;
            }
        }
        for (int i = first; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].startsWith("#")) {
                continue;
            }
            List<String> c = cells(lines[i]);
            add(source + ":" + (i + 1), at(c, id), at(c, score), at(c, tactic), at(c, comment), at(c, color));
        }
    }

    private static String at(List<String> cells, int i) {
        return i >= 0 && i < cells.size() ? cells.get(i).strip() : "";
    }

    /** Splits one CSV line (RFC 4180 quoting within the line). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private void add(String where, String id, String scoreText, String tactic, String comment, String color) {
        Optional<Technique> t = kb.technique(id.strip());
        if (t.isEmpty()) {
            issues.add(new LayerIssue(
                    Severity.ERROR,
                    where,
                    "\"" + id + "\" is not a technique of ATLAS " + kb.version() + "; left out"));
            return;
        }
        OptionalDouble score;
        try {
            double d = Double.parseDouble(scoreText.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            score = OptionalDouble.of(d);
        } catch (NumberFormatException e) {
            issues.add(new LayerIssue(
                    Severity.ERROR, where, "score \"" + scoreText + "\" of " + id + " is not a number; left out"));
            return;
        }
        Optional<String> onTactic = Optional.empty();
        if (!tactic.isBlank()) {
            Optional<Tactic> found = kb.tacticByShortname(tactic).or(() -> kb.tactic(tactic));
            if (found.isEmpty() || !t.get().tacticIds().contains(found.get().id())) {
                issues.add(new LayerIssue(
                        Severity.ERROR,
                        where,
                        "tactic \"" + tactic + "\" is not a tactic of " + id + " in ATLAS " + kb.version()
                                + "; left out"));
                return;
            }
            onTactic = Optional.of(found.get().shortname());
        }
        if (!color.isBlank() && RgbColor.parse(color).isEmpty()) {
            issues.add(new LayerIssue(
                    Severity.WARNING, where, "\"" + color + "\" is not a colour (#rrggbb); " + "ignored"));
            color = "";
        }
        entries.add(TechniqueAnnotation.of(t.get().id(), onTactic)
                .withScore(score)
                .withComment(comment)
                .withColor(color));
    }
}
