package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.atlasops.detect.event.Event;

/**
 * The compiled engine agrees with a plain interpreter written here, on random rules and events; and neither
 * random rule text nor random events make it throw.
 */
class EnginePropertiesTest {
    private static final String[] MODS = {"", "|contains", "|startswith", "|endswith", "|re"};
    private static final String[] CONDITIONS = {"s1", "s1 and s2", "s1 or not s2", "(s1 or s2) and not s3",
        "1 of s*", "all of s*", "not s1 and not s2", "s1 and (s2 or s3)"};

    /** One field test: field, modifier, values (OR). */
    record Item(String field, String mod, List<String> values) {
    }

    record Case(List<List<Item>> selections, String condition, Map<String, String> event) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcAB").ofMinLength(1).ofMaxLength(3);
        Arbitrary<Item> item = Combinators.combine(Arbitraries.of("f1", "f2", "f3"), Arbitraries.of(MODS),
                word.list().ofMinSize(1).ofMaxSize(2)).as(Item::new);
        Arbitrary<List<Item>> selection = item.list().ofMinSize(1).ofMaxSize(2).uniqueElements(Item::field);
        Arbitrary<Map<String, String>> event = Arbitraries.maps(Arbitraries.of("f1", "f2", "f3"),
                Arbitraries.strings().withChars("abcAB").ofMaxLength(5)).ofMaxSize(3);
        return Combinators.combine(selection.list().ofSize(3), Arbitraries.of(CONDITIONS), event).as(Case::new);
    }

    @Property(tries = 500)
    void compiledEngineAgreesWithAPlainInterpreter(@ForAll("cases") Case c) {
        StringBuilder yaml = new StringBuilder("title: p\nlogsource: {}\ndetection:\n");
        for (int i = 0; i < 3; i++) {
            yaml.append("  s").append(i + 1).append(":\n");
            for (Item it : c.selections().get(i)) {
                yaml.append("    ").append(it.field()).append(it.mod()).append(":\n");
                for (String v : it.values()) {
                    yaml.append("      - '").append(v).append("'\n");
                }
            }
        }
        yaml.append("  condition: ").append(c.condition()).append('\n');
        RuleSet set = Sigma.rules(yaml.toString());
        assertThat(set.problems()).isEmpty();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        c.event().forEach(json::put);
        boolean engine = set.rules().get(0).matches(Event.of(json));
        assertThat(engine).as(yaml + "\n" + json).isEqualTo(interpret(c));
        // the detector's shortcuts (key index, prerequisites, literal automaton) never change the verdict
        boolean detector = !new Detector(set).process(Event.of(json), Instant.EPOCH).isEmpty();
        assertThat(detector).as("detector on " + yaml + "\n" + json).isEqualTo(engine);
    }

    private static boolean interpret(Case c) {
        Map<String, Boolean> sel = new LinkedHashMap<>();
        Map<String, Boolean> applicable = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            boolean all = true;
            boolean any = false;
            for (Item it : c.selections().get(i)) {
                String v = c.event().get(it.field());
                any |= v != null;
                boolean one = false;
                for (String want : it.values()) {
                    if (v != null && (it.mod().equals("|re") ? java.util.regex.Pattern.compile(want).matcher(v).find()
                            : test(v.toLowerCase(Locale.ROOT), it.mod(), want.toLowerCase(Locale.ROOT)))) {
                        one = true;
                    }
                }
                all &= one;
            }
            sel.put("s" + (i + 1), all);
            applicable.put("s" + (i + 1), any);
        }
        // a negation over selections whose fields are all absent does not hold (the engine's documented rule)
        java.util.function.Function<String, Boolean> not = s -> applicable.get(s) && !sel.get(s);
        return switch (c.condition()) {
            case "s1" -> sel.get("s1");
            case "s1 and s2" -> sel.get("s1") && sel.get("s2");
            case "s1 or not s2" -> sel.get("s1") || not.apply("s2");
            case "(s1 or s2) and not s3" -> (sel.get("s1") || sel.get("s2")) && not.apply("s3");
            case "1 of s*" -> sel.get("s1") || sel.get("s2") || sel.get("s3");
            case "all of s*" -> sel.get("s1") && sel.get("s2") && sel.get("s3");
            case "not s1 and not s2" -> not.apply("s1") && not.apply("s2");
            default -> sel.get("s1") && (sel.get("s2") || sel.get("s3"));
        };
    }

    private static boolean test(String v, String mod, String want) {
        return switch (mod) {
            case "|contains" -> v.contains(want);
            case "|startswith" -> v.startsWith(want);
            case "|endswith" -> v.endsWith(want);
            default -> v.equals(want);
        };
    }

    @Property(tries = 300)
    void randomRuleTextNeverThrows(@ForAll("ruleText") String text) {
        RuleSet set = new RuleLoader().load(text, "fuzz.yml").build();
        assertThat(set.loaded() + set.problems().size()).isGreaterThanOrEqualTo(0);
    }

    @Provide
    Arbitrary<String> ruleText() {
        List<String> pieces = new ArrayList<>(List.of("title: x\n", "logsource: {}\n", "detection:\n", "  s:\n",
                "    F|contains: a\n", "    F|re: '('\n", "    F|base64offset|contains: ''\n", "  condition: s\n",
                "  condition: not (s\n", "  condition: 1 of *\n", "---\n", "correlation:\n", "  type: temporal\n",
                "  rules: [x]\n", "  timespan: 1m\n", "filter:\n", "  rules: []\n", "- a\n", "&a [*a]\n", "{", "]",
                "    F|cidr: 300.0.0.0/8\n", "    F|gt: x\n", "    F|exists: maybe\n", "\t", ": :\n", "!!python/object\n"));
        return Arbitraries.of(pieces).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void randomEventsNeverThrow(@ForAll("events") ObjectNode json) {
        RuleSet set = org.atlasops.detect.pack.RulePack.loader(Map.of(), org.atlasops.detect.pack.RulePack.pipeline())
                .build();
        Detector d = new Detector(set);
        d.process(Event.of(json), Instant.EPOCH);
    }

    @Provide
    Arbitrary<ObjectNode> events() {
        Arbitrary<String> keys = Arbitraries.of("gen_ai.operation.name", "mcp.direction", "url.path",
                "mcp.tool.arguments", "gen_ai.input.messages", "user.id", "x", "event.duration");
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.just((Object) null));
        return Arbitraries.maps(keys, values).ofMaxSize(6).map(m -> {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            m.forEach((k, v) -> {
                if (v == null) {
                    n.putNull(k);
                } else if (v instanceof Integer i) {
                    n.put(k, i);
                } else {
                    n.put(k, (String) v);
                }
            });
            n.putArray("arr").addObject().put("k", "v");
            return n;
        });
    }
}
