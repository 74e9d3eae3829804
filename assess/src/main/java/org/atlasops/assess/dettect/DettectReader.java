package org.atlasops.assess.dettect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.assess.AtlasIds;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.read.YNode;
import org.atlasops.kb.read.YamlTree;

/**
 * Reads DeTT&CT files with the ATLAS domain. Every flaw is reported as {@code file:line:column: field: problem};
 * the first is thrown with the count of the others. Keys this reader does not use are ignored, as DeTT&CT does.
 */
public final class DettectReader {
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final String file;
    private final Optional<KnowledgeBase> kb;
    private final List<String> problems = new ArrayList<>();

    private DettectReader(String file, Optional<KnowledgeBase> kb) {
        this.file = file;
        this.kb = kb;
    }

    /**
     * A techniques administration file. With a release, every technique ID must be in it (the nearest match is
     * named); without one (reading a file of an older release to carry it forward), any technique ID is kept.
     */
    public static TechniqueAdministration techniques(Path path, Optional<KnowledgeBase> kb) {
        DettectReader r = new DettectReader(path.toString(), kb);
        YNode.YMap root = r.root(path, "technique-administration");
        TechniqueAdministration t = r.techniques(root);
        r.finish();
        return t;
    }

    /** A techniques administration file given as text (an upload), named {@code file} in every problem. */
    public static TechniqueAdministration techniques(String text, String file, Optional<KnowledgeBase> kb) {
        DettectReader r = new DettectReader(file, kb);
        TechniqueAdministration t = r.techniques(r.root(text, "technique-administration"));
        r.finish();
        return t;
    }

    /** A data sources administration file given as text (an upload), named {@code file} in every problem. */
    public static DataSourceAdministration dataSources(String text, String file) {
        DettectReader r = new DettectReader(file, Optional.empty());
        DataSourceAdministration d = r.dataSources(r.root(text, "data-source-administration"));
        r.finish();
        return d;
    }

    public static DataSourceAdministration dataSources(Path path) {
        DettectReader r = new DettectReader(path.toString(), Optional.empty());
        YNode.YMap root = r.root(path, "data-source-administration");
        DataSourceAdministration d = r.dataSources(root);
        r.finish();
        return d;
    }

    private void finish() {
        if (!problems.isEmpty()) {
            throw new AtlasDataException(
                    problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    private YNode.YMap root(Path path, String fileType) {
        if (Files.isDirectory(path)) {
            throw new BadInputException(file + ": is a folder; give a DeTT&CT " + fileType + " YAML file");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(file + ": no such file; give a DeTT&CT " + fileType + " YAML file");
        }
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new BadInputException(file + ": larger than 8 MB; not a DeTT&CT file");
            }
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return root(text, fileType);
    }

    private YNode.YMap root(String text, String fileType) {
        if (text.length() > MAX_BYTES) {
            throw new BadInputException(file + ": larger than 8 MB; not a DeTT&CT file");
        }
        if (text.isBlank() || text.indexOf('\0') >= 0) {
            throw new BadInputException(file + ":1:1: " + (text.isBlank() ? "empty" : "a binary file")
                    + "; expected a DeTT&CT " + fileType + " YAML file (docs/assess.md)");
        }
        YNode root = YamlTree.parse(new java.io.StringReader(text), file);
        if (!(root instanceof YNode.YMap map)) {
            throw new AtlasDataException(
                    root.pos() + ": expected a DeTT&CT " + fileType + " file (a map), found " + root.kind());
        }
        String type = map.get("file_type").map(v -> scalar(v, "file_type")).orElse("");
        if (!type.equals(fileType)) {
            throw new AtlasDataException(map.get("file_type").map(YNode::pos).orElse(map.pos())
                    + ": file_type: expected '" + fileType + "', found '" + type + "'");
        }
        String domain = map.get("domain").map(v -> scalar(v, "domain")).orElse("");
        if (!domain.equals("atlas") && !domain.equals(TechniqueAdministration.DOMAIN)) {
            throw new AtlasDataException(map.get("domain").map(YNode::pos).orElse(map.pos()) + ": domain: '" + domain
                    + "' is not ATLAS; atlas-ops reads DeTT&CT files with domain " + TechniqueAdministration.DOMAIN
                    + " (or atlas)");
        }
        return map;
    }

    private TechniqueAdministration techniques(YNode.YMap root) {
        String name = root.get("name").map(v -> scalar(v, "name")).orElse("");
        List<String> platforms =
                root.get("platform").map(v -> strings(v, "platform")).orElse(List.of());
        List<TechniqueScores> out = new ArrayList<>();
        Map<AtlasId, Integer> seen = new HashMap<>();
        List<YNode> items =
                root.get("techniques").map(v -> list(v, "techniques")).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String f = "techniques[" + i + "]";
            if (!(items.get(i) instanceof YNode.YMap t)) {
                problem(items.get(i), f, "expected a map with technique_id, detection and visibility");
                continue;
            }
            Optional<YNode> idNode = t.get("technique_id");
            if (idNode.isEmpty()) {
                problem(t, f + ".technique_id", "missing");
                continue;
            }
            String idText = scalar(idNode.get(), f + ".technique_id");
            Optional<AtlasId> id = AtlasId.tryParse(idText).filter(x -> x.isTechnique() || x.isSubTechnique());
            Optional<String> wrong = kb.flatMap(k -> AtlasIds.problem(k, idText, ObjectType.TECHNIQUE));
            if (id.isEmpty() || wrong.isPresent()) {
                problem(
                        idNode.get(),
                        f + ".technique_id",
                        wrong.orElse("'" + idText + "' is not an ATLAS technique ID (like AML.T0051)"));
                continue;
            }
            Integer before = seen.put(id.get(), t.pos().line());
            if (before != null) {
                problem(
                        idNode.get(),
                        f + ".technique_id",
                        id.get() + " is listed twice (first at line " + before + "); merge them");
                continue;
            }
            String techniqueName = t.get("technique_name")
                    .map(v -> scalar(v, f + ".technique_name"))
                    .orElse("");
            List<ScoreObject> detection = objects(t.get("detection"), f + ".detection", -1, 5);
            List<ScoreObject> visibility = objects(t.get("visibility"), f + ".visibility", 0, 4);
            out.add(new TechniqueScores(
                    id.get(), techniqueName, detection, visibility, t.pos().line()));
        }
        return new TechniqueAdministration(name, scalarOr(root, "domain"), platforms, out, file);
    }

    private List<ScoreObject> objects(Optional<YNode> node, String field, int min, int max) {
        if (node.isEmpty()) {
            return List.of();
        }
        List<YNode> items = node.get() instanceof YNode.YMap ? List.of(node.get()) : list(node.get(), field);
        List<ScoreObject> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String f = field + "[" + i + "]";
            if (!(items.get(i) instanceof YNode.YMap o)) {
                problem(items.get(i), f, "expected a map with applicable_to and score_logbook");
                continue;
            }
            List<String> applicable = o.get("applicable_to")
                    .map(v -> strings(v, f + ".applicable_to"))
                    .orElse(List.of("all"));
            List<String> location =
                    o.get("location").map(v -> strings(v, f + ".location")).orElse(List.of());
            String comment =
                    o.get("comment").map(v -> scalar(v, f + ".comment")).orElse("");
            List<ScoreEntry> log = new ArrayList<>();
            List<YNode> entries = o.get("score_logbook")
                    .map(v -> v instanceof YNode.YMap ? List.of(v) : list(v, f + ".score_logbook"))
                    .orElse(List.of());
            for (int j = 0; j < entries.size(); j++) {
                String g = f + ".score_logbook[" + j + "]";
                if (!(entries.get(j) instanceof YNode.YMap e)) {
                    problem(entries.get(j), g, "expected a map with date, score and comment");
                    continue;
                }
                Optional<LocalDate> date = e.get("date").flatMap(v -> date(v, g + ".date"));
                if (e.get("date").isEmpty()) {
                    problem(e, g + ".date", "missing; the day the score was given (YYYY-MM-DD)");
                }
                Optional<YNode> scoreNode = e.get("score");
                Integer score = null;
                if (scoreNode.isEmpty()) {
                    problem(e, g + ".score", "missing; a number from " + min + " to " + max);
                } else {
                    String s = scalar(scoreNode.get(), g + ".score");
                    try {
                        score = Integer.parseInt(s);
                        if (score < min || score > max) {
                            problem(scoreNode.get(), g + ".score", score + " is outside " + min + " to " + max);
                            score = null;
                        }
                    } catch (NumberFormatException ex) {
                        problem(
                                scoreNode.get(),
                                g + ".score",
                                "'" + s + "' is not a whole number from " + min + " to " + max);
                    }
                }
                String c = e.get("comment").map(v -> scalar(v, g + ".comment")).orElse("");
                boolean auto = e.get("auto_generated")
                        .map(v -> scalar(v, g + ".auto_generated"))
                        .map("true"::equalsIgnoreCase)
                        .orElse(false);
                if (date.isPresent() && score != null) {
                    log.add(new ScoreEntry(date.get(), score, c, auto));
                }
            }
            out.add(new ScoreObject(applicable, location, comment, log));
        }
        return out;
    }

    private DataSourceAdministration dataSources(YNode.YMap root) {
        String name = root.get("name").map(v -> scalar(v, "name")).orElse("");
        List<DataSourceAdministration.DataSource> out = new ArrayList<>();
        List<YNode> items =
                root.get("data_sources").map(v -> list(v, "data_sources")).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String f = "data_sources[" + i + "]";
            if (!(items.get(i) instanceof YNode.YMap d)) {
                problem(items.get(i), f, "expected a map with data_source_name and data_source");
                continue;
            }
            Optional<YNode> nameNode = d.get("data_source_name");
            if (nameNode.isEmpty()) {
                problem(d, f + ".data_source_name", "missing");
                continue;
            }
            String dsName = scalar(nameNode.get(), f + ".data_source_name");
            List<YNode> entries = d.get("data_source")
                    .map(v -> v instanceof YNode.YMap ? List.of(v) : list(v, f + ".data_source"))
                    .orElse(List.of());
            List<DataSourceAdministration.Entry> es = new ArrayList<>();
            for (int j = 0; j < entries.size(); j++) {
                String g = f + ".data_source[" + j + "]";
                if (!(entries.get(j) instanceof YNode.YMap e)) {
                    problem(entries.get(j), g, "expected a map");
                    continue;
                }
                Map<String, Integer> quality = new LinkedHashMap<>();
                e.get("data_quality").ifPresent(q -> {
                    if (!(q instanceof YNode.YMap qm)) {
                        problem(q, g + ".data_quality", "expected a map of the five dimensions");
                        return;
                    }
                    for (String dim : DataSourceAdministration.QUALITY) {
                        qm.get(dim).ifPresent(v -> {
                            String s = scalar(v, g + ".data_quality." + dim);
                            try {
                                int n = Integer.parseInt(s);
                                if (n < 0 || n > 5) {
                                    problem(v, g + ".data_quality." + dim, n + " is outside 0 to 5");
                                } else {
                                    quality.put(dim, n);
                                }
                            } catch (NumberFormatException ex) {
                                problem(v, g + ".data_quality." + dim, "'" + s + "' is not a whole number from 0 to 5");
                            }
                        });
                    }
                });
                e.get("date_registered").ifPresent(v -> date(v, g + ".date_registered"));
                e.get("date_connected").ifPresent(v -> date(v, g + ".date_connected"));
                es.add(new DataSourceAdministration.Entry(
                        e.get("applicable_to")
                                .map(v -> strings(v, g + ".applicable_to"))
                                .orElse(List.of("all")),
                        e.get("date_registered").map(v -> scalar(v, g)).orElse(""),
                        e.get("date_connected").map(v -> scalar(v, g)).orElse(""),
                        e.get("products").map(v -> strings(v, g + ".products")).orElse(List.of()),
                        e.get("available_for_data_analytics")
                                .map(v -> scalar(v, g))
                                .map("true"::equalsIgnoreCase)
                                .orElse(false),
                        e.get("comment").map(v -> scalar(v, g + ".comment")).orElse(""),
                        quality));
            }
            out.add(new DataSourceAdministration.DataSource(dsName, es, d.pos().line()));
        }
        return new DataSourceAdministration(name, scalarOr(root, "domain"), out, file);
    }

    private String scalarOr(YNode.YMap map, String key) {
        return map.get(key).map(v -> scalar(v, key)).orElse("");
    }

    private Optional<LocalDate> date(YNode v, String field) {
        String s = scalar(v, field);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            problem(v, field, "'" + s + "' is not a date (YYYY-MM-DD)");
            return Optional.empty();
        }
    }

    private String scalar(YNode v, String field) {
        if (v instanceof YNode.YScalar s) {
            return s.value() == null ? "" : s.value().strip();
        }
        problem(v, field, "expected a single value, found " + v.kind());
        return "";
    }

    private List<String> strings(YNode v, String field) {
        if (v instanceof YNode.YScalar) {
            String s = scalar(v, field);
            return s.isEmpty() ? List.of() : List.of(s);
        }
        return list(v, field).stream()
                .map(x -> scalar(x, field))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private List<YNode> list(YNode v, String field) {
        if (v instanceof YNode.YList l) {
            return l.items();
        }
        if (!v.isNull()) {
            problem(v, field, "expected a list, found " + v.kind());
        }
        return List.of();
    }

    private void problem(YNode at, String field, String message) {
        problems.add(at.pos() + ": " + field + ": " + message);
    }
}
