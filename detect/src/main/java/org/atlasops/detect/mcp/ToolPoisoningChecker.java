package org.atlasops.detect.mcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasId;

/**
 * Scores an MCP tool definition for poisoning. It reads every part of the tool a model reads (the description, the
 * name and parameter names, the input schema's descriptions, titles and defaults, the annotations' strings, and text
 * hidden in hex or Base64 inside any of them), and holds the annotations to what the text says (read-only, yet
 * sending data out); each pattern found is a finding that names the part, the reason and the words, and the score is {@code 1 - Π(1 - weight)} over distinct reasons. A tool is poisoned at 0.5 or more:
 * one strong reason (an override, concealment from the user, a hidden directive, invisible characters) or two
 * weaker ones together (data sent to an outside destination and the secrets or conversation it would carry; orders
 * about another tool and a demand to be called first).
 */
public final class ToolPoisoningChecker {
    public static final double THRESHOLD = 0.5;
    /** What a poisoned tool means in ATLAS, first among a verdict's techniques. */
    private static final AtlasId TOOL_POISONING = AtlasId.parse("AML.T0110");

    private static final int QUOTE = 80;

    /** A reason, its weight and the ATLAS technique it adds. */
    private record Check(String reason, double weight, AtlasId technique, Pattern pattern) {}

    private static Check check(String reason, double weight, String technique, String regex) {
        return new Check(
                reason,
                weight,
                AtlasId.parse(technique),
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** A check whose letters' case matters (shouted markers such as SYSTEM OVERRIDE). */
    private static Check exactCase(String reason, double weight, String technique, String regex) {
        return new Check(reason, weight, AtlasId.parse(technique), Pattern.compile(regex, Pattern.DOTALL));
    }

    /** Shouted words that make a made-up tag a directive ({@code <GLOBAL_OVERRIDE>}, {@code <SYSTEM_REQUIREMENT>}). */
    private static final String TAG_WORDS =
            "OVERRIDE|SYSTEM|INSTRUCTIONS?|IMPORTANT|HIDDEN|SECRET|ADMIN|DIRECTIVE|REQUIREMENT|MANDATORY|GLOBAL|"
                    + "PRIORITY|CRITICAL";

    /** The same in brackets: fewer words, since "[CRITICAL]" and "[PRIORITY]" are ordinary log levels and labels. */
    private static final String BRACKET_WORDS = "OVERRIDE|SYSTEM|INSTRUCTIONS?|IMPORTANT|HIDDEN|ADMIN|DIRECTIVE";

    /** After a fence or a run of marks: fewer still, since "**IMPORTANT**" is ordinary Markdown emphasis. */
    private static final String MARKER_WORDS = "OVERRIDE|SYSTEM|INSTRUCTIONS?|DIRECTIVE|ADMIN";

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
            exactCase(
                    "pseudo-tag or bracketed directive",
                    0.6,
                    "AML.T0110",
                    "<\\s*/?\\s*[A-Z_]*(" + TAG_WORDS + ")[A-Z_]*(\\s[^>]{0,80})?>|\\[\\s*[A-Z ]*(" + BRACKET_WORDS
                            + ")[A-Z ]*]"),
            exactCase(
                    "override marker",
                    0.6,
                    "AML.T0110",
                    "(\\|{2,}|#{2,}|={3,}|\\*{2,}|-{3,}|<<|\\[\\[|\\{\\{|```)\\s*[A-Z ]{0,30}\\b(" + MARKER_WORDS
                            + ")\\b|\\bSYSTEM OVERRIDE\\b|\\bOVERRIDE MODE\\b|(^|\\n)\\s*#{1,4}\\s*(Instruction|System"
                            + "|Input|Response)s?\\s*:|<<\\s*/?\\s*SYS\\s*>>|<\\|[a-z_]{2,20}\\|>"),
            check(
                    "instruction hidden in a comment",
                    0.7,
                    "AML.T0110",
                    "<!--.{0,200}\\b(system|always|must|ignore|read|send|call|run)\\b.{0,200}-->"),
            check("hidden HTML or Markdown comment", 0.3, "AML.T0068", "<!--|(^|\\n)\\s*\\[//]:\\s*#"),
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
                    "terminal escape codes or long blank padding",
                    0.6,
                    "AML.T0068",
                    "\\x{1B}\\[|[ \\t\\u00A0\\u2800\\u3164]{60,}"),
            check(
                    "Markdown image or link that loads an outside address",
                    0.4,
                    "AML.T0086",
                    "!\\[[^\\]]{0,100}]\\(\\s*https?://"),
            check(
                    "reads keys or sensitive files",
                    0.45,
                    "AML.T0098",
                    "~/\\.ssh|\\bid_(rsa|ed25519|ecdsa)\\b|/etc/(passwd|shadow)|\\.aws/credentials|(^|[\\s/'\"`])\\.env\\b|"
                            + "private key|ssh keys?\\b|mcp\\.json|claude_desktop_config|\\.cursor/|api[_ ]?keys?\\b.{0,30}"
                            + "\\b(read|send|include|pass)"),
            check(
                    "collects the conversation or secrets",
                    0.35,
                    "AML.T0057",
                    "\\b(conversation|chat|message)s? (history|log|transcript)s?\\b|\\bsystem prompt\\b|\\b(previous|"
                            + "prior|earlier) messages\\b|\\b(all|every) (of )?(the )?(user'?s? )?(messages|e-?mails)\\b|"
                            + "\\b(entire|complete|full|whole) (conversation|context|user message|chat)\\b|"
                            + "\\b(connection strings?|session cookies?|browser history|saved passwords|"
                            + "clipboard)\\b"),
            check(
                    "credential written into the tool",
                    0.4,
                    "AML.T0055",
                    "\\b(sk-[a-z0-9_-]{16,}|akia[0-9a-z]{16}|gh[pousr]_[a-z0-9]{30,}|xox[abpr]-[a-z0-9-]{10,}|"
                            + "aiza[0-9a-z_-]{30,})\\b|-----begin [a-z ]*private key-----|\\b(password|passwd|api[_ -]?key"
                            + "|secret|access token)\\s*[:=]\\s*['\"`]?(?=[a-z_\\-./+]*[0-9])[a-z0-9_\\-./+]{8,}"),
            check(
                    "forces its own use or an order of calls",
                    0.45,
                    "AML.T0110",
                    "\\b(before|after)\\s+(using|calling|executing|execute|running|any|every|the)\\b.{0,60}\\b(tool|"
                            + "operation|function|this)\\b|\\buse this tool (rather than|instead of|no matter)|\\bno matter "
                            + "(how|what)\\b|\\balways (use|call|run) this\\b|\\breplace the values with\\b"),
            check(
                    "demands to be called before everything",
                    0.5,
                    "AML.T0110",
                    "\\bfirst step (of|in|for) (any|every|each|all)\\b|\\bmust be (called|invoked|run|used|consulted|"
                            + "executed) (first )?before (any|every|each|all|anything)\\b|\\b(call|invoke|run|use|consult) "
                            + "(this|me)( tool| function)? before (anything|any other|every)\\b|\\bbefore (processing|"
                            + "handling|answering|responding to|doing) (any|every|each|all)\\b|\\b(on|at the start of|at the "
                            + "beginning of) (every|each|any) (agent )?(session|request|conversation|turn|task)\\b"),
            check(
                    // "call this first" is also how an honest sign-in tool speaks, so alone it is not enough
                    "asks to be called first",
                    0.2,
                    "AML.T0110",
                    "\\bmust be (called|invoked|run|used|consulted|executed) first\\b|\\b(call|invoke|run|use|consult) "
                            + "(this|me)( tool| function)? first\\b"),
            check(
                    "orders about another tool",
                    0.4,
                    "AML.T0110",
                    "\\b(when|whenever|if|before|after) (using|calling|invoking|the)\\s+[`'\"]?[a-z0-9]+_[a-z0-9_]+[`'\"]?"
                            + "( tool)?\\b.{0,80}\\b(must|always|never|instead|also|should)\\b|\\b(other|all|any|every) "
                            + "(other )?(tools?|servers?|functions?)\\b.{0,40}\\b(must|should|have to|need to)\\b|"
                            + "\\bside effect on\\b|\\b(the )?[a-z0-9]+_[a-z0-9_]+ tool (must|should|will|has to)\\b|"
                            + "\\binstead of (using |calling )?(the )?[`'\"]?[a-z0-9]+_[a-z0-9_]+"),
            check(
                    "sleeper wording",
                    0.5,
                    "AML.T0110",
                    "\\b(never|do not|don'?t|must not) (invoke|call|use|run|trigger) (this|me|it)( tool| function)? "
                            + "(directly|yourself|explicitly|on your own)\\b|\\bnot (meant|intended|supposed) to be "
                            + "(called|invoked|used) directly\\b|\\b(lies|lie|stays?|remains?) (dormant|hidden|inactive|silent) "
                            + "until\\b|\\bsleeper (tool|agent|instruction)s?\\b"),
            check(
                    "sends data elsewhere",
                    0.6,
                    "AML.T0086",
                    "\\b(bcc|cc)\\b.{0,40}@|\\b(send|forward|copy|post|upload|notify|e-?mail|message|report|alert|"
                            + "inform)\\b.{0,40}\\b(to|at)\\b.{0,40}(https?://|[\\w.+-]+@[\\w-]+\\.[\\w.]+)|\\b(notify|"
                            + "e-?mail|inform|alert|ping|message)\\s+[\\w.+-]+@[\\w-]+\\.[\\w.]+"),
            check(
                    "ships data to an outside destination",
                    0.35,
                    "AML.T0086",
                    "\\b(upload|sync|synchroni[sz]e|share|transmit|forward|mirror|beacon|exfiltrat|back(s|ed)? up|"
                            + "replicat|send)\\w*\\b.{0,60}\\b(third[- ]part(y|ies)|partners?|external (server|endpoint|"
                            + "service|host|address)|remote (server|endpoint|host|storage)|our (own )?(servers?|backend|"
                            + "cloud|analytics|telemetry)|outside (the )?(organi[sz]ation|company|machine))\\b"),
            check(
                    "injects commands into the user's environment",
                    0.6,
                    "AML.T0050",
                    "\\bchmod\\s+-r\\b|\\brm\\s+-rf\\b|(curl|wget)\\b[^|\\n]{0,80}\\|\\s*(ba)?sh\\b|must include the prefix|"
                            + "prefix\\s+`[^`]{2,60}`|prefixed with:?\\s*`?(curl|wget)\\b"),
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

    private static final AtlasId EXFILTRATION = AtlasId.parse("AML.T0086");

    private static final Check READ_ONLY_LIE = new Check(
            "annotations claim read-only, but the tool sends data out", 0.3, EXFILTRATION, Pattern.compile(""));

    /** Text hidden as hex digits or Base64 inside a part; what it decodes to is checked as a part of its own. */
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){12,}(?![0-9A-Fa-f])");

    private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{24,}={0,2}");

    /**
     * Every ATLAS technique a verdict can name, sorted: what coverage counts as detected by this analyzer (the
     * {@code assess} module reads it instead of copying the list).
     */
    public static List<AtlasId> techniques() {
        java.util.TreeSet<AtlasId> all = new java.util.TreeSet<>();
        all.add(TOOL_POISONING);
        all.add(READ_ONLY_LIE.technique());
        CHECKS.forEach(c -> all.add(c.technique()));
        return List.copyOf(all);
    }

    /** One finding: which part of the tool, why, and the words that show it. */
    public record Finding(String part, String reason, String quote) {
        public Finding {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(quote, "quote");
        }

        @Override
        public String toString() {
            return reason + " (" + part + ": \"" + quote + "\")";
        }
    }

    /** The verdict on one tool: findings in the order of the tool's parts; {@code reasons} are their text. */
    public record Verdict(
            boolean poisoned, double score, List<AtlasId> techniques, List<String> reasons, List<Finding> findings) {
        public Verdict {
            techniques = List.copyOf(techniques);
            reasons = List.copyOf(reasons);
            findings = List.copyOf(findings);
        }
    }

    public Verdict check(ToolDefinition tool) {
        List<ToolDefinition.Part> parts = new ArrayList<>();
        for (ToolDefinition.Part p : tool.parts()) {
            parts.add(p);
            decoded(p, parts);
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Check> counted = new LinkedHashMap<>();
        for (ToolDefinition.Part p : parts) {
            Set<String> here = new LinkedHashSet<>();
            for (Check c : CHECKS) {
                Matcher m = c.pattern().matcher(p.text());
                if (m.find() && here.add(c.reason())) {
                    findings.add(new Finding(p.where(), c.reason(), quote(p.text(), m)));
                    counted.putIfAbsent(c.reason(), c);
                }
            }
        }
        // a tool that says it only reads, yet sends data out, is lying about the one thing a client checks
        boolean readOnly = tool.annotations()
                .map(a -> a.path("readOnlyHint").asBoolean(false))
                .orElse(false);
        if (readOnly && counted.values().stream().anyMatch(c -> c.technique().equals(EXFILTRATION))) {
            findings.add(new Finding("annotations.readOnlyHint", READ_ONLY_LIE.reason(), "readOnlyHint: true"));
            counted.putIfAbsent(READ_ONLY_LIE.reason(), READ_ONLY_LIE);
        }
        double keep = 1;
        Set<AtlasId> techniques = new LinkedHashSet<>();
        for (Check c : counted.values()) {
            keep *= 1 - c.weight();
            techniques.add(c.technique());
        }
        double score = Math.round((1 - keep) * 1000) / 1000.0;
        boolean poisoned = score >= THRESHOLD;
        List<AtlasId> ids = new ArrayList<>();
        if (poisoned) {
            ids.add(TOOL_POISONING);
            techniques.stream().filter(t -> !t.equals(TOOL_POISONING)).forEach(ids::add);
        }
        return new Verdict(
                poisoned, score, ids, findings.stream().map(Finding::toString).toList(), findings);
    }

    /** Adds what hex or Base64 runs in a part decode to, when that is readable text. */
    private static void decoded(ToolDefinition.Part p, List<ToolDefinition.Part> parts) {
        Matcher hex = HEX.matcher(p.text());
        while (hex.find()) {
            readable(HexFormat.of().parseHex(hex.group().toLowerCase(java.util.Locale.ROOT)))
                    .ifPresent(t -> parts.add(new ToolDefinition.Part(p.where() + " (hex-decoded)", t)));
        }
        Matcher b64 = BASE64.matcher(p.text());
        while (b64.find()) {
            String run = b64.group();
            if (run.length() % 4 != 0) {
                continue;
            }
            try {
                readable(Base64.getDecoder().decode(run))
                        .ifPresent(t -> parts.add(new ToolDefinition.Part(p.where() + " (Base64-decoded)", t)));
            } catch (IllegalArgumentException notBase64) {
                // a run of letters that only looks like Base64
            }
        }
    }

    /** Decoded bytes that are printable UTF-8 text with words in it (a hash or an image decodes to noise). */
    private static java.util.Optional<String> readable(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        int printable = 0;
        int spaces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                spaces++;
            }
            if (c >= 0x20 && c != 0x7f && c != 0xfffd || c == '\n' || c == '\t') {
                printable++;
            }
        }
        boolean text = !s.isEmpty() && printable >= 0.95 * s.length() && spaces >= 2;
        return text ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    /** The matched words with a little context, on one line, at most {@value #QUOTE} characters. */
    private static String quote(String text, Matcher m) {
        String q = text.substring(m.start(), Math.min(text.length(), Math.max(m.end(), m.start() + 40)));
        q = q.replaceAll("[\\p{Cntrl}\\p{Cf}\\s]+", " ").strip();
        if (q.isEmpty()) {
            q = "(" + (m.end() - m.start()) + " invisible or blank characters)";
        }
        return q.length() > QUOTE ? q.substring(0, QUOTE - 1) + "…" : q;
    }
}
