package org.atlasops.detect.mcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasId;

/**
 * Scores an MCP tool definition for poisoning: each pattern found in the description or a schema text is a reason
 * with a weight, and the score is {@code 1 - Π(1 - weight)} over distinct reasons. A tool is poisoned at 0.5 or more:
 * one strong reason (an override, concealment from the user, a hidden directive, invisible characters) or two
 * weaker ones together.
 */
public final class ToolPoisoningChecker {
    public static final double THRESHOLD = 0.5;
    /** What a poisoned tool means in ATLAS, first among a verdict's techniques. */
    private static final AtlasId TOOL_POISONING = AtlasId.parse("AML.T0110");

    /** A reason, its weight and the ATLAS technique it adds. */
    private record Check(String reason, double weight, AtlasId technique, Pattern pattern) {}

    private static Check check(String reason, double weight, String technique, String regex) {
        return new Check(
                reason,
                weight,
                AtlasId.parse(technique),
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    private static final List<Check> CHECKS = List.of(
            check(
                    "override of other instructions",
                    0.8,
                    "AML.T0051.001",
                    "\\b(ignore|disregard|forget|override)\\b.{0,30}\\b(previous|prior|above|all|other|safety|earlier)"
                            + "\\b.{0,20}\\b(instructions?|rules|checks|prompts?|guidelines|tools?)\\b"),
            check(
                    "hides something from the user",
                    0.8,
                    "AML.T0110",
                    "\\b(do not|don'?t|never|without)\\s+(tell|telling|inform|informing|mention|mentioning|show|"
                            + "showing|notify|notifying|alert|alerting)\\b.{0,20}\\b(the )?users?\\b"),
            check(
                    "pseudo-tag or bracketed directive",
                    0.6,
                    "AML.T0110",
                    "<\\s*/?\\s*(important|system|instructions?|secret|hidden|admin)\\s*>|\\[\\s*(important|system|"
                            + "role directive|metadata directive|hidden instruction|admin|inst)\\s*]"),
            check(
                    "instruction hidden in a comment",
                    0.7,
                    "AML.T0110",
                    "<!--.{0,200}\\b(system|always|must|ignore|read|send|call|run)\\b.{0,200}-->"),
            check(
                    "fake system or role directive",
                    0.6,
                    "AML.T0110",
                    "(^|\\n)\\s*(system|act as|assistant|role)\\s*:|<\\|(im_start|system)\\|>|\\[/?inst]"),
            check(
                    "invisible or bidi characters",
                    0.7,
                    "AML.T0068",
                    "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\x{E0000}-\\x{E007F}]"),
            check(
                    "reads keys or sensitive files",
                    0.45,
                    "AML.T0098",
                    "~/\\.ssh|\\bid_(rsa|ed25519|ecdsa)\\b|/etc/(passwd|shadow)|\\.aws/credentials|(^|[\\s/'\"`])\\.env\\b|"
                            + "private key|mcp\\.json|claude_desktop_config|\\.cursor/|api[_ ]?keys?\\b.{0,30}\\b(read|send|"
                            + "include|pass)"),
            check(
                    "forces its own use or an order of calls",
                    0.45,
                    "AML.T0110",
                    "\\b(before|after)\\s+(using|calling|executing|execute|running|any|every|the)\\b.{0,60}\\b(tool|"
                            + "operation|function|this)\\b|\\buse this tool (rather than|instead of|no matter)|\\bno matter "
                            + "(how|what)\\b|\\balways (use|call|run) this\\b|\\breplace the values with\\b"),
            check(
                    "sends data elsewhere",
                    0.6,
                    "AML.T0086",
                    "\\b(bcc|cc)\\b.{0,40}@|\\b(send|forward|copy|post|upload)\\b.{0,40}\\b(to|at)\\b.{0,40}"
                            + "(https?://|[\\w.+-]+@[\\w-]+\\.[\\w.]+)"),
            check(
                    "injects commands into the user's environment",
                    0.6,
                    "AML.T0050",
                    "\\bchmod\\s+-r\\b|\\brm\\s+-rf\\b|(curl|wget)\\b[^|\\n]{0,80}\\|\\s*(ba)?sh\\b|must include the prefix|"
                            + "prefix\\s+`[^`]{2,60}`"),
            check(
                    "disables safety or elevates privileges",
                    0.45,
                    "AML.T0054",
                    "\\b(bypass|disable|skip|turn off)\\b.{0,20}\\b(safety|security|content filter(ing)?|validation|"
                            + "checks?|guardrails?)\\b|\\bunrestricted access\\b|\\belevated privileges\\b|\\btrust all\\b|"
                            + "\\bsimulate (elevated|admin|root)"),
            check(
                    "standing order to the model",
                    0.6,
                    "AML.T0051.001",
                    "\\bfrom now on\\b.{0,30}\\byou\\b|\\bhenceforth\\b|\\bfor the rest of (the|this) "
                            + "(conversation|session|chat)\\b"),
            check(
                    "tampers with other tools' inputs or results",
                    0.5,
                    "AML.T0110",
                    "\\b(replace|modify|change|alter|overwrite|rewrite)\\b.{0,30}\\b(values?|results?|outputs?|"
                            + "arguments?|parameters?)\\b.{0,40}\\b(tool|operation|function|response)\\b"),
            check(
                    "addresses the model directly",
                    0.3,
                    "AML.T0051.001",
                    "\\byou (are|must|should|will) (now|always|never)\\b|\\b(the )?(ai|assistant|model|llm|agent) "
                            + "(must|should|is required to)\\b"));

    /** The verdict on one tool. */
    public record Verdict(boolean poisoned, double score, List<AtlasId> techniques, List<String> reasons) {
        public Verdict {
            techniques = List.copyOf(techniques);
            reasons = List.copyOf(reasons);
        }
    }

    public Verdict check(ToolDefinition tool) {
        List<String[]> texts = new ArrayList<>();
        texts.add(new String[] {"description", tool.description()});
        texts.addAll(tool.schemaTexts());
        Set<String> reasons = new LinkedHashSet<>();
        Set<AtlasId> techniques = new LinkedHashSet<>();
        double keep = 1;
        Set<String> counted = new LinkedHashSet<>();
        for (String[] t : texts) {
            for (Check c : CHECKS) {
                if (c.pattern().matcher(t[1]).find()) {
                    reasons.add(c.reason() + " (" + t[0] + ")");
                    if (counted.add(c.reason())) {
                        keep *= 1 - c.weight();
                        techniques.add(c.technique());
                    }
                }
            }
        }
        double score = Math.round((1 - keep) * 1000) / 1000.0;
        boolean poisoned = score >= THRESHOLD;
        List<AtlasId> ids = new ArrayList<>();
        if (poisoned) {
            ids.add(TOOL_POISONING);
            techniques.stream().filter(t -> !t.equals(TOOL_POISONING)).forEach(ids::add);
        }
        return new Verdict(poisoned, score, ids, List.copyOf(reasons));
    }
}
