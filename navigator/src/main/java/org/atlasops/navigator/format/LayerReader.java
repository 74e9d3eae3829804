package org.atlasops.navigator.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.atlasops.navigator.AggregateFunction;
import org.atlasops.navigator.Gradient;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.LayerIssue.Severity;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.LinkItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.Sorting;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.Versions;
import org.atlasops.navigator.View;

/**
 * Reads layer files. A flaw in one field or entry is reported and that field takes its default (or the entry is
 * left out), so the rest of the layer is still usable; only a file that is not JSON, too large, or not a layer at
 * all is refused with a {@link LayerException}.
 */
public final class LayerReader {
    /** Larger than any real layer (the full ATLAS matrix with comments is well under 1 MiB). */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    public static final int MAX_LAYERS = 1000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(4 * 1024 * 1024)
                        .maxNumberLength(100)
                        .build());
    }

    private static final Set<String> LAYER_KEYS = Set.of(
            "name",
            "versions",
            "version",
            "domain",
            "description",
            "customDataURL",
            "filters",
            "sorting",
            "layout",
            "viewMode",
            "hideDisabled",
            "techniques",
            "gradient",
            "legendItems",
            "metadata",
            "links",
            "showTacticRowBackground",
            "tacticRowBackground",
            "selectTechniquesAcrossTactics",
            "selectSubtechniquesWithParent",
            "selectVisibleTechniques");
    private static final Set<String> TECHNIQUE_KEYS = Set.of(
            "techniqueID", "tactic", "score", "color", "comment", "enabled", "metadata", "links", "showSubtechniques");

    private LayerReader() {}

    public static LayerFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new LayerException(
                        file + ": " + size + " bytes; layers larger than " + MAX_BYTES + " bytes are refused");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new LayerException(file + ": no such file");
        } catch (IOException e) {
            throw new LayerException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static LayerFile read(InputStream in, String source) {
        JsonNode root;
        try {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new LayerException(source + ": larger than " + MAX_BYTES + " bytes; refused");
            }
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new LayerException(source + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LayerException(source + ": cannot read: " + e.getMessage(), e);
        }
        return read(root, source);
    }

    public static LayerFile readString(String json, String source) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    }

    static LayerFile read(JsonNode root, String source) {
        List<LayerIssue> issues = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            throw new LayerException(source + ": empty file; a layer is a JSON object with at least name and domain");
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new LayerException(source + ": an empty array holds no layer");
            }
            if (root.size() > MAX_LAYERS) {
                throw new LayerException(source + ": " + root.size() + " layers; at most " + MAX_LAYERS + " per file");
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode node = root.get(i);
                String where = source + ": [" + i + "]";
                if (!node.isObject()) {
                    issues.add(new LayerIssue(
                            Severity.ERROR, where, "is " + kind(node) + ", not a layer object; left out"));
                    continue;
                }
                layers.add(new One(where, issues).layer(node, "layer " + (i + 1)));
            }
            if (layers.isEmpty()) {
                throw new LayerException(source + ": the array holds no layer object");
            }
        } else if (root.isObject()) {
            if (!root.has("techniques") && !root.has("name") && !root.has("domain")) {
                throw new LayerException(source + ": not a Navigator layer (no name, domain or techniques); "
                        + "a layer looks like {\"name\": …, \"domain\": \"atlas-atlas\", \"techniques\": […]}");
            }
            layers.add(new One(source, issues).layer(root, fileStem(source)));
        } else {
            throw new LayerException(
                    source + ": is " + kind(root) + "; a layer file holds a JSON object or an " + "array of them");
        }
        return new LayerFile(source, layers, issues);
    }

    private static String fileStem(String source) {
        String name = Path.of(source).getFileName() == null
                ? source
                : Path.of(source).getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** Reads one layer object, adding issues that name this layer's place. */
    private static final class One {
        private final String where;
        private final List<LayerIssue> issues;

        One(String where, List<LayerIssue> issues) {
            this.where = where;
            this.issues = issues;
        }

        private void issue(Severity s, String path, String message) {
            issues.add(new LayerIssue(s, path.isEmpty() ? where : where + ": " + path, message));
        }

        Layer layer(JsonNode n, String fallbackName) {
            Set<String> unknown = new LinkedHashSet<>();
            n.fieldNames().forEachRemaining(k -> {
                if (!LAYER_KEYS.contains(k)) {
                    unknown.add(k);
                }
            });
            if (!unknown.isEmpty()) {
                issue(Severity.INFO, "", "unknown field(s) " + unknown + " ignored");
            }
            String name = string(n, "name").orElse(null);
            if (name == null || name.isBlank()) {
                issue(
                        Severity.WARNING,
                        "name",
                        "missing; the layer is called \"" + fallbackName + "\" (the Navigator requires a name)");
                name = fallbackName;
            }
            Versions versions = versions(n);
            String domain = string(n, "domain").orElse("");
            domain = switch (domain) {
                case "mitre-enterprise" -> "enterprise-attack";
                case "mitre-mobile" -> "mobile-attack";
                case "" -> {
                    issue(Severity.WARNING, "domain", "missing; read as \"" + Layer.ATLAS_DOMAIN + "\"");
                    yield Layer.ATLAS_DOMAIN;
                }
                default -> domain;
            };
            List<String> platforms = new ArrayList<>();
            JsonNode filters = n.get("filters");
            if (filters != null && !filters.isNull()) {
                if (!filters.isObject()) {
                    issue(Severity.ERROR, "filters", "is " + kind(filters) + "; expected {\"platforms\": [...]}");
                } else {
                    JsonNode p = filters.get("platforms");
                    if (p != null && p.isArray()) {
                        for (int i = 0; i < p.size(); i++) {
                            if (p.get(i).isTextual()) {
                                platforms.add(p.get(i).asText());
                            } else {
                                issue(
                                        Severity.ERROR,
                                        "filters.platforms[" + i + "]",
                                        "is " + kind(p.get(i)) + "; platforms are strings");
                            }
                        }
                    } else if (p != null) {
                        issue(Severity.ERROR, "filters.platforms", "is " + kind(p) + "; expected an array");
                    }
                    if (filters.has("stages")) {
                        issue(Severity.INFO, "filters.stages", "legacy (layer 3.0) stage filter ignored");
                    }
                }
            }
            return new Layer(
                    name,
                    string(n, "description").orElse(""),
                    domain,
                    versions,
                    string(n, "customDataURL"),
                    platforms,
                    view(n),
                    techniques(n.get("techniques")),
                    gradient(n),
                    legend(n.get("legendItems")),
                    metadata(n.get("metadata"), "metadata"),
                    links(n.get("links"), "links"));
        }

        private Versions versions(JsonNode n) {
            JsonNode v = n.get("versions");
            if (v != null && v.isObject()) {
                Optional<String> layer = string(v, "layer", "versions.layer");
                if (layer.isEmpty()) {
                    issue(Severity.WARNING, "versions.layer", "missing; read as format 4.5");
                } else if (!layer.get().startsWith("4.") && !layer.get().startsWith("3.")) {
                    issue(
                            Severity.WARNING,
                            "versions.layer",
                            "format " + layer.get() + " is not one atlas-ops knows (3.0, 4.0–4.5); read as 4.5");
                }
                return new Versions(
                        layer.orElse("4.5"),
                        string(v, "navigator", "versions.navigator"),
                        string(v, "attack", "versions.attack"));
            }
            if (v != null && !v.isNull()) {
                issue(Severity.ERROR, "versions", "is " + kind(v) + "; expected {\"layer\": \"4.5\", …}");
            }
            JsonNode legacy = n.get("version");
            if (legacy != null) {
                return new Versions(legacy.asText("3.0"), Optional.empty(), Optional.empty());
            }
            issue(Severity.INFO, "versions", "missing; read as format 4.5");
            return new Versions("4.5", Optional.empty(), Optional.empty());
        }

        private View view(JsonNode n) {
            Sorting sorting = Sorting.NAME_ASCENDING;
            JsonNode s = n.get("sorting");
            if (s != null && !s.isNull()) {
                Optional<Sorting> parsed =
                        s.canConvertToInt() && s.isIntegralNumber() ? Sorting.ofCode(s.asInt()) : Optional.empty();
                if (parsed.isEmpty()) {
                    issue(
                            Severity.ERROR,
                            "sorting",
                            "is " + s + "; expected 0 (name ascending), 1 (name "
                                    + "descending), 2 (score ascending) or 3 (score descending)");
                }
                sorting = parsed.orElse(Sorting.NAME_ASCENDING);
            }
            Layout layout = layout(n);
            View d = View.DEFAULT;
            return new View(
                    sorting,
                    layout,
                    bool(n, "hideDisabled", d.hideDisabled()),
                    bool(n, "showTacticRowBackground", d.showTacticRowBackground()),
                    color(n, "tacticRowBackground").orElse(d.tacticRowBackground()),
                    bool(n, "selectTechniquesAcrossTactics", d.selectTechniquesAcrossTactics()),
                    bool(n, "selectSubtechniquesWithParent", d.selectSubtechniquesWithParent()),
                    bool(n, "selectVisibleTechniques", d.selectVisibleTechniques()));
        }

        private Layout layout(JsonNode n) {
            Layout d = Layout.DEFAULT;
            JsonNode l = n.get("layout");
            if (l == null || l.isNull()) {
                JsonNode viewMode = n.get("viewMode");
                if (viewMode != null && viewMode.isInt()) {
                    // legacy 3.0: 0 side with names, 1 side with IDs, 2 mini
                    return switch (viewMode.asInt()) {
                        case 1 ->
                            new Layout(
                                    Layout.Kind.SIDE,
                                    true,
                                    false,
                                    false,
                                    false,
                                    d.aggregateFunction(),
                                    d.expandedSubtechniques());
                        case 2 ->
                            new Layout(
                                    Layout.Kind.MINI,
                                    false,
                                    false,
                                    false,
                                    false,
                                    d.aggregateFunction(),
                                    d.expandedSubtechniques());
                        default -> d;
                    };
                }
                return d;
            }
            if (!l.isObject()) {
                issue(Severity.ERROR, "layout", "is " + kind(l) + "; expected an object");
                return d;
            }
            Layout.Kind kind = choice(l, "layout", Layout.Kind.class, d.kind());
            boolean mini = kind == Layout.Kind.MINI;
            return new Layout(
                    kind,
                    !mini && bool(l, "showID", d.showId(), "layout.showID"),
                    !mini && bool(l, "showName", d.showName(), "layout.showName"),
                    bool(l, "showAggregateScores", d.showAggregateScores(), "layout.showAggregateScores"),
                    bool(l, "countUnscored", d.countUnscored(), "layout.countUnscored"),
                    choice(l, "aggregateFunction", AggregateFunction.class, d.aggregateFunction()),
                    choice(l, "expandedSubtechniques", Layout.Expansion.class, d.expandedSubtechniques()));
        }

        private <E extends Enum<E>> E choice(JsonNode l, String field, Class<E> type, E fallback) {
            JsonNode v = l.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.asText())) {
                    return e;
                }
            }
            issue(
                    Severity.ERROR,
                    "layout." + field,
                    v + " is not one of "
                            + java.util.Arrays.stream(type.getEnumConstants())
                                    .map(e -> e.name().toLowerCase(Locale.ROOT))
                                    .toList()
                            + "; read as " + fallback.name().toLowerCase(Locale.ROOT));
            return fallback;
        }

        private Gradient gradient(JsonNode n) {
            JsonNode g = n.get("gradient");
            if (g == null || g.isNull()) {
                return Gradient.DEFAULT;
            }
            if (!g.isObject()) {
                issue(
                        Severity.ERROR,
                        "gradient",
                        "is " + kind(g) + "; expected {\"colors\": [...], \"minValue\": "
                                + "0, \"maxValue\": 100}; the default red-to-green 0..100 is used");
                return Gradient.DEFAULT;
            }
            List<String> colors = new ArrayList<>();
            JsonNode c = g.get("colors");
            if (c != null && c.isArray()) {
                for (int i = 0; i < c.size(); i++) {
                    if (c.get(i).isTextual()) {
                        colors.add(c.get(i).asText());
                    } else {
                        issue(
                                Severity.ERROR,
                                "gradient.colors[" + i + "]",
                                "is " + kind(c.get(i)) + "; colours are strings such as \"#ff6666\"");
                    }
                }
            } else {
                issue(
                        Severity.ERROR,
                        "gradient.colors",
                        (c == null ? "missing" : "is " + kind(c)) + "; expected an array of at least two colours");
            }
            double min = number(g, "minValue", "gradient.minValue").orElse(Gradient.DEFAULT.minValue());
            double max = number(g, "maxValue", "gradient.maxValue").orElse(Gradient.DEFAULT.maxValue());
            return new Gradient(colors, min, max);
        }

        private List<LegendItem> legend(JsonNode n) {
            List<LegendItem> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                issue(Severity.ERROR, "legendItems", "is " + kind(n) + "; expected an array of {label, color}");
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                JsonNode item = n.get(i);
                String path = "legendItems[" + i + "]";
                Optional<String> label = item.isObject() ? string(item, "label", path + ".label") : Optional.empty();
                Optional<String> color = item.isObject() ? string(item, "color", path + ".color") : Optional.empty();
                if (label.isEmpty() || color.isEmpty()) {
                    issue(Severity.ERROR, path, "a legend item needs both label and color; left out");
                } else {
                    out.add(new LegendItem(label.get(), color.get()));
                }
            }
            return out;
        }

        private List<MetadataItem> metadata(JsonNode n, String path) {
            List<MetadataItem> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                issue(Severity.ERROR, path, "is " + kind(n) + "; expected an array of {name, value}");
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                JsonNode item = n.get(i);
                String p = path + "[" + i + "]";
                if (item.isObject() && item.path("divider").asBoolean(false)) {
                    out.add(new MetadataItem.Divider());
                    continue;
                }
                JsonNode name = item.get("name");
                JsonNode value = item.get("value");
                if (name == null || !name.isTextual() || value == null || value.isContainerNode() || value.isNull()) {
                    issue(
                            Severity.ERROR,
                            p,
                            "metadata needs a string name and a value (or {\"divider\": true}); " + "left out");
                } else {
                    out.add(MetadataItem.of(name.asText(), value.asText()));
                }
            }
            return out;
        }

        private List<LinkItem> links(JsonNode n, String path) {
            List<LinkItem> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                issue(Severity.ERROR, path, "is " + kind(n) + "; expected an array of {label, url}");
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                JsonNode item = n.get(i);
                String p = path + "[" + i + "]";
                if (item.isObject() && item.path("divider").asBoolean(false)) {
                    out.add(new LinkItem.Divider());
                    continue;
                }
                JsonNode label = item.get("label");
                JsonNode url = item.get("url");
                if (label == null || !label.isTextual() || url == null || !url.isTextual()) {
                    issue(
                            Severity.ERROR,
                            p,
                            "a link needs a string label and url (or {\"divider\": true}); " + "left out");
                } else {
                    out.add(new LinkItem.Link(label.asText(), url.asText()));
                }
            }
            return out;
        }

        private List<TechniqueAnnotation> techniques(JsonNode n) {
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                issue(Severity.ERROR, "techniques", "is " + kind(n) + "; expected an array of technique entries");
                return List.of();
            }
            Map<String, TechniqueAnnotation> merged = new LinkedHashMap<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (int i = 0; i < n.size(); i++) {
                JsonNode t = n.get(i);
                String path = "techniques[" + i + "]";
                if (!t.isObject()) {
                    issue(Severity.ERROR, path, "is " + kind(t) + ", not a technique entry; left out");
                    continue;
                }
                JsonNode idNode = t.get("techniqueID");
                if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
                    issue(
                            Severity.ERROR,
                            path,
                            "has no techniqueID; every entry names its technique, e.g. "
                                    + "\"techniqueID\": \"AML.T0051\"; left out");
                    continue;
                }
                String id = idNode.asText().trim();
                path = path + " (" + id + ")";
                t.fieldNames().forEachRemaining(k -> {
                    if (!TECHNIQUE_KEYS.contains(k)) {
                        unknown.add(k);
                    }
                });
                Optional<String> tactic = string(t, "tactic", path + ".tactic").filter(s -> !s.isBlank());
                TechniqueAnnotation a = new TechniqueAnnotation(
                        id,
                        tactic,
                        score(t, path),
                        color(t, "color", path + ".color").orElse(""),
                        string(t, "comment", path + ".comment").orElse(""),
                        bool(t, "enabled", true, path + ".enabled"),
                        metadata(t.get("metadata"), path + ".metadata"),
                        links(t.get("links"), path + ".links"),
                        bool(t, "showSubtechniques", false, path + ".showSubtechniques"));
                String key = a.key();
                seen.merge(key, 1, Integer::sum);
                merged.merge(key, a, TechniqueAnnotation::mergedWith);
            }
            if (!unknown.isEmpty()) {
                issue(Severity.INFO, "techniques", "unknown field(s) " + unknown + " ignored");
            }
            seen.forEach((key, count) -> {
                if (count > 1) {
                    issue(
                            Severity.INFO,
                            "techniques",
                            key.replace("^", " on ") + " appears " + count
                                    + " times; the entries were merged into one");
                }
            });
            return List.copyOf(merged.values());
        }

        private OptionalDouble score(JsonNode t, String path) {
            JsonNode s = t.get("score");
            if (s == null || s.isNull()) {
                return OptionalDouble.empty();
            }
            if (s.isNumber() && Double.isFinite(s.asDouble())) {
                return OptionalDouble.of(s.asDouble());
            }
            if (s.isTextual()) {
                String text = s.asText().trim();
                if (text.isEmpty()) {
                    return OptionalDouble.empty();
                }
                try {
                    double d = Double.parseDouble(text);
                    if (Double.isFinite(d)) {
                        issue(
                                Severity.WARNING,
                                path + ".score",
                                "\"" + text + "\" is a string; read as the " + "number " + text
                                        + " (write scores as JSON numbers)");
                        return OptionalDouble.of(d);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            issue(
                    Severity.ERROR,
                    path + ".score",
                    s + " is not a number; write a number such as 75, or leave "
                            + "score out for an unscored cell; read as unscored");
            return OptionalDouble.empty();
        }

        private Optional<String> color(JsonNode n, String field) {
            return color(n, field, field);
        }

        /** Colours are kept as written; {@code LayerValidator} reports the ones that do not parse. */
        private Optional<String> color(JsonNode n, String field, String path) {
            return string(n, field, path).filter(s -> !s.isBlank()).map(String::trim);
        }

        private Optional<String> string(JsonNode n, String field) {
            return string(n, field, field);
        }

        private Optional<String> string(JsonNode n, String field, String path) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (v.isTextual()) {
                return Optional.of(v.asText());
            }
            if (v.isNumber() || v.isBoolean()) {
                return Optional.of(v.asText());
            }
            issue(Severity.ERROR, path, "is " + kind(v) + "; expected a string; ignored");
            return Optional.empty();
        }

        private OptionalDouble number(JsonNode n, String field, String path) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return OptionalDouble.empty();
            }
            if (v.isNumber()) {
                return OptionalDouble.of(v.asDouble());
            }
            if (v.isTextual()) {
                try {
                    return OptionalDouble.of(Double.parseDouble(v.asText().trim()));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            issue(Severity.ERROR, path, v + " is not a number; the default is used");
            return OptionalDouble.empty();
        }

        private boolean bool(JsonNode n, String field, boolean fallback) {
            return bool(n, field, fallback, field);
        }

        private boolean bool(JsonNode n, String field, boolean fallback, String path) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            issue(Severity.ERROR, path, v + " is not true or false; read as " + fallback);
            return fallback;
        }
    }
}
