package org.atlasops.emulate.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.atlasops.emulate.convert.ConverterChain;
import org.atlasops.emulate.convert.PhraseTable;
import org.atlasops.emulate.target.Request;
import org.atlasops.emulate.target.TargetKind;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * Reads procedures and checks them against an ATLAS release. Every error names the file, the line and the field,
 * the rule broken and the fix: {@code my.yaml:12: field 'steps[1].chat.prompt': ...}.
 */
public final class ProcedureLoader {
    private static final String BUNDLED_INDEX = "/org/atlasops/emulate/procedures/index.txt";
    private static final Set<String> TOP = Set.of(
            "schema",
            "id",
            "name",
            "description",
            "tactic",
            "technique",
            "targets",
            "steps",
            "judge",
            "references",
            "tags",
            "attempts");
    private static final Map<String, Set<String>> STEP_FIELDS = Map.of(
            "chat", Set.of("system", "history", "prompt", "template", "converters"),
            "plant", Set.of("channel", "name", "content", "converters"),
            "list-tools", Set.of(),
            "call-tool", Set.of("tool", "arguments"),
            "infer", Set.of("input", "generate", "label", "repeat", "converters"));

    private final KnowledgeBase kb;

    public ProcedureLoader(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** The procedures shipped with atlas-ops, in library order. */
    public List<Procedure> bundled() {
        List<Procedure> out = new ArrayList<>();
        try (InputStream index = ProcedureLoader.class.getResourceAsStream(BUNDLED_INDEX)) {
            if (index == null) {
                throw new IllegalStateException("the bundled procedure index is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String name = r.readLine(); name != null; name = r.readLine()) {
                name = name.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try (InputStream in =
                        ProcedureLoader.class.getResourceAsStream("/org/atlasops/emulate/procedures/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled procedure " + name + " is listed but missing");
                    }
                    out.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled:" + name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled procedures", e);
        }
        return out;
    }

    /** Every {@code *.yaml} / {@code *.yml} file of a folder (not recursive), sorted by name. */
    public List<Procedure> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            if (!Files.exists(dir)) {
                throw new NotFoundException(
                        dir + ": no such folder; give --procedures a folder of procedure YAML files");
            }
            throw new BadInputException(dir + ": not a folder; give --procedures a folder of procedure YAML files");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
        List<Procedure> out = new ArrayList<>();
        for (Path f : files) {
            out.add(file(f));
        }
        return out;
    }

    public Procedure file(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            return parse(text, file.toString());
        } catch (NoSuchFileException e) {
            throw new NotFoundException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ":1: not UTF-8 text; procedures are UTF-8 YAML");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads one procedure from its text; {@code file} names it in errors. */
    public Procedure parse(String text, String file) {
        Node root = ProcedureYaml.parse(text, file);
        Node.MapNode m = map(root, "the document");
        for (String key : m.entries().keySet()) {
            if (!TOP.contains(key)) {
                throw error(m.entries().get(key), "unknown field; a procedure has " + String.join(", ", sorted(TOP)));
            }
        }
        Node schema = required(m, "schema");
        if (!"1".equals(scalar(schema))) {
            throw error(schema, "schema " + scalar(schema) + " is not known; this atlas-ops reads schema 1");
        }
        Node idNode = required(m, "id");
        String id = text(idNode);
        if (!Procedure.ID.matcher(id).matches()) {
            throw error(idNode, "'" + id + "' is not an id; use 2 to 80 lower-case letters, digits and '-'");
        }
        String name = text(required(m, "name"));
        String description = m.get("description").map(this::text).orElse("");
        Technique technique = technique(required(m, "technique"));
        Node tacticNode = required(m, "tactic");
        AtlasId tactic = tactic(tacticNode, technique);
        Set<TargetKind> targets = targets(required(m, "targets"));
        Node.ListNode stepsNode = list(required(m, "steps"));
        if (stepsNode.items().isEmpty()) {
            throw error(stepsNode, "a procedure needs at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (Node s : stepsNode.items()) {
            steps.add(step(s));
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.kinds().stream().noneMatch(targets::contains)) {
                throw error(
                        stepsNode.items().get(i),
                        "this step needs a target of kind "
                                + s.kinds().stream().map(TargetKind::label).toList()
                                + "; add it to 'targets' or remove the step");
            }
        }
        JudgeSpec judge = judge(required(m, "judge"));
        List<String> refs = m.get("references").map(this::strings).orElse(List.of());
        List<String> tags = m.get("tags").map(this::strings).orElse(List.of()).stream()
                .map(t -> t.toLowerCase(Locale.ROOT))
                .toList();
        int attempts = m.get("attempts").map(n -> integer(n, 1, 20)).orElse(1);
        return new Procedure(
                id,
                name,
                description,
                tactic,
                technique.id(),
                targets,
                steps,
                judge,
                refs,
                tags,
                attempts,
                file,
                kb.version());
    }

    private Technique technique(Node node) {
        String value = text(node).strip();
        Optional<AtlasId> parsed = AtlasId.tryParse(value);
        if (parsed.isEmpty() || !parsed.get().isTechnique() && !parsed.get().isSubTechnique()) {
            throw error(node, "'" + value + "' is not a technique ID; write AML.Tnnnn or AML.Tnnnn.nnn");
        }
        return kb.technique(parsed.get())
                .orElseThrow(() -> error(
                        node,
                        "ATLAS " + kb.version() + " has no technique " + value + "; the nearest is " + nearest(value)
                                + " (check 'atlas-ops kb list techniques')"));
    }

    private AtlasId tactic(Node node, Technique technique) {
        String value = text(node).strip();
        Optional<Tactic> t = AtlasId.tryParse(value).flatMap(kb::tactic).or(() -> kb.tacticByShortname(value));
        if (t.isEmpty()) {
            throw error(
                    node,
                    "ATLAS " + kb.version() + " has no tactic '" + value + "'; " + technique.id() + " belongs to "
                            + tacticList(technique));
        }
        if (!technique.tacticIds().contains(t.get().id())) {
            throw error(
                    node,
                    technique.id() + " (" + technique.name() + ") does not belong to "
                            + t.get().id()
                            + " (" + t.get().name() + ") in ATLAS " + kb.version() + "; it belongs to "
                            + tacticList(technique));
        }
        return t.get().id();
    }

    private String tacticList(Technique technique) {
        return String.join(
                ", ",
                technique.tacticIds().stream()
                        .map(id -> id
                                + kb.tactic(id).map(x -> " (" + x.name() + ")").orElse(""))
                        .toList());
    }

    private String nearest(String value) {
        return kb.nearest(value, ObjectType.TECHNIQUE)
                .map(t -> t.id() + " (" + t.name() + ")")
                .orElse("");
    }

    private Set<TargetKind> targets(Node node) {
        Set<TargetKind> out = EnumSet.noneOf(TargetKind.class);
        for (Node item : list(node).items()) {
            String v = text(item).strip().toLowerCase(Locale.ROOT);
            Optional<TargetKind> k = Stream.of(TargetKind.values())
                    .filter(x -> x.label().equals(v))
                    .findFirst();
            out.add(k.orElseThrow(() -> error(
                    item,
                    "'" + v + "' is not a target kind; kinds are "
                            + Stream.of(TargetKind.values())
                                    .map(TargetKind::label)
                                    .toList())));
        }
        if (out.isEmpty()) {
            throw error(node, "name at least one target kind");
        }
        return out;
    }

    private Step step(Node node) {
        Node.MapNode m = map(node, "a step");
        if (m.entries().size() != 1) {
            throw error(node, "a step is a map with one key, its kind: " + sorted(STEP_FIELDS.keySet()));
        }
        String kind = m.entries().keySet().iterator().next();
        Node body = m.entries().get(kind);
        if (!STEP_FIELDS.containsKey(kind)) {
            throw error(body, "'" + kind + "' is not a step kind; kinds are " + sorted(STEP_FIELDS.keySet()));
        }
        Node.MapNode b = body instanceof Node.Scalar s && s.value() == null
                ? new Node.MapNode(body.file(), body.line(), body.path(), Map.of())
                : map(body, "the step's fields");
        for (String key : b.entries().keySet()) {
            if (!STEP_FIELDS.get(kind).contains(key)) {
                throw error(
                        b.entries().get(key),
                        "unknown field of a " + kind + " step; it has " + sorted(STEP_FIELDS.get(kind)));
            }
        }
        return switch (kind) {
            case "chat" -> chat(b);
            case "plant" -> {
                ConverterChain c = converters(b, Optional.of(required(b, "content")));
                yield new Step.Plant(
                        text(required(b, "channel")).strip().toLowerCase(Locale.ROOT),
                        text(required(b, "name")),
                        text(required(b, "content")),
                        c);
            }
            case "list-tools" -> new Step.ListTools();
            case "call-tool" ->
                new Step.CallTool(
                        text(required(b, "tool")),
                        b.get("arguments").map(this::json).orElse(JsonNodeFactory.instance.objectNode()));
            default -> infer(b);
        };
    }

    private Step.Chat chat(Node.MapNode b) {
        Node prompt = required(b, "prompt");
        List<Request.Message> history = new ArrayList<>();
        for (Node h : b.get("history").map(this::list).map(Node.ListNode::items).orElse(List.of())) {
            Node.MapNode hm = map(h, "a message {role, content}");
            Node roleNode = required(hm, "role");
            String role = text(roleNode);
            if (!Set.of("system", "user", "assistant", "tool").contains(role)) {
                throw error(roleNode, "role is system, user, assistant or tool, not '" + role + "'");
            }
            history.add(new Request.Message(role, text(required(hm, "content"))));
        }
        Optional<String> template = b.get("template").map(this::text);
        if (template.isPresent() && !template.get().contains("{payload}")) {
            throw error(b.get("template").get(), "a template places the converted prompt at {payload}; add it");
        }
        return new Step.Chat(
                b.get("system").map(this::text), history, text(prompt), template, converters(b, Optional.of(prompt)));
    }

    private Step.Infer infer(Node.MapNode b) {
        Optional<JsonNode> input = b.get("input").map(this::json);
        Optional<Step.Generate> generate = b.get("generate").map(g -> {
            Node.MapNode gm = map(g, "generate {count, features, min, max}");
            double min = number(required(gm, "min"));
            double max = number(required(gm, "max"));
            if (!(min < max)) {
                throw error(gm, "min must be below max");
            }
            return new Step.Generate(
                    integer(required(gm, "count"), 1, Step.Infer.MAX_QUERIES),
                    integer(required(gm, "features"), 1, 1000),
                    min,
                    max);
        });
        if (input.isPresent() == generate.isPresent()) {
            throw error(
                    b,
                    "an infer step has either 'input' (one query) or 'generate' (seeded queries), not "
                            + (input.isPresent() ? "both" : "neither"));
        }
        int repeat =
                b.get("repeat").map(n -> integer(n, 1, Step.Infer.MAX_QUERIES)).orElse(1);
        int queries = repeat * generate.map(Step.Generate::count).orElse(1);
        if (queries > Step.Infer.MAX_QUERIES) {
            throw error(
                    b,
                    "the step sends " + queries + " queries; a step sends at most " + Step.Infer.MAX_QUERIES
                            + " (procedures are bounded); lower repeat or count");
        }
        return new Step.Infer(
                input,
                generate,
                b.get("label").map(this::text).orElse("query"),
                repeat,
                converters(b, Optional.empty()));
    }

    private ConverterChain converters(Node.MapNode b, Optional<Node> textNode) {
        Optional<Node> c = b.get("converters");
        if (c.isEmpty()) {
            return ConverterChain.NONE;
        }
        List<String> names = strings(c.get());
        ConverterChain chain;
        try {
            chain = ConverterChain.parse(names);
        } catch (IllegalArgumentException e) {
            throw error(c.get(), e.getMessage());
        }
        if (chain.translationAfterOthers()) {
            throw error(
                    c.get(),
                    "translate must come before other converters (the table looks up the plain "
                            + "sentence); move it first");
        }
        for (String n : names) {
            if (n.strip().toLowerCase(Locale.ROOT).startsWith("translate:") && textNode.isPresent()) {
                String lang = n.strip().substring("translate:".length()).toLowerCase(Locale.ROOT);
                List<String> missing = PhraseTable.bundled().missing(text(textNode.get()), lang);
                if (!missing.isEmpty()) {
                    throw error(
                            textNode.get(),
                            "the phrase table has no " + lang + " translation of \""
                                    + missing.get(0)
                                    + "\"; translation is by table (not MT): use a sentence of the table "
                                    + "or drop translate:" + lang);
                }
            }
        }
        return chain;
    }

    private JudgeSpec judge(Node node) {
        if (node instanceof Node.Scalar s && s.text()) {
            return judgeOf(s.value(), Optional.empty(), node);
        }
        Node.MapNode m = map(node, "a judge: one key, its type");
        if (m.entries().size() != 1) {
            throw error(node, "a judge is one key, its type: " + JUDGES);
        }
        String type = m.entries().keySet().iterator().next();
        Node body = m.entries().get(type);
        return judgeOf(
                type, body instanceof Node.Scalar s && s.value() == null ? Optional.empty() : Optional.of(body), node);
    }

    private static final List<String> JUDGES = List.of(
            "canary-echoed",
            "secret-leaked",
            "tool-called",
            "answer-contains",
            "complied",
            "tools-listed",
            "surrogate-agreement",
            "answer-flipped",
            "confidence-gap",
            "served",
            "llm",
            "any",
            "all");

    private JudgeSpec judgeOf(String type, Optional<Node> body, Node at) {
        Optional<Node.MapNode> m = body.filter(b -> b instanceof Node.MapNode).map(b -> (Node.MapNode) b);
        return switch (type) {
            case "canary-echoed" ->
                new JudgeSpec.CanaryEchoed(m.flatMap(x -> x.get("value")).map(this::text));
            case "secret-leaked" -> {
                List<String> patterns =
                        m.flatMap(x -> x.get("patterns")).map(this::strings).orElse(List.of());
                for (String p : patterns) {
                    try {
                        Pattern.compile(p);
                    } catch (PatternSyntaxException e) {
                        throw error(
                                m.get().get("patterns").get(),
                                "'" + p + "' is not a regular expression: " + e.getDescription());
                    }
                }
                yield new JudgeSpec.SecretLeaked(patterns);
            }
            case "tool-called" ->
                new JudgeSpec.ToolCalled(
                        m.flatMap(x -> x.get("tool")).map(this::text),
                        m.flatMap(x -> x.get("argument-contains")).map(this::text));
            case "answer-contains" -> {
                Node any = m.flatMap(x -> x.get("any"))
                        .orElseThrow(() -> error(at, "answer-contains needs 'any: [texts]'"));
                List<String> texts = strings(any);
                if (texts.isEmpty()) {
                    throw error(any, "answer-contains needs at least one text");
                }
                yield new JudgeSpec.AnswerContains(texts);
            }
            case "complied" -> new JudgeSpec.Complied();
            case "tools-listed" ->
                new JudgeSpec.ToolsListed(m.flatMap(x -> x.get("min"))
                        .map(n -> integer(n, 1, 1000))
                        .orElse(1));
            case "surrogate-agreement" -> new JudgeSpec.SurrogateAgreement(threshold(m, at));
            case "answer-flipped" -> new JudgeSpec.AnswerFlipped();
            case "confidence-gap" -> new JudgeSpec.ConfidenceGap(threshold(m, at));
            case "served" -> new JudgeSpec.Served();
            case "llm" ->
                new JudgeSpec.Llm(text(m.flatMap(x -> x.get("question"))
                        .orElseThrow(() -> error(at, "an llm judge needs 'question', asked about the answer"))));
            case "any", "all" -> {
                Node listNode = body.orElseThrow(() -> error(at, type + " needs a list of judges"));
                List<JudgeSpec> parts = new ArrayList<>();
                for (Node item : list(listNode).items()) {
                    parts.add(judge(item));
                }
                if (parts.isEmpty()) {
                    throw error(listNode, type + " needs at least one judge");
                }
                yield type.equals("any") ? new JudgeSpec.Any(parts) : new JudgeSpec.All(parts);
            }
            default -> throw error(at, "'" + type + "' is not a judge; judges are " + JUDGES);
        };
    }

    private double threshold(Optional<Node.MapNode> m, Node at) {
        Node t = m.flatMap(x -> x.get("threshold")).orElseThrow(() -> error(at, "this judge needs 'threshold'"));
        double v = number(t);
        if (!(v > 0 && v <= 1)) {
            throw error(t, "threshold is a number above 0 and at most 1, not " + scalar(t));
        }
        return v;
    }

    // --- typed access with positioned errors ---

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    static BadInputException error(Node node, String message) {
        String field = node.path().isEmpty() ? "" : " field '" + node.path() + "':";
        return new BadInputException(node.where() + ":" + field + " " + message);
    }

    private static Node required(Node.MapNode m, String key) {
        return m.get(key)
                .orElseThrow(() -> new BadInputException(
                        m.where() + ": field '" + (m.path().isEmpty() ? key : m.path() + "." + key)
                                + "' is missing; add it (docs/emulate.md)"));
    }

    private static Node.MapNode map(Node n, String what) {
        if (n instanceof Node.MapNode m) {
            return m;
        }
        throw error(n, "expected " + what + " (a map), found " + n.kind());
    }

    private Node.ListNode list(Node n) {
        if (n instanceof Node.ListNode l) {
            return l;
        }
        throw error(n, "expected a list, found " + n.kind());
    }

    private static String scalar(Node n) {
        if (n instanceof Node.Scalar s && s.value() != null) {
            return s.value();
        }
        throw error(n, "expected a value, found " + n.kind());
    }

    private String text(Node n) {
        String v = scalar(n);
        if (v.isBlank()) {
            throw error(n, "is empty; give a value");
        }
        return v;
    }

    private List<String> strings(Node n) {
        if (n instanceof Node.Scalar) {
            return List.of(text(n));
        }
        List<String> out = new ArrayList<>();
        for (Node item : list(n).items()) {
            out.add(text(item));
        }
        return out;
    }

    private int integer(Node n, int min, int max) {
        String v = scalar(n);
        try {
            int i = Integer.parseInt(v.strip());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw error(n, "expected a whole number from " + min + " to " + max + ", found '" + v + "'");
    }

    private double number(Node n) {
        String v = scalar(n);
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw error(n, "expected a number, found '" + v + "'");
        }
    }

    /** YAML data as JSON (tool arguments, inference inputs); numbers stay numbers, text stays text. */
    private JsonNode json(Node n) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (n instanceof Node.MapNode m) {
            ObjectNode o = f.objectNode();
            Map<String, Node> e = new LinkedHashMap<>(m.entries());
            e.forEach((k, v) -> o.set(k, json(v)));
            return o;
        }
        if (n instanceof Node.ListNode l) {
            ArrayNode a = f.arrayNode();
            l.items().forEach(i -> a.add(json(i)));
            return a;
        }
        Node.Scalar s = (Node.Scalar) n;
        if (s.value() == null) {
            return f.nullNode();
        }
        if (!s.text()) {
            if (s.value().equals("true") || s.value().equals("false")) {
                return f.booleanNode(Boolean.parseBoolean(s.value()));
            }
            try {
                return f.numberNode(new BigDecimal(s.value()));
            } catch (NumberFormatException e) {
                return f.textNode(s.value());
            }
        }
        return f.textNode(s.value());
    }
}
