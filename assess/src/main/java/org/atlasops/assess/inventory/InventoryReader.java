package org.atlasops.assess.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.atlasops.assess.AtlasIds;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.read.YNode;
import org.atlasops.kb.read.YamlTree;

/**
 * Reads an inventory (YAML or JSON) and checks it against an ATLAS release: unknown keys, wrong types, values outside
 * their closed sets, unknown CoSAI components and mitigation IDs the release lacks (with its nearest match) are all
 * reported, each with file, line, column and field.
 */
public final class InventoryReader {
    /** The schema version this reader writes about in errors; files may omit {@code version}. */
    public static final int SCHEMA_VERSION = 1;

    /** Larger inventories are not plausible; refuse before parsing. */
    static final long MAX_BYTES = 1024 * 1024;

    private static final Set<String> TOP = new LinkedHashSet<>(List.of(
            "version",
            "id",
            "name",
            "description",
            "owner",
            "exposure",
            "untrusted-content",
            "rag",
            "fine-tuned",
            "trained-on-user-data",
            "model-source",
            "agent",
            "code-execution",
            "holds-secrets",
            "model-api",
            "on-device",
            "components",
            "edges",
            "mitigations"));

    /** What was read: the inventory when nothing was wrong, and every problem found. */
    public record Result(Optional<SystemInventory> inventory, List<InventoryProblem> problems) {
        public Result {
            problems = problems.stream()
                    .sorted(java.util.Comparator.comparingInt(InventoryProblem::line)
                            .thenComparingInt(InventoryProblem::column))
                    .toList();
        }

        /** The inventory, or an {@link InventoryException} naming the first problem. */
        public SystemInventory orThrow() {
            return inventory.orElseThrow(() -> new InventoryException(problems));
        }
    }

    private final String file;
    private final KnowledgeBase kb;
    private final List<InventoryProblem> problems = new ArrayList<>();

    private InventoryReader(String file, KnowledgeBase kb) {
        this.file = file;
        this.kb = kb;
    }

    /** Reads and checks a file; problems of the file itself (missing, a folder, too big) are thrown. */
    public static Result read(Path path, KnowledgeBase kb) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new BadInputException(name + ": is a folder; give an inventory file (YAML or JSON)");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(name + ": no such file; give an inventory file (YAML or JSON)");
        }
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new BadInputException(name + ": larger than 1 MB; an inventory is a short YAML or JSON file");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return read(in.readAllBytes(), name, kb);
            }
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static Result read(byte[] bytes, String file, KnowledgeBase kb) {
        if (bytes.length > MAX_BYTES) {
            throw new BadInputException(file + ": larger than 1 MB; an inventory is a short YAML or JSON file");
        }
        InventoryReader r = new InventoryReader(file, kb);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) {
            r.problem(1, 1, "", "the file is empty; an inventory needs at least id and exposure (docs/assess.md)");
            return new Result(Optional.empty(), r.problems);
        }
        if (text.indexOf('\0') >= 0) {
            r.problem(1, 1, "", "a binary file, not an inventory; give a YAML or JSON file (docs/assess.md)");
            return new Result(Optional.empty(), r.problems);
        }
        YNode root;
        try {
            root = YamlTree.parse(new java.io.StringReader(text), file);
        } catch (AtlasDataException e) {
            r.problems.add(fromMessage(file, e.getMessage()));
            return new Result(Optional.empty(), r.problems);
        }
        Optional<SystemInventory> inv = r.system(root);
        return new Result(r.problems.isEmpty() ? inv : Optional.empty(), r.problems);
    }

    /** A parse error's "file:line:column: text" as a problem. */
    private static InventoryProblem fromMessage(String file, String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "^.*?:(\\d+):(\\d+): (.*)$", java.util.regex.Pattern.DOTALL)
                .matcher(message);
        if (m.matches()) {
            return new InventoryProblem(
                    file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), "", m.group(3));
        }
        return new InventoryProblem(
                file,
                1,
                1,
                "",
                message.startsWith(file) ? message.substring(file.length()).replaceFirst("^:\\s*", "") : message);
    }

    private void problem(YNode at, String field, String message) {
        problem(at.pos().line(), at.pos().column(), field, message);
    }

    private void problem(int line, int column, String field, String message) {
        problems.add(new InventoryProblem(file, line, column, field, message));
    }

    private Optional<SystemInventory> system(YNode root) {
        if (!(root instanceof YNode.YMap map)) {
            problem(
                    root,
                    "",
                    "expected a map with id, exposure and the other fields of docs/assess.md, found " + root.kind());
            return Optional.empty();
        }
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            if (!TOP.contains(e.getKey())) {
                problem(
                        e.getValue(),
                        e.getKey(),
                        "unknown field" + suggest(e.getKey(), TOP) + "; fields: " + String.join(", ", TOP));
            }
        }
        map.get("version").ifPresent(v -> {
            String s = scalar(v, "version").orElse("");
            if (!s.equals(String.valueOf(SCHEMA_VERSION))) {
                problem(
                        v,
                        "version",
                        "unknown schema version '" + s + "'; this atlas-ops reads version " + SCHEMA_VERSION);
            }
        });
        String id = required(map, "id").orElse("");
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            problem(
                    map.get("id").get(),
                    "id",
                    "'" + id + "' is not a short identifier; use letters, digits, '.', '_' and '-' (up to 64)");
        }
        String name = map.get("name").flatMap(v -> scalar(v, "name")).orElse(id);
        String description =
                map.get("description").flatMap(v -> scalar(v, "description")).orElse("");
        map.get("owner").ifPresent(v -> scalar(v, "owner"));
        Exposure exposure = required(map, "exposure")
                .flatMap(s -> choice(map.get("exposure").get(), "exposure", s, Exposure.values(), Exposure::key))
                .orElse(Exposure.INTERNAL);
        Set<UntrustedContent> untrusted = EnumSet.noneOf(UntrustedContent.class);
        map.get("untrusted-content").ifPresent(v -> {
            for (YNode item : list(v, "untrusted-content")) {
                scalar(item, "untrusted-content")
                        .flatMap(s ->
                                choice(item, "untrusted-content", s, UntrustedContent.values(), UntrustedContent::key))
                        .ifPresent(untrusted::add);
            }
        });
        Optional<ModelSource> modelSource = map.get("model-source")
                .flatMap(v -> scalar(v, "model-source")
                        .flatMap(s -> choice(v, "model-source", s, ModelSource.values(), ModelSource::key)));
        List<Tool> tools = new ArrayList<>();
        map.get("agent").ifPresent(v -> agent(v, tools));
        List<Component> components = new ArrayList<>();
        map.get("components").ifPresent(v -> components(v, components));
        List<Edge> edges = new ArrayList<>();
        map.get("edges").ifPresent(v -> edges(v, components, edges));
        List<DeclaredMitigation> mitigations = new ArrayList<>();
        map.get("mitigations").ifPresent(v -> mitigations(v, mitigations));
        return Optional.of(new SystemInventory(
                id.isEmpty() ? "system" : id,
                name,
                description,
                exposure,
                untrusted,
                flag(map, "rag"),
                flag(map, "fine-tuned"),
                flag(map, "trained-on-user-data"),
                modelSource,
                tools,
                flag(map, "code-execution"),
                flag(map, "holds-secrets"),
                flag(map, "model-api"),
                flag(map, "on-device"),
                components,
                mitigations,
                edges,
                file));
    }

    private void agent(YNode v, List<Tool> tools) {
        if (!(v instanceof YNode.YMap agent)) {
            problem(v, "agent", "expected a map with tools and/or mcp-servers, found " + v.kind());
            return;
        }
        Set<String> keys = Set.of("tools", "mcp-servers");
        agent.entries().forEach((k, n) -> {
            if (!keys.contains(k)) {
                problem(n, "agent." + k, "unknown field" + suggest(k, keys) + "; fields: tools, mcp-servers");
            }
        });
        agent.get("tools").ifPresent(n -> tools(n, "agent.tools", Tool.Kind.TOOL, tools));
        agent.get("mcp-servers").ifPresent(n -> tools(n, "agent.mcp-servers", Tool.Kind.MCP_SERVER, tools));
        if (tools.isEmpty()) {
            problem(v, "agent", "an agent needs at least one tool or MCP server; remove 'agent' if it has none");
        }
    }

    private void tools(YNode v, String field, Tool.Kind kind, List<Tool> tools) {
        List<YNode> items = list(v, field);
        for (int i = 0; i < items.size(); i++) {
            YNode item = items.get(i);
            String f = field + "[" + i + "]";
            if (!(item instanceof YNode.YMap m)) {
                problem(item, f, "expected a map with name and side-effects, found " + item.kind());
                continue;
            }
            Set<String> keys = Set.of("name", "side-effects", "description");
            m.entries().forEach((k, n) -> {
                if (!keys.contains(k)) {
                    problem(
                            n,
                            f + "." + k,
                            "unknown field" + suggest(k, keys) + "; fields: name, side-effects, description");
                }
            });
            Optional<String> name = required(m, "name", f);
            if (m.get("side-effects").isEmpty()) {
                problem(
                        m,
                        f + ".side-effects",
                        "missing; say true when the " + kind.label()
                                + " writes, sends, deletes or pays, false when it only reads");
            }
            boolean side = flag(m, "side-effects", f);
            name.ifPresent(n -> tools.add(new Tool(kind, n, side, item.pos().line())));
        }
    }

    private void components(YNode v, List<Component> out) {
        List<YNode> items = list(v, "components");
        Map<String, Integer> names = new java.util.HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YNode item = items.get(i);
            String f = "components[" + i + "]";
            if (!(item instanceof YNode.YMap m)) {
                problem(item, f, "expected a map with type (a CoSAI component) and name, found " + item.kind());
                continue;
            }
            Set<String> keys = Set.of("type", "name", "description");
            m.entries().forEach((k, n) -> {
                if (!keys.contains(k)) {
                    problem(n, f + "." + k, "unknown field" + suggest(k, keys) + "; fields: type, name, description");
                }
            });
            Optional<String> type = required(m, "type", f);
            String name = m.get("name").flatMap(n -> scalar(n, f + ".name")).orElse("");
            if (!name.isEmpty()) {
                Integer first = names.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    problem(
                            m.get("name").get(),
                            f + ".name",
                            "'" + name + "' is already the name of components[" + first
                                    + "]; give each component its own name (edges refer to components by name)");
                }
            }
            type.ifPresent(t -> {
                if (CosaiComponents.find(t).isEmpty()) {
                    List<String> ids = CosaiComponents.all().stream()
                            .map(CosaiComponents.Entry::id)
                            .toList();
                    problem(
                            m.get("type").get(),
                            f + ".type",
                            "'" + t + "' is not a CoSAI component" + suggest(t, ids)
                                    + " (docs/assess.md lists the 23)");
                } else {
                    out.add(new Component(t, name, item.pos().line()));
                }
            });
        }
    }

    /** Edges name listed components: by name, or by CoSAI type when the component has none. */
    private void edges(YNode v, List<Component> components, List<Edge> out) {
        List<YNode> items = list(v, "edges");
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YNode item = items.get(i);
            String f = "edges[" + i + "]";
            if (!(item instanceof YNode.YMap m)) {
                problem(item, f, "expected a map with from and to (names of listed components), found " + item.kind());
                continue;
            }
            Set<String> keys = Set.of("from", "to");
            m.entries().forEach((k, n) -> {
                if (!keys.contains(k)) {
                    problem(n, f + "." + k, "unknown field" + suggest(k, keys) + "; fields: from, to");
                }
            });
            Optional<String> from =
                    required(m, "from", f).flatMap(t -> end(m.get("from").get(), f + ".from", t, components));
            Optional<String> to =
                    required(m, "to", f).flatMap(t -> end(m.get("to").get(), f + ".to", t, components));
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            if (!seen.add(from.get().toLowerCase(Locale.ROOT) + "\n" + to.get().toLowerCase(Locale.ROOT))) {
                problem(item, f, "the edge from '" + from.get() + "' to '" + to.get() + "' is listed twice; keep one");
                continue;
            }
            out.add(new Edge(from.get(), to.get(), item.pos().line()));
        }
    }

    /** The end of an edge as the component's own spelling, or a problem naming the components there are. */
    private Optional<String> end(YNode at, String field, String text, List<Component> components) {
        for (Component c : components) {
            if (!c.name().isEmpty() && c.name().equalsIgnoreCase(text)) {
                return Optional.of(c.name());
            }
        }
        List<Component> unnamed = components.stream()
                .filter(c -> c.name().isEmpty() && c.type().equals(text))
                .toList();
        if (unnamed.size() > 1) {
            // which of them the edge means cannot be told: binding it to the first would be a silent guess
            problem(
                    at,
                    field,
                    "'" + text + "' is the type of " + unnamed.size() + " components without a name (lines "
                            + String.join(
                                    ", ",
                                    unnamed.stream()
                                            .map(c -> String.valueOf(c.line()))
                                            .toList())
                            + "); name them and give the name here");
            return Optional.empty();
        }
        if (unnamed.size() == 1) {
            return Optional.of(text);
        }
        Map<String, String> distinct = new java.util.LinkedHashMap<>();
        components.forEach(c -> {
            String e = c.name().isEmpty() ? c.type() : c.name();
            distinct.putIfAbsent(e.toLowerCase(Locale.ROOT), e);
        });
        List<String> ends = List.copyOf(distinct.values());
        problem(
                at,
                field,
                "'" + text + "' is not a component of this inventory" + suggest(text, ends)
                        + (ends.isEmpty()
                                ? "; list it under components first"
                                : "; components: " + String.join(", ", ends)));
        return Optional.empty();
    }

    private void mitigations(YNode v, List<DeclaredMitigation> out) {
        List<YNode> items = list(v, "mitigations");
        Set<AtlasId> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YNode item = items.get(i);
            String f = "mitigations[" + i + "]";
            YNode idNode = item;
            String note = "";
            if (item instanceof YNode.YMap m) {
                m.entries().forEach((k, n) -> {
                    if (!Set.of("id", "note").contains(k)) {
                        problem(
                                n,
                                f + "." + k,
                                "unknown field" + suggest(k, Set.of("id", "note")) + "; fields: id, note");
                    }
                });
                Optional<YNode> idField = m.get("id");
                if (idField.isEmpty()) {
                    problem(item, f + ".id", "missing; name the ATLAS mitigation, e.g. AML.M0015");
                    continue;
                }
                idNode = idField.get();
                note = m.get("note").flatMap(n -> scalar(n, f + ".note")).orElse("");
            }
            String field = item instanceof YNode.YMap ? f + ".id" : f;
            Optional<String> text = scalar(idNode, field);
            if (text.isEmpty()) {
                continue;
            }
            Optional<String> wrong = AtlasIds.problem(kb, text.get(), ObjectType.MITIGATION);
            if (wrong.isPresent()) {
                problem(idNode, field, wrong.get());
                continue;
            }
            AtlasId id = AtlasId.parse(text.get());
            if (!seen.add(id)) {
                problem(idNode, field, id + " is listed twice; keep one");
                continue;
            }
            out.add(new DeclaredMitigation(id, note, idNode.pos().line()));
        }
    }

    private Optional<String> required(YNode.YMap map, String key) {
        return required(map, key, "");
    }

    private Optional<String> required(YNode.YMap map, String key, String prefix) {
        String field = prefix.isEmpty() ? key : prefix + "." + key;
        Optional<YNode> v = map.get(key);
        if (v.isEmpty()) {
            problem(map, field, "missing; docs/assess.md shows an example");
            return Optional.empty();
        }
        Optional<String> s = scalar(v.get(), field);
        if (s.isPresent() && s.get().isBlank()) {
            problem(v.get(), field, "is empty");
            return Optional.empty();
        }
        return s;
    }

    private Optional<String> scalar(YNode v, String field) {
        if (v instanceof YNode.YScalar s && s.value() != null) {
            return Optional.of(s.value().strip());
        }
        problem(v, field, "expected a single value, found " + v.kind());
        return Optional.empty();
    }

    private List<YNode> list(YNode v, String field) {
        if (v instanceof YNode.YList l) {
            return l.items();
        }
        if (v.isNull()) {
            return List.of();
        }
        problem(v, field, "expected a list, found " + v.kind());
        return List.of();
    }

    private boolean flag(YNode.YMap map, String key) {
        return flag(map, key, "");
    }

    private boolean flag(YNode.YMap map, String key, String prefix) {
        String field = prefix.isEmpty() ? key : prefix + "." + key;
        Optional<YNode> v = map.get(key);
        if (v.isEmpty()) {
            return false;
        }
        Optional<String> s = scalar(v.get(), field);
        if (s.isEmpty()) {
            return false;
        }
        String b = s.get().toLowerCase(Locale.ROOT);
        if (b.equals("true") || b.equals("false")) {
            return b.equals("true");
        }
        problem(v.get(), field, "expected true or false, found '" + s.get() + "'");
        return false;
    }

    private <E> Optional<E> choice(YNode at, String field, String text, E[] values, Function<E, String> key) {
        String t = text.toLowerCase(Locale.ROOT);
        Optional<E> hit =
                Arrays.stream(values).filter(v -> key.apply(v).equals(t)).findFirst();
        if (hit.isEmpty()) {
            List<String> keys = Arrays.stream(values).map(key).toList();
            problem(at, field, "'" + text + "' is not one of " + String.join(", ", keys) + suggest(text, keys));
        }
        return hit;
    }

    /** "; did you mean X?" for the nearest of the choices when it is close, else nothing. */
    static String suggest(String given, java.util.Collection<String> choices) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : choices) {
            int d = levenshtein(g, c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, given.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
