package org.atlasops.assess.threatmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.assess.AtlasIds;
import org.atlasops.assess.inventory.Attribute;
import org.atlasops.assess.inventory.CosaiComponents;
import org.atlasops.assess.inventory.Exposure;
import org.atlasops.assess.inventory.ModelSource;
import org.atlasops.assess.inventory.UntrustedContent;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.Technique;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.kb.read.YNode;
import org.atlasops.kb.read.YamlTree;

/**
 * A rule set: one {@link ThreatRule} per technique, for one ATLAS release. The bundled sets are
 * {@code threat-rules-<version>.yaml}; teams may write their own (docs/assess.md). Reading checks the syntax, naming
 * file, line and field; {@link #check} checks it against a release (every technique has a rule, every rule's
 * technique is in the release, with the nearest match when it is not).
 */
public final class ThreatRules {
    /** Releases that have a bundled rule set, oldest first. */
    public static final List<String> BUNDLED = List.of("5.6.0");

    private final String source;
    private final String atlasVersion;
    private final Map<AtlasId, ThreatRule> rules;

    private ThreatRules(String source, String atlasVersion, Map<AtlasId, ThreatRule> rules) {
        this.source = source;
        this.atlasVersion = atlasVersion;
        this.rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    public String source() {
        return source;
    }

    /** The release the rules were written for. */
    public String atlasVersion() {
        return atlasVersion;
    }

    public Map<AtlasId, ThreatRule> rules() {
        return rules;
    }

    public Optional<ThreatRule> rule(AtlasId technique) {
        return Optional.ofNullable(rules.get(technique));
    }

    /**
     * The bundled rule set for a release: the one of its version, else that of the newest bundled release not newer
     * than it, else the oldest (techniques without a rule are then reported by {@link #check}).
     */
    public static ThreatRules bundledFor(String version) {
        String pick = BUNDLED.get(0);
        for (String v : BUNDLED) {
            if (ReleaseCatalog.compareVersions(v, version) <= 0) {
                pick = v;
            }
        }
        String name = "threat-rules-" + pick + ".yaml";
        try (InputStream in = ThreatRules.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + name);
            }
            return parse(YamlTree.parse(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled:" + name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A team's rule set. */
    public static ThreatRules read(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new BadInputException(name + ": is a folder; give a threat rule set file (YAML)");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(name + ": no such file; give a threat rule set file (YAML)");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return parse(bytes, name);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static ThreatRules parse(byte[] bytes, String name) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank() || text.indexOf('\0') >= 0) {
            throw new BadInputException(
                    name + ":1:1: not a threat rule set (empty or binary); docs/assess.md shows the format");
        }
        return parse(YamlTree.parse(new java.io.StringReader(text), name));
    }

    private static ThreatRules parse(YNode root) {
        String file = root.pos().file();
        if (!(root instanceof YNode.YMap map)) {
            throw bad(root, "", "expected a map with rule-set, atlas-version and rules, found " + root.kind());
        }
        for (String key : map.entries().keySet()) {
            if (!List.of("rule-set", "version", "atlas-version", "rules").contains(key)) {
                throw bad(
                        map.entries().get(key), key, "unknown field; fields: rule-set, version, atlas-version, rules");
            }
        }
        String version = text(
                map.get("atlas-version")
                        .orElseThrow(() ->
                                bad(map, "atlas-version", "missing; the ATLAS release the rules are for, e.g. 5.6.0")),
                "atlas-version");
        YNode rulesNode =
                map.get("rules").orElseThrow(() -> bad(map, "rules", "missing; a map from technique ID to its rule"));
        if (!(rulesNode instanceof YNode.YMap rulesMap)) {
            throw bad(rulesNode, "rules", "expected a map from technique ID to its rule, found " + rulesNode.kind());
        }
        Map<AtlasId, ThreatRule> rules = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : rulesMap.entries().entrySet()) {
            Optional<AtlasId> id = AtlasId.tryParse(e.getKey()).filter(i -> i.isTechnique() || i.isSubTechnique());
            if (id.isEmpty()) {
                throw bad(
                        e.getValue(),
                        "rules." + e.getKey(),
                        "'" + e.getKey() + "' is not a technique ID (like AML.T0051 or AML.T0051.000)");
            }
            rules.put(id.get(), rule(id.get(), e.getValue(), "rules." + e.getKey()));
        }
        return new ThreatRules(file, version, rules);
    }

    private static ThreatRule rule(AtlasId id, YNode node, String field) {
        if (!(node instanceof YNode.YMap m)) {
            throw bad(node, field, "expected a map with when and why, found " + node.kind());
        }
        for (String key : m.entries().keySet()) {
            if (!List.of("when", "why", "cosai").contains(key)) {
                throw bad(m.entries().get(key), field + "." + key, "unknown field; fields: when, why, cosai");
            }
        }
        YNode when = m.get("when")
                .orElseThrow(() ->
                        bad(m, field + ".when", "missing; 'always', 'never', 'as-parent' or a list of conditions"));
        String why = text(
                m.get("why")
                        .orElseThrow(() -> bad(m, field + ".why", "missing; one sentence on what the adversary does")),
                field + ".why");
        List<String> cosai = new ArrayList<>();
        m.get("cosai").ifPresent(c -> {
            if (!(c instanceof YNode.YList l)) {
                throw bad(c, field + ".cosai", "expected a list of CoSAI risk IDs, found " + c.kind());
            }
            for (YNode item : l.items()) {
                String risk = text(item, field + ".cosai");
                if (!risk.matches("risk[A-Z][A-Za-z]+")) {
                    throw bad(
                            item, field + ".cosai", "'" + risk + "' is not a CoSAI risk ID (like riskPromptInjection)");
                }
                cosai.add(risk);
            }
        });
        if (when instanceof YNode.YScalar s && s.value() != null) {
            ThreatRule.When w = switch (s.value().strip()) {
                case "always" -> ThreatRule.When.ALWAYS;
                case "never" -> ThreatRule.When.NEVER;
                case "as-parent" -> ThreatRule.When.AS_PARENT;
                default ->
                    throw bad(
                            when,
                            field + ".when",
                            "'" + s.value() + "' is not always, never or as-parent; give a list for conditions");
            };
            if (w == ThreatRule.When.AS_PARENT && id.parent().isEmpty()) {
                throw bad(when, field + ".when", id + " is no sub-technique, so it has no parent to follow");
            }
            return new ThreatRule(id, w, List.of(), why, cosai, node.pos().line());
        }
        if (!(when instanceof YNode.YList l) || l.items().isEmpty()) {
            throw bad(
                    when,
                    field + ".when",
                    "expected always, never, as-parent or a non-empty list of conditions, found " + when.kind());
        }
        List<List<Term>> alternatives = new ArrayList<>();
        for (YNode item : l.items()) {
            String alt = text(item, field + ".when");
            List<Term> terms = new ArrayList<>();
            for (String part : alt.split("\\s+and\\s+")) {
                terms.add(term(item, field + ".when", part.strip()));
            }
            alternatives.add(terms);
        }
        boolean always =
                alternatives.stream().anyMatch(a -> a.size() == 1 && a.get(0).attribute() == Attribute.ALWAYS);
        return new ThreatRule(
                id,
                always ? ThreatRule.When.ALWAYS : ThreatRule.When.TERMS,
                always ? List.of() : alternatives,
                why,
                cosai,
                node.pos().line());
    }

    private static Term term(YNode at, String field, String text) {
        int colon = text.indexOf(':');
        String key = colon < 0 ? text : text.substring(0, colon);
        Optional<String> value = colon < 0
                ? Optional.empty()
                : Optional.of(text.substring(colon + 1).strip());
        Attribute attribute = Attribute.byKey(key)
                .orElseThrow(() -> bad(
                        at,
                        field,
                        "'" + key + "' is not a term; terms: "
                                + String.join(
                                        ", ",
                                        java.util.Arrays.stream(Attribute.values())
                                                .map(Attribute::key)
                                                .toList())));
        List<String> allowed = switch (attribute) {
            case EXPOSURE ->
                java.util.Arrays.stream(Exposure.values()).map(Exposure::key).toList();
            case UNTRUSTED_CONTENT ->
                java.util.Arrays.stream(UntrustedContent.values())
                        .map(UntrustedContent::key)
                        .toList();
            case MODEL_SOURCE ->
                java.util.Arrays.stream(ModelSource.values())
                        .map(ModelSource::key)
                        .toList();
            case COMPONENT ->
                CosaiComponents.all().stream().map(CosaiComponents.Entry::id).toList();
            default -> List.of();
        };
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw bad(
                    at,
                    field,
                    "'" + text + "': "
                            + (allowed.isEmpty()
                                    ? key + " takes no value"
                                    : "the value must be one of " + String.join(", ", allowed)));
        }
        if (value.isEmpty() && (attribute == Attribute.EXPOSURE || attribute == Attribute.COMPONENT)) {
            throw bad(at, field, "'" + text + "' needs a value, like " + key + ":" + allowed.get(0));
        }
        return new Term(attribute, value);
    }

    private static String text(YNode v, String field) {
        if (v instanceof YNode.YScalar s && s.value() != null && !s.value().isBlank()) {
            return s.value().strip();
        }
        throw bad(v, field, "expected a value, found " + v.kind());
    }

    private static BadInputException bad(YNode at, String field, String message) {
        return new AtlasDataException(at.pos() + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }

    /**
     * What does not fit the release: a technique without a rule, a rule for a technique the release lacks (with the
     * release's nearest match). Empty when the rule set covers the release exactly.
     */
    public List<String> check(KnowledgeBase kb) {
        List<String> out = new ArrayList<>();
        for (Technique t : kb.techniques()) {
            if (!t.deprecated() && !rules.containsKey(t.id())) {
                out.add(source + ": no rule for " + t.id() + " (" + t.name() + ") of ATLAS " + kb.version()
                        + "; it is left out of the threat model");
            }
        }
        for (ThreatRule r : rules.values()) {
            AtlasIds.problem(kb, r.technique().value(), ObjectType.TECHNIQUE)
                    .ifPresent(p -> out.add(source + ":" + r.line() + ": rules." + r.technique() + ": " + p));
        }
        return out;
    }
}
