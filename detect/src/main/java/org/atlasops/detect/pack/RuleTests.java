package org.atlasops.detect.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class RuleTests {
    /** The outcome of one case. */
    public record Result(String file, String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "pass  " : "FAIL  ") + file + ": " + name + (passed ? "" : ": " + detail);
        }
    }

    private RuleTests() {}

    /** Runs the cases of one rule file; a rule file without tests gives one failed result saying so. */
    public static List<Result> run(
            String ruleText,
            String ruleFile,
            String testsText,
            Pipeline pipeline,
            Map<String, List<String>> placeholders) {
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
        return out;
    }

    /** Runs every rule of the bundled pack against its tests. */
    public static List<Result> runPack() {
        List<Result> out = new ArrayList<>();
        Pipeline pipeline = RulePack.pipeline();
        for (String f : RulePack.files()) {
            String tests = f.replaceFirst("\\.ya?ml$", ".tests.yml");
            if (!RulePack.exists(tests)) {
                out.add(new Result("bundled:" + f, "tests", false, "no " + tests + " beside the rule"));
                continue;
            }
            out.addAll(run(RulePack.text(f), "bundled:" + f, RulePack.text(tests), pipeline, Map.of()));
        }
        return out;
    }
}
