package org.atlasops.detect.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.detect.sigma.YamlNode.Mapping;
import org.atlasops.detect.sigma.YamlNode.Scalar;
import org.atlasops.detect.sigma.YamlNode.Sequence;
import org.atlasops.detect.sigma.compile.DetectionCompiler;
import org.atlasops.detect.sigma.match.EventPredicate;

/**
 * A processing pipeline, like pySigma's: field mappings (rules written against the conventions run on your own
 * field names) and logsource conditions (a rule for {@code product: windows, service: sysmon} only sees events
 * with {@code Channel: Microsoft-Windows-Sysmon/Operational}). Where no condition covers a rule's logsource, the
 * logsource does not filter events. File format:
 *
 * <pre>
 * name: my-telemetry
 * field_mappings:
 *   gen_ai.request.model: model          # or a list: any of several fields
 * logsources:
 *   - logsource: {category: llm}
 *     conditions: {gen_ai.operation.name|exists: true}
 * </pre>
 */
public final class Pipeline {
    public static final Pipeline NONE = new Pipeline("none", Map.of(), List.of());

    /** A logsource and the condition its events must meet. */
    record LogsourceCondition(Logsource logsource, EventPredicate test) {}

    private final String name;
    private final Map<String, List<String>> fieldMappings;
    private final List<LogsourceCondition> logsources;

    private Pipeline(String name, Map<String, List<String>> fieldMappings, List<LogsourceCondition> logsources) {
        this.name = name;
        this.fieldMappings = Map.copyOf(fieldMappings);
        this.logsources = List.copyOf(logsources);
    }

    public String name() {
        return name;
    }

    /** The event fields a rule field reads: its mapping, else itself. */
    public List<String> map(String field) {
        return fieldMappings.getOrDefault(field, List.of(field));
    }

    /** The conditions for a rule's logsource (those whose logsource covers it). */
    List<EventPredicate> conditionsFor(Logsource rule) {
        List<EventPredicate> out = new ArrayList<>();
        for (LogsourceCondition c : logsources) {
            if (!c.logsource().equals(Logsource.ANY) && c.logsource().covers(rule)) {
                out.add(c.test());
            }
        }
        return out;
    }

    public static Pipeline load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new SigmaException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    public static Pipeline parse(String yaml, String file) {
        List<YamlNode> docs = SigmaYaml.parseAll(yaml, file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Mapping m)) {
            throw new SigmaException(file, 1, "a pipeline is one YAML map with name, field_mappings and logsources");
        }
        for (String key : m.entries().keySet()) {
            if (!List.of("name", "field_mappings", "logsources", "description").contains(key)) {
                throw new SigmaException(
                        file,
                        m.lineOf(key),
                        "unknown pipeline key '" + key + "'; allowed: name, "
                                + "description, field_mappings, logsources");
            }
        }
        String name = m.get("name") instanceof Scalar s
                ? s.text()
                : Path.of(file).getFileName().toString();
        Map<String, List<String>> mappings = new LinkedHashMap<>();
        if (m.get("field_mappings") instanceof Mapping fm) {
            for (Map.Entry<String, YamlNode> e : fm.entries().entrySet()) {
                if (e.getValue() instanceof Scalar s) {
                    mappings.put(e.getKey(), List.of(s.text()));
                } else if (e.getValue() instanceof Sequence seq
                        && seq.items().stream().allMatch(i -> i instanceof Scalar)) {
                    mappings.put(
                            e.getKey(),
                            seq.items().stream().map(i -> ((Scalar) i).text()).toList());
                } else {
                    throw new SigmaException(
                            file,
                            fm.lineOf(e.getKey()),
                            "field mapping '" + e.getKey() + "' maps to a field name or a list of them");
                }
            }
        } else if (m.get("field_mappings") != null) {
            throw new SigmaException(
                    file, m.lineOf("field_mappings"), "field_mappings is a map of rule field to " + "event field");
        }
        List<LogsourceCondition> logsources = new ArrayList<>();
        Pipeline partial = new Pipeline(name, mappings, List.of());
        if (m.get("logsources") instanceof Sequence seq) {
            for (YamlNode item : seq.items()) {
                if (!(item instanceof Mapping entry)
                        || !(entry.get("logsource") instanceof Mapping ls)
                        || !(entry.get("conditions") instanceof Mapping cond)) {
                    throw new SigmaException(
                            file,
                            item.line(),
                            "each logsources item has 'logsource' (category, "
                                    + "product, service) and 'conditions' (a detection map)");
                }
                Logsource logsource = new Logsource(text(ls, "category"), text(ls, "product"), text(ls, "service"));
                EventPredicate test = new DetectionCompiler(file, Map.of(), partial, Optional.empty()).fieldMap(cond);
                logsources.add(new LogsourceCondition(logsource, test));
            }
        } else if (m.get("logsources") != null) {
            throw new SigmaException(file, m.lineOf("logsources"), "logsources is a list");
        }
        return new Pipeline(name, mappings, logsources);
    }

    private static Optional<String> text(Mapping m, String key) {
        return m.get(key) instanceof Scalar s ? Optional.of(s.text()) : Optional.empty();
    }
}
