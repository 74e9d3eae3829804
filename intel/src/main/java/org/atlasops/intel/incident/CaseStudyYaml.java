package org.atlasops.intel.incident;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.failure.BadInputException;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The ATLAS website's case-study file (schema 1.1): {@code {study: {...}, meta: {...}}}, as its case-study builder
 * downloads and uploads it. A bare study (the mapping without the wrapper) is read too. Reading collects every
 * problem with its file, line and field; nothing is instantiated from the input, and aliases, nesting and size are
 * bounded.
 */
public final class CaseStudyYaml {
    /** The schema version the website's builder writes into {@code meta.version}. */
    public static final String SCHEMA_VERSION = "1.1";

    public static final int MAX_CHARS = 2 * 1024 * 1024;

    /** What a file holds: the study, its TLP from {@code meta.tlp} when there is one, and the meta as read. */
    public record Read(Study study, Optional<Tlp> tlp, Map<String, String> meta) {
        public Read {
            meta = Map.copyOf(meta);
        }
    }

    private final String file;
    private final List<String> problems = new ArrayList<>();
    /** The mapping read last: where a missing key is reported. */
    private Node lastMap;

    private CaseStudyYaml(String file) {
        this.file = file;
    }

    /** Reads a case-study file; {@code file} names it in messages. */
    public static Read read(String text, String file) {
        if (text.length() > MAX_CHARS) {
            throw new BadInputException(file + ": larger than " + MAX_CHARS / 1024 + " KiB; a case study is a few KiB");
        }
        return new CaseStudyYaml(file).parse(text);
    }

    private Read parse(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setMaxAliasesForCollections(20)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
        Node root;
        try {
            Composer composer = new Composer(
                    settings, new ParserImpl(settings, new StreamReader(settings, new StringReader(text))));
            root = composer.getSingleNode().orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            throw new StudyFileException(List.of(file + ":" + line + ": not valid YAML: " + e.getProblem()));
        } catch (YamlEngineException e) {
            throw new StudyFileException(List.of(file + ":1: not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode rootMap)) {
            throw new StudyFileException(List.of(file + ":1: expected a case study: a mapping with 'study' and 'meta' "
                    + "(the ATLAS website's case-study file)"));
        }
        if (depth(root, 0) > 20) {
            throw new StudyFileException(List.of(file + ":1: nested more than 20 levels deep; a case study is flat"));
        }
        Map<String, Node> top = map(rootMap, "");
        Node studyNode = top.containsKey("study") ? top.get("study") : root;
        Map<String, String> meta = new LinkedHashMap<>();
        Optional<Tlp> tlp = Optional.empty();
        if (top.get("meta") instanceof MappingNode metaMap) {
            for (Map.Entry<String, Node> e : map(metaMap, "meta").entrySet()) {
                if (e.getValue() instanceof ScalarNode s) {
                    meta.put(e.getKey(), s.getValue());
                }
            }
            if (meta.containsKey("tlp")) {
                tlp = Tlp.parse(meta.get("tlp"));
                if (tlp.isEmpty()) {
                    problem(
                            map(metaMap, "meta").get("tlp"),
                            "meta.tlp",
                            "'" + meta.get("tlp") + "' is not a TLP level: " + "use " + Tlp.choices());
                }
            }
        }
        if (!(studyNode instanceof MappingNode studyMap)) {
            problem(studyNode, "study", "expected a mapping with name, summary, incident-date and procedure");
            throw new StudyFileException(problems);
        }
        Study study = study(studyMap);
        if (!problems.isEmpty()) {
            // in the order of the file, as an editor shows them
            problems.sort(java.util.Comparator.comparingInt(this::lineOf));
            throw new StudyFileException(problems);
        }
        return new Read(study, tlp, meta);
    }

    private Study study(MappingNode node) {
        String at = "study";
        Map<String, Node> f = map(node, at);
        String name = text(f, at, "name", true).orElse("");
        String summary = text(f, at, "summary", true).orElse("");
        Optional<String> dateText = text(f, at, "incident-date", true);
        Optional<String> granularityText = text(f, at, "incident-date-granularity", true);
        LocalDate date = LocalDate.of(1970, 1, 1);
        if (dateText.isPresent()) {
            String d = dateText.get();
            try {
                date = LocalDate.parse(d.length() > 10 ? d.substring(0, 10) : d);
            } catch (DateTimeParseException e) {
                problem(f.get("incident-date"), at + ".incident-date", "'" + d + "' is not a date: use YYYY-MM-DD");
            }
        }
        IncidentDate.Granularity granularity = IncidentDate.Granularity.DATE;
        if (granularityText.isPresent()) {
            try {
                granularity = IncidentDate.Granularity.valueOf(
                        granularityText.get().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(
                        f.get("incident-date-granularity"),
                        at + ".incident-date-granularity",
                        "'" + granularityText.get() + "' is not YEAR, MONTH or DATE");
            }
        }
        StudyType type = StudyType.INCIDENT;
        Optional<String> typeText = text(f, at, "case-study-type", false);
        if (typeText.isPresent()) {
            Optional<StudyType> t = StudyType.parse(typeText.get());
            if (t.isEmpty()) {
                problem(
                        f.get("case-study-type"),
                        at + ".case-study-type",
                        "'" + typeText.get() + "' is not incident or exercise");
            } else {
                type = t.get();
            }
        }
        String target = text(f, at, "target", false).orElse("");
        String actor = text(f, at, "actor", false).orElse("");
        Optional<String> reporter = text(f, at, "reporter", false);
        List<Reference> references = references(f.get("references"), at + ".references");
        List<ProcedureStep> steps = procedure(f.get("procedure"), at + ".procedure");
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return new Study(
                    name,
                    summary,
                    new IncidentDate(date, granularity),
                    type,
                    target,
                    actor,
                    reporter,
                    references,
                    steps);
        } catch (BadInputException e) {
            problem(node, at, e.getMessage());
            return null;
        }
    }

    private List<Reference> references(Node node, String at) {
        List<Reference> refs = new ArrayList<>();
        if (node == null || isNull(node)) {
            return refs;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, at, "expected a list of {title, url}");
            return refs;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String here = at + "[" + i + "]";
            if (!(item instanceof MappingNode m)) {
                problem(item, here, "expected {title, url}");
                continue;
            }
            Map<String, Node> f = map(m, here);
            refs.add(new Reference(
                    text(f, here, "title", false).orElse(""),
                    text(f, here, "url", false).orElse("")));
        }
        return refs;
    }

    private List<ProcedureStep> procedure(Node node, String at) {
        List<ProcedureStep> steps = new ArrayList<>();
        if (node == null) {
            problem(null, at, "missing: a case study needs a procedure (a list of {tactic, technique, description})");
            return steps;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, at, "expected a list of {tactic, technique, description}");
            return steps;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String here = at + "[" + i + "]";
            if (!(item instanceof MappingNode m)) {
                problem(item, here, "expected {tactic, technique, description}");
                continue;
            }
            Map<String, Node> f = map(m, here);
            Optional<AtlasId> tactic = id(f, here, "tactic");
            Optional<AtlasId> technique = id(f, here, "technique");
            String description = text(f, here, "description", false).orElse("");
            if (tactic.isPresent() && technique.isPresent()) {
                steps.add(new ProcedureStep(tactic.get(), technique.get(), description));
            }
        }
        return steps;
    }

    private Optional<AtlasId> id(Map<String, Node> f, String at, String key) {
        Node n = f.get(key);
        if (n instanceof MappingNode) {
            problem(
                    n,
                    at + "." + key,
                    "an inline " + key + " (a proposal of a new one) cannot be registered: use an "
                            + "ATLAS ID such as " + (key.equals("tactic") ? "AML.TA0005" : "AML.T0051"));
            return Optional.empty();
        }
        Optional<String> t = text(f, at, key, true);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<AtlasId> id = AtlasId.tryParse(t.get());
        if (id.isEmpty()
                || (key.equals("tactic") ? !id.get().isTactic() : !id.get().isTechnique())) {
            problem(
                    n,
                    at + "." + key,
                    "'" + t.get() + "' is not a " + key + " ID: use the form "
                            + (key.equals("tactic") ? "AML.TA0005" : "AML.T0051 or AML.T0051.000"));
            return Optional.empty();
        }
        return id;
    }

    private Optional<String> text(Map<String, Node> f, String at, String key, boolean required) {
        Node n = f.get(key);
        if (n == null || isNull(n)) {
            if (required) {
                problem(n, at + "." + key, "missing: the case-study schema 1.1 requires it");
            }
            return Optional.empty();
        }
        if (!(n instanceof ScalarNode s)) {
            problem(n, at + "." + key, "expected text, found a " + (n instanceof SequenceNode ? "list" : "mapping"));
            return Optional.empty();
        }
        return Optional.of(s.getValue());
    }

    private Map<String, Node> map(MappingNode node, String at) {
        lastMap = node;
        Map<String, Node> m = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                if (m.put(k.getValue(), t.getValueNode()) != null) {
                    problem(k, (at.isEmpty() ? "" : at + ".") + k.getValue(), "given twice; keep one");
                }
            }
        }
        return m;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    private static int depth(Node n, int d) {
        if (d > 20) {
            return d;
        }
        if (n instanceof MappingNode m) {
            return m.getValue().stream()
                    .mapToInt(t -> depth(t.getValueNode(), d + 1))
                    .max()
                    .orElse(d + 1);
        }
        if (n instanceof SequenceNode s) {
            return s.getValue().stream().mapToInt(x -> depth(x, d + 1)).max().orElse(d + 1);
        }
        return d;
    }

    private int lineOf(String problem) {
        String rest = problem.substring(file.length() + 1);
        try {
            return Integer.parseInt(rest.substring(0, rest.indexOf(':')));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0;
        }
    }

    private void problem(Node node, String field, String message) {
        Node at = node != null ? node : lastMap;
        if (node == null && at instanceof MappingNode m && !m.getValue().isEmpty()) {
            at = m.getValue().get(0).getKeyNode(); // a block mapping's own mark can be on the line of its parent key
        }
        int line = at == null ? 1 : at.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        problems.add(file + ":" + line + ": " + field + ": " + message);
    }

    /**
     * Writes the website's form: {@code study} with the schema's keys in its order, {@code meta} with the builder's
     * {@code version}, {@code uuid} and dates, and the TLP marking. The uuid is derived from the study's name and
     * date, so the same study writes the same bytes.
     */
    public static String write(Study study, Tlp tlp, LocalDate written) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", study.name());
        s.put("summary", study.summary());
        s.put("incident-date", study.date().date().toString());
        s.put("incident-date-granularity", study.date().granularity().name());
        s.put(
                "procedure",
                study.procedure().stream()
                        .map(p -> {
                            Map<String, Object> step = new LinkedHashMap<>();
                            step.put("tactic", p.tacticId().value());
                            step.put("technique", p.techniqueId().value());
                            step.put("description", p.description());
                            return step;
                        })
                        .toList());
        s.put("target", study.target());
        s.put("actor", study.actor());
        s.put("case-study-type", study.type().label());
        // the website's builder blanks the reporter of an exercise
        study.reporter().filter(r -> study.type() == StudyType.INCIDENT).ifPresent(r -> s.put("reporter", r));
        if (!study.references().isEmpty()) {
            s.put(
                    "references",
                    study.references().stream()
                            .map(r -> {
                                Map<String, Object> ref = new LinkedHashMap<>();
                                ref.put("title", r.title());
                                ref.put("url", r.url());
                                return ref;
                            })
                            .toList());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date-created", written.toString());
        meta.put("date-updated", written.toString());
        meta.put(
                "uuid",
                UUID.nameUUIDFromBytes(
                                (study.name() + "\n" + study.date()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
        meta.put("version", SCHEMA_VERSION);
        meta.put("tlp", tlp.label());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("study", s);
        doc.put("meta", meta);
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setDefaultScalarStyle(ScalarStyle.PLAIN)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(doc);
    }
}
