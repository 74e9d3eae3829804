package org.atlasops.server.assess;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.UntrustedContent;
import org.atlasops.kb.read.YNode;
import org.atlasops.kb.read.YamlTree;

/**
 * An inventory as the web editor holds it: every field of the schema (docs/assess.md) as text, so what a user typed
 * wrong is shown again as typed. It is made from the editor's fields or from an inventory's text, and written as the
 * YAML the CLI reads; {@code InventoryReader} alone decides whether that YAML is valid. Its list fields are named as
 * the reader names them ({@code components[1].type}), so a problem is shown beside the field it names.
 */
record InventoryForm(
        String id,
        String name,
        String description,
        String owner,
        String exposure,
        Set<String> untrustedContent,
        boolean rag,
        boolean fineTuned,
        boolean trainedOnUserData,
        String modelSource,
        List<ToolRow> tools,
        List<ToolRow> mcpServers,
        boolean codeExecution,
        boolean holdsSecrets,
        boolean modelApi,
        boolean onDevice,
        List<ComponentRow> components,
        List<EdgeRow> edges,
        List<MitigationRow> mitigations) {

    /** A tool or MCP server; {@code sideEffects} is "true", "false" or empty (not said yet). */
    record ToolRow(String name, String sideEffects, String description) {
        ToolRow {
            name = clean(name);
            sideEffects = clean(sideEffects).toLowerCase(Locale.ROOT);
            description = clean(description);
        }

        boolean blank() {
            return name.isEmpty() && sideEffects.isEmpty() && description.isEmpty();
        }
    }

    /** A CoSAI component with the team's name for it. */
    record ComponentRow(String type, String name, String description) {
        ComponentRow {
            type = clean(type);
            name = clean(name);
            description = clean(description);
        }

        boolean blank() {
            return type.isEmpty() && name.isEmpty() && description.isEmpty();
        }
    }

    record EdgeRow(String from, String to) {
        EdgeRow {
            from = clean(from);
            to = clean(to);
        }

        boolean blank() {
            return from.isEmpty() && to.isEmpty();
        }
    }

    record MitigationRow(String id, String note) {
        MitigationRow {
            id = clean(id);
            note = clean(note);
        }

        boolean blank() {
            return id.isEmpty() && note.isEmpty();
        }
    }

    /** The fields of the editor that are lists, with the reader's name for each. */
    static final String TOOLS = "agent.tools";

    static final String MCP_SERVERS = "agent.mcp-servers";
    static final String COMPONENTS = "components";
    static final String EDGES = "edges";
    static final String MITIGATIONS = "mitigations";

    InventoryForm {
        id = clean(id);
        name = clean(name);
        description = clean(description);
        owner = clean(owner);
        exposure = clean(exposure).toLowerCase(Locale.ROOT);
        untrustedContent = Set.copyOf(new LinkedHashSet<>(untrustedContent));
        modelSource = clean(modelSource).toLowerCase(Locale.ROOT);
        tools = List.copyOf(tools);
        mcpServers = List.copyOf(mcpServers);
        components = List.copyOf(components);
        edges = List.copyOf(edges);
        mitigations = List.copyOf(mitigations);
    }

    static InventoryForm empty() {
        return new InventoryForm(
                "", "", "", "", "public", Set.of(), false, false, false, "", List.of(), List.of(), false, false, false,
                false, List.of(), List.of(), List.of());
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    /** The editor's fields (a form post); blank rows are dropped, so row i is item i of the YAML written. */
    static InventoryForm fromParams(Map<String, List<String>> params) {
        Function<String, String> one = k -> {
            List<String> v = params.get(k);
            return v == null || v.isEmpty() ? "" : v.get(0);
        };
        Function<String, Boolean> flag = k -> "true".equalsIgnoreCase(one.apply(k));
        Set<String> untrusted = new LinkedHashSet<>();
        for (String v : params.getOrDefault("untrusted-content", List.of())) {
            if (!v.isBlank()) {
                untrusted.add(v.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new InventoryForm(
                one.apply("id"),
                one.apply("name"),
                one.apply("description"),
                one.apply("owner"),
                one.apply("exposure"),
                untrusted,
                flag.apply("rag"),
                flag.apply("fine-tuned"),
                flag.apply("trained-on-user-data"),
                one.apply("model-source"),
                rows(params, TOOLS, p -> new ToolRow(p.apply("name"), p.apply("side-effects"), p.apply("description")))
                        .stream()
                        .filter(r -> !r.blank())
                        .toList(),
                rows(
                                params,
                                MCP_SERVERS,
                                p -> new ToolRow(p.apply("name"), p.apply("side-effects"), p.apply("description")))
                        .stream()
                        .filter(r -> !r.blank())
                        .toList(),
                flag.apply("code-execution"),
                flag.apply("holds-secrets"),
                flag.apply("model-api"),
                flag.apply("on-device"),
                rows(
                                params,
                                COMPONENTS,
                                p -> new ComponentRow(p.apply("type"), p.apply("name"), p.apply("description")))
                        .stream()
                        .filter(r -> !r.blank())
                        .toList(),
                rows(params, EDGES, p -> new EdgeRow(p.apply("from"), p.apply("to"))).stream()
                        .filter(r -> !r.blank())
                        .toList(),
                rows(params, MITIGATIONS, p -> new MitigationRow(p.apply("id"), p.apply("note"))).stream()
                        .filter(r -> !r.blank())
                        .toList());
    }

    private static final Pattern ROW = Pattern.compile("^(.+)\\[(\\d{1,3})]\\.([a-z-]+)$");

    /** The rows of one list field, in index order: {@code components[0].type}, {@code components[0].name}, ... */
    private static <T> List<T> rows(
            Map<String, List<String>> params, String list, Function<Function<String, String>, T> make) {
        java.util.TreeMap<Integer, Map<String, String>> byIndex = new java.util.TreeMap<>();
        params.forEach((k, v) -> {
            java.util.regex.Matcher m = ROW.matcher(k);
            if (m.matches() && m.group(1).equals(list) && !v.isEmpty()) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(2)), i -> new java.util.HashMap<>())
                        .put(m.group(3), v.get(0));
            }
        });
        List<T> out = new ArrayList<>();
        byIndex.values().forEach(fields -> out.add(make.apply(f -> fields.getOrDefault(f, ""))));
        return out;
    }

    /**
     * An inventory's text (YAML or JSON) that {@code InventoryReader} accepted. What the reader checks is not checked
     * again: a value of an unexpected shape is read as empty.
     */
    static InventoryForm fromText(String text) {
        YNode root = YamlTree.parse(new StringReader(text), "inventory");
        if (!(root instanceof YNode.YMap m)) {
            return empty();
        }
        Set<String> untrusted = new LinkedHashSet<>();
        items(m, "untrusted-content").forEach(n -> untrusted.add(text(n).toLowerCase(Locale.ROOT)));
        List<ToolRow> tools = new ArrayList<>();
        List<ToolRow> mcp = new ArrayList<>();
        m.get("agent").ifPresent(a -> {
            if (a instanceof YNode.YMap agent) {
                items(agent, "tools").forEach(n -> tools.add(tool(n)));
                items(agent, "mcp-servers").forEach(n -> mcp.add(tool(n)));
            }
        });
        List<ComponentRow> components = items(m, "components").stream()
                .map(n -> new ComponentRow(field(n, "type"), field(n, "name"), field(n, "description")))
                .toList();
        List<EdgeRow> edges = items(m, "edges").stream()
                .map(n -> new EdgeRow(field(n, "from"), field(n, "to")))
                .toList();
        List<MitigationRow> mitigations = items(m, "mitigations").stream()
                .map(n -> n instanceof YNode.YMap
                        ? new MitigationRow(field(n, "id"), field(n, "note"))
                        : new MitigationRow(text(n), ""))
                .toList();
        return new InventoryForm(
                field(m, "id"),
                field(m, "name"),
                field(m, "description"),
                field(m, "owner"),
                field(m, "exposure"),
                untrusted,
                bool(m, "rag"),
                bool(m, "fine-tuned"),
                bool(m, "trained-on-user-data"),
                field(m, "model-source"),
                tools,
                mcp,
                bool(m, "code-execution"),
                bool(m, "holds-secrets"),
                bool(m, "model-api"),
                bool(m, "on-device"),
                components,
                edges,
                mitigations);
    }

    private static ToolRow tool(YNode n) {
        return new ToolRow(field(n, "name"), field(n, "side-effects"), field(n, "description"));
    }

    private static List<YNode> items(YNode.YMap m, String key) {
        return m.get(key)
                .filter(YNode.YList.class::isInstance)
                .map(l -> ((YNode.YList) l).items())
                .orElse(List.of());
    }

    private static String field(YNode n, String key) {
        return n instanceof YNode.YMap m ? m.get(key).map(InventoryForm::text).orElse("") : "";
    }

    private static String text(YNode n) {
        return n instanceof YNode.YScalar s && s.value() != null ? s.value() : "";
    }

    private static boolean bool(YNode.YMap m, String key) {
        return "true".equalsIgnoreCase(field(m, key).strip());
    }

    /** The same inventory with {@code extra} blank rows at the end of every list: room to type more. */
    InventoryForm withRoom(int extra) {
        return new InventoryForm(
                id,
                name,
                description,
                owner,
                exposure,
                untrustedContent,
                rag,
                fineTuned,
                trainedOnUserData,
                modelSource,
                pad(tools, extra, () -> new ToolRow("", "", "")),
                pad(mcpServers, extra, () -> new ToolRow("", "", "")),
                codeExecution,
                holdsSecrets,
                modelApi,
                onDevice,
                pad(components, extra, () -> new ComponentRow("", "", "")),
                pad(edges, extra, () -> new EdgeRow("", "")),
                pad(mitigations, extra, () -> new MitigationRow("", "")));
    }

    private static <T> List<T> pad(List<T> rows, int extra, java.util.function.Supplier<T> blank) {
        List<T> out = new ArrayList<>(rows);
        for (int i = 0; i < extra; i++) {
            out.add(blank.get());
        }
        return out;
    }

    /** The component names (or types, for unnamed ones) an edge may join, for the editor's suggestions. */
    List<String> edgeEnds() {
        Set<String> out = new LinkedHashSet<>();
        components.forEach(c -> {
            if (!c.blank()) {
                out.add(c.name().isEmpty() ? c.type() : c.name());
            }
        });
        return List.copyOf(out);
    }

    /** The inventory as YAML in the schema's order, one field per line; empty fields are left out. */
    String yaml() {
        StringBuilder b = new StringBuilder("version: ")
                .append(InventoryReader.SCHEMA_VERSION)
                .append('\n');
        text(b, "", "id", id, true);
        text(b, "", "name", name, false);
        text(b, "", "description", description, false);
        text(b, "", "owner", owner, false);
        text(b, "", "exposure", exposure, true);
        if (!untrustedContent.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            // the schema's order, then anything else as typed (the reader names what is wrong with it)
            for (UntrustedContent u : UntrustedContent.values()) {
                if (untrustedContent.contains(u.key())) {
                    kinds.add(u.key());
                }
            }
            untrustedContent.stream().filter(k -> !kinds.contains(k)).sorted().forEach(kinds::add);
            b.append("untrusted-content: [")
                    .append(String.join(
                            ", ", kinds.stream().map(InventoryForm::scalar).toList()))
                    .append("]\n");
        }
        flag(b, "rag", rag);
        flag(b, "fine-tuned", fineTuned);
        flag(b, "trained-on-user-data", trainedOnUserData);
        text(b, "", "model-source", modelSource, false);
        if (!tools.isEmpty() || !mcpServers.isEmpty()) {
            b.append("agent:\n");
            tools(b, "tools", tools);
            tools(b, "mcp-servers", mcpServers);
        }
        flag(b, "code-execution", codeExecution);
        flag(b, "holds-secrets", holdsSecrets);
        flag(b, "model-api", modelApi);
        flag(b, "on-device", onDevice);
        if (!components.isEmpty()) {
            b.append("components:\n");
            for (ComponentRow c : components) {
                b.append("  - type: ").append(scalar(c.type())).append('\n');
                text(b, "    ", "name", c.name(), false);
                text(b, "    ", "description", c.description(), false);
            }
        }
        if (!edges.isEmpty()) {
            b.append("edges:\n");
            for (EdgeRow e : edges) {
                b.append("  - from: ").append(scalar(e.from())).append('\n');
                b.append("    to: ").append(scalar(e.to())).append('\n');
            }
        }
        if (!mitigations.isEmpty()) {
            b.append("mitigations:\n");
            for (MitigationRow m : mitigations) {
                b.append("  - id: ").append(scalar(m.id())).append('\n');
                text(b, "    ", "note", m.note(), false);
            }
        }
        return b.toString();
    }

    private static void tools(StringBuilder b, String key, List<ToolRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("  ").append(key).append(":\n");
        for (ToolRow t : rows) {
            b.append("    - name: ").append(scalar(t.name())).append('\n');
            if (!t.sideEffects().isEmpty()) {
                // true and false as booleans; anything else as text, which the reader names
                b.append("      side-effects: ")
                        .append(
                                t.sideEffects().equals("true")
                                                || t.sideEffects().equals("false")
                                        ? t.sideEffects()
                                        : quoted(t.sideEffects()))
                        .append('\n');
            }
            text(b, "      ", "description", t.description(), false);
        }
    }

    private static void flag(StringBuilder b, String key, boolean value) {
        b.append(key).append(": ").append(value).append('\n');
    }

    private static void text(StringBuilder b, String indent, String key, String value, boolean always) {
        if (always || !value.isEmpty()) {
            b.append(indent).append(key).append(": ").append(scalar(value)).append('\n');
        }
    }

    /** Text a YAML reader reads back as this same string: plain when that is unambiguous, else double-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 ._()/+-]*[A-Za-z0-9.)]|[A-Za-z]");

    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf");

    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT)) && !s.contains("  ")) {
            return s;
        }
        return quoted(s);
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The inventory in the API's JSON shape (the same fields as the YAML). */
    InventoryDocument document() {
        Function<String, Optional<String>> opt = s -> s.isEmpty() ? Optional.empty() : Optional.of(s);
        Function<List<ToolRow>, Optional<List<InventoryDocument.ToolEntry>>> toolList = rows -> rows.isEmpty()
                ? Optional.empty()
                : Optional.of(rows.stream()
                        .map(t -> new InventoryDocument.ToolEntry(
                                t.name(),
                                t.sideEffects().isEmpty()
                                        ? Optional.empty()
                                        : Optional.of(Boolean.parseBoolean(t.sideEffects())),
                                opt.apply(t.description())))
                        .toList());
        List<String> untrusted = new ArrayList<>();
        for (UntrustedContent u : UntrustedContent.values()) {
            if (untrustedContent.contains(u.key())) {
                untrusted.add(u.key());
            }
        }
        return new InventoryDocument(
                Optional.of(InventoryReader.SCHEMA_VERSION),
                id,
                opt.apply(name),
                opt.apply(description),
                opt.apply(owner),
                exposure,
                untrusted.isEmpty() ? Optional.empty() : Optional.of(untrusted),
                Optional.of(rag),
                Optional.of(fineTuned),
                Optional.of(trainedOnUserData),
                opt.apply(modelSource),
                tools.isEmpty() && mcpServers.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new InventoryDocument.InventoryAgent(
                                toolList.apply(tools), toolList.apply(mcpServers))),
                Optional.of(codeExecution),
                Optional.of(holdsSecrets),
                Optional.of(modelApi),
                Optional.of(onDevice),
                components.isEmpty()
                        ? Optional.empty()
                        : Optional.of(components.stream()
                                .map(c -> new InventoryDocument.ComponentEntry(
                                        c.type(), opt.apply(c.name()), opt.apply(c.description())))
                                .toList()),
                edges.isEmpty()
                        ? Optional.empty()
                        : Optional.of(edges.stream()
                                .map(e -> new InventoryDocument.EdgeEntry(e.from(), e.to()))
                                .toList()),
                mitigations.isEmpty()
                        ? Optional.empty()
                        : Optional.of(mitigations.stream()
                                .map(m -> new InventoryDocument.MitigationEntry(m.id(), opt.apply(m.note())))
                                .toList()));
    }
}
