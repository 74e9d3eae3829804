package org.atlasops.detect.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.Detector;
import org.atlasops.detect.sigma.Match;
import org.atlasops.detect.sigma.Pipeline;
import org.atlasops.detect.sigma.RuleLoader;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.SigmaException;
import org.atlasops.detect.sigma.YamlDocuments;

/**
 * Runs rule tests. A rule file {@code x.yml} may have {@code x.tests.yml} beside it: a list of cases, each with a
 * {@code name}, {@code expect: match} or {@code expect: no_match}, and {@code events} (fed in order to a fresh
 * detector, each at its own time field or one second after the previous). A case expects an alert of the file's
 * outermost rule (its correlation when it has one, else its first rule).
 *
 * <p>A rule may also be run over benign corpora: JSON lines of ordinary traffic, fed in order to one fresh detector
 * per corpus. Any alert of any rule of the file on a benign event fails, with the corpus line and what matched.
 */
public final class RuleTests {
    /** The outcome of one case. */
    public record Result(String file, String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "pass  " : "FAIL  ") + file + ": " + name + (passed ? "" : ": " + detail);
        }
    }

    /**
     * Ordinary traffic a rule must not alert on.
     *
     * @param name where it comes from, e.g. {@code benign/llm_chat.jsonl}, for the report
     * @param jsonLines one event per line; blank lines are skipped
     */
    public record BenignCorpus(String name, String jsonLines) {
        public BenignCorpus {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(jsonLines, "jsonLines");
        }
    }

    /** Most failures listed per rule and corpus; the rest are counted. */
    static final int MAX_BENIGN_FAILURES = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 160;

    private RuleTests() {}

    /** Runs the cases of one rule file without benign corpora. */
    public static List<Result> run(
            String ruleText,
            String ruleFile,
            String testsText,
            Pipeline pipeline,
            Map<String, List<String>> placeholders) {
        return run(ruleText, ruleFile, testsText, pipeline, placeholders, List.of());
    }

    /**
     * Runs the cases of one rule file, then the rule over each benign corpus (one result per corpus when nothing
     * alerts, else one failed result per alerting event).
     */
    public static List<Result> run(
            String ruleText,
            String ruleFile,
            String testsText,
            Pipeline pipeline,
            Map<String, List<String>> placeholders,
            List<BenignCorpus> benign) {
        List<Result> out = new ArrayList<>();
        RuleSet rules =
                new RuleLoader(placeholders, pipeline).load(ruleText, ruleFile).build();
        if (!rules.problems().isEmpty()) {
            out.add(new Result(ruleFile, "loads", false, rules.problems().toString()));
            return out;
        }
        String target = !rules.correlations().isEmpty()
                ? rules.correlations().get(0).meta().title()
                : rules.rules().get(0).title();
        JsonNode cases;
        try {
            List<JsonNode> docs = YamlDocuments.read(testsText, ruleFile.replaceFirst("\\.ya?ml$", ".tests.yml"));
            cases = docs.isEmpty() ? null : docs.get(0);
        } catch (SigmaException e) {
            out.add(new Result(ruleFile, "tests", false, e.getMessage()));
            return out;
        }
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            out.add(new Result(ruleFile, "tests", false, "the tests file holds no list of cases"));
            return out;
        }
        boolean sawMatch = false;
        boolean sawNoMatch = false;
        for (JsonNode c : cases) {
            String name = c.path("name").asText("(unnamed)");
            String expect = c.path("expect").asText("");
            if (!expect.equals("match") && !expect.equals("no_match")) {
                out.add(new Result(ruleFile, name, false, "expect must be match or no_match"));
                continue;
            }
            sawMatch |= expect.equals("match");
            sawNoMatch |= expect.equals("no_match");
            Detector detector = new Detector(rules);
            Instant clock = Instant.parse("2026-01-01T00:00:00Z");
            List<String> fired = new ArrayList<>();
            for (JsonNode e : c.path("events")) {
                if (!(e instanceof ObjectNode o)) {
                    continue;
                }
                Event event = Event.of(o);
                clock = detector.timeOf(event, clock.plusSeconds(1));
                for (Match m : detector.process(event, clock)) {
                    String title = m instanceof Match.RuleMatch r
                            ? r.rule().title()
                            : ((Match.CorrelationMatch) m).rule().meta().title();
                    fired.add(title);
                }
            }
            boolean alerted = fired.contains(target);
            boolean ok = alerted == expect.equals("match");
            out.add(new Result(
                    ruleFile,
                    name,
                    ok,
                    ok ? "" : (alerted ? "alerted, but should not" : "did not alert") + " (alerts: " + fired + ")"));
        }
        if (!sawMatch || !sawNoMatch) {
            out.add(new Result(ruleFile, "coverage", false, "needs at least one 'match' and one 'no_match' case"));
        }
        for (BenignCorpus corpus : benign) {
            out.addAll(runBenign(rules, ruleFile, corpus));
        }
        return out;
    }

    private static List<Result> runBenign(RuleSet rules, String ruleFile, BenignCorpus corpus) {
        List<Result> out = new ArrayList<>();
        Detector detector = new Detector(rules);
        Instant clock = Instant.parse("2026-01-01T00:00:00Z");
        int events = 0;
        int alerting = 0;
        String[] lines = corpus.jsonLines().split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = "benign " + corpus.name() + ":" + (i + 1);
            JsonNode json;
            try {
                json = JSON.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                out.add(new Result(
                        ruleFile,
                        where,
                        false,
                        "not valid JSON (" + e.getOriginalMessage() + "); one event object per line"));
                continue;
            }
            if (!(json instanceof ObjectNode o)) {
                out.add(new Result(ruleFile, where, false, "not a JSON object; one event object per line"));
                continue;
            }
            events++;
            Event event = new Event(o, corpus.name(), i + 1L);
            clock = detector.timeOf(event, clock.plusSeconds(1));
            List<Match> fired = detector.process(event, clock).stream()
                    .filter(RuleTests::alerting)
                    .toList();
            if (fired.isEmpty()) {
                continue;
            }
            if (++alerting <= MAX_BENIGN_FAILURES) {
                out.add(new Result(
                        ruleFile, where + recordId(o), false, "alerted on a benign event: " + describe(fired)));
            }
        }
        if (alerting > MAX_BENIGN_FAILURES) {
            out.add(new Result(
                    ruleFile,
                    "benign " + corpus.name(),
                    false,
                    (alerting - MAX_BENIGN_FAILURES) + " more benign events alerted (" + alerting + " of " + events
                            + ")"));
        } else if (alerting == 0) {
            out.add(new Result(ruleFile, "benign " + corpus.name() + " (" + events + " events)", true, ""));
        }
        return out;
    }

    /** The record's own id, when the corpus names one ({@code event.id}), so a failure can be traced to its source. */
    private static String recordId(ObjectNode o) {
        JsonNode id = o.path("event.id");
        return id.isTextual() ? " (" + id.asText() + ")" : "";
    }

    private static boolean alerting(Match m) {
        return m instanceof Match.RuleMatch r ? r.alerting() : ((Match.CorrelationMatch) m).alerting();
    }

    private static String describe(List<Match> fired) {
        List<String> parts = new ArrayList<>();
        for (Match m : fired) {
            if (m instanceof Match.RuleMatch r) {
                List<String> fields = new ArrayList<>();
                for (String f : r.matchedFields()) {
                    List<JsonNode> values = r.event().values(f);
                    String v = values.size() == 1
                            ? values.get(0).asText()
                            : values.stream().map(JsonNode::asText).toList().toString();
                    fields.add(f + " = \"" + excerpt(v) + "\"");
                }
                parts.add("'" + r.rule().title() + "' matched "
                        + (fields.isEmpty() ? "(no field)" : String.join(", ", fields)));
            } else if (m instanceof Match.CorrelationMatch c) {
                parts.add("'" + c.rule().meta().title() + "' held for " + c.groupKey() + " with value " + c.value()
                        + " over " + c.events().size() + " events");
            }
        }
        return String.join("; ", parts);
    }

    private static String excerpt(String v) {
        String flat = v.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }

    /** Runs every rule of the bundled pack against its tests and the pack's benign corpora. */
    public static List<Result> runPack() {
        List<Result> out = new ArrayList<>();
        Pipeline pipeline = RulePack.pipeline();
        List<BenignCorpus> shared = RulePack.benignFiles().stream()
                .map(f -> new BenignCorpus(f, RulePack.text(f)))
                .toList();
        for (String f : RulePack.files()) {
            String tests = f.replaceFirst("\\.ya?ml$", ".tests.yml");
            if (!RulePack.exists(tests)) {
                out.add(new Result("bundled:" + f, "tests", false, "no " + tests + " beside the rule"));
                continue;
            }
            List<BenignCorpus> benign = new ArrayList<>(shared);
            String own = f.replaceFirst("\\.ya?ml$", ".benign.jsonl");
            if (RulePack.exists(own)) {
                benign.add(new BenignCorpus(own, RulePack.text(own)));
            }
            out.addAll(run(RulePack.text(f), "bundled:" + f, RulePack.text(tests), pipeline, Map.of(), benign));
        }
        return out;
    }
}
