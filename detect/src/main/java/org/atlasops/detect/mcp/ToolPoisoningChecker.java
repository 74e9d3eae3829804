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
 * name and parameter names, the input schema's descriptions, titles and defaults, the annotations' strings), and what
 * a part hides, as parts of their own: hex, Base64 and {@code \\x}-escaped text decoded, Unicode tag characters
 * spelled out, the text of HTML comments and collapsed details blocks. It holds the annotations to what the text says
 * (read-only, yet sending data out). The patterns ({@link ToolPatterns}, one section per category of issue 16) are
 * built from vocabulary classes that must meet in one sentence: a verb of sending and a destination the tool names,
 * a reference to another tool and an order about it, a demand to come before every call, "do not call directly"
 * and a trigger in what the user says. Each pattern found is a finding that names the part, the reason and the
 * words, and the score is {@code 1 - Π(1 - weight)} over distinct reasons. A tool is poisoned at 0.5 or more: one
 * strong reason (an override, concealment from the user, data sent to an address the tool names, a hidden
 * directive, invisible characters) or two weaker ones together (a credential written into the tool and an order to
 * pass it on; "not to be called directly" and a trigger word).
 */
public final class ToolPoisoningChecker {
    public static final double THRESHOLD = 0.5;
    /** What a poisoned tool means in ATLAS, first among a verdict's techniques. */
    private static final AtlasId TOOL_POISONING = AtlasId.parse("AML.T0110");

    private static final int QUOTE = 80;

    private static final List<ToolPatterns.Check> CHECKS = ToolPatterns.all();

    private static final AtlasId EXFILTRATION = AtlasId.parse("AML.T0086");

    private static final ToolPatterns.Check READ_ONLY_LIE = new ToolPatterns.Check(
            "annotations claim read-only, but the tool sends data out",
            0.3,
            EXFILTRATION,
            Pattern.compile(""),
            java.util.Optional.empty());

    /** Text hidden as hex digits or Base64 inside a part; what it decodes to is checked as a part of its own. */
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){12,}(?![0-9A-Fa-f])");

    private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{24,}={0,2}");

    /** Escaped bytes written out ({@code \\x66\\x6f…}, {@code \\u0066…}): decoded like hex. */
    private static final Pattern ESCAPES = Pattern.compile("(?:\\\\x[0-9A-Fa-f]{2}|\\\\u[0-9A-Fa-f]{4}){8,}");

    /** Text a reader of the rendered description does not see: HTML comments and collapsed details blocks. */
    private static final Pattern UNSEEN =
            Pattern.compile("<!--(.*?)-->|<details\\b[^>]*>(.*?)</details>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** Unicode tag characters, which spell ASCII invisibly. */
    private static final Pattern TAGS = Pattern.compile("[\\x{E0020}-\\x{E007E}]{4,}");

    /** A zero-width joiner between two emoji is how emoji sequences are written, not a hidden character. */
    private static final Pattern EMOJI_JOINER = Pattern.compile(
            "(?<=[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}]\\x{FE0F}?)\\u200D(?=[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}])");

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
        Map<String, ToolPatterns.Check> counted = new LinkedHashMap<>();
        for (ToolDefinition.Part p : parts) {
            Set<String> here = new LinkedHashSet<>();
            String text = EMOJI_JOINER.matcher(p.text()).replaceAll("");
            for (ToolPatterns.Check c : CHECKS) {
                Matcher m = c.pattern().matcher(text);
                if (!here.contains(c.reason()) && m.find()) {
                    here.add(c.reason());
                    findings.add(new Finding(p.where(), c.reason(), quote(text, m)));
                    counted.putIfAbsent(c.reason(), c);
                }
            }
        }
        // a reason that needs another counts only beside it ("send it on" means something beside a credential)
        Set<String> dropped = new LinkedHashSet<>();
        counted.values()
                .forEach(c -> c.needs().filter(n -> !counted.containsKey(n)).ifPresent(n -> dropped.add(c.reason())));
        dropped.forEach(counted::remove);
        findings.removeIf(f -> dropped.contains(f.reason()));
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
        for (ToolPatterns.Check c : counted.values()) {
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

    /**
     * Adds what a part hides as parts of their own: hex, Base64 and escaped bytes decoded when that is readable text,
     * Unicode tag characters spelled out, and the text of HTML comments and collapsed details blocks.
     */
    private static void decoded(ToolDefinition.Part p, List<ToolDefinition.Part> parts) {
        Matcher esc = ESCAPES.matcher(p.text());
        while (esc.find()) {
            StringBuilder sb = new StringBuilder();
            String run = esc.group();
            for (int i = 0; i < run.length(); ) {
                int len = run.charAt(i + 1) == 'x' ? 2 : 4;
                sb.appendCodePoint(Integer.parseInt(run.substring(i + 2, i + 2 + len), 16));
                i += 2 + len;
            }
            readable(sb.toString().getBytes(StandardCharsets.UTF_8))
                    .ifPresent(t -> parts.add(new ToolDefinition.Part(p.where() + " (escapes decoded)", t)));
        }
        Matcher tags = TAGS.matcher(p.text());
        while (tags.find()) {
            StringBuilder sb = new StringBuilder();
            tags.group().codePoints().forEach(cp -> sb.append((char) (cp - 0xE0000)));
            parts.add(new ToolDefinition.Part(p.where() + " (Unicode tags decoded)", sb.toString()));
        }
        Matcher unseen = UNSEEN.matcher(p.text());
        while (unseen.find()) {
            String inner = unseen.group(1) != null ? unseen.group(1) : unseen.group(2);
            if (!inner.isBlank()) {
                parts.add(new ToolDefinition.Part(p.where() + " (hidden block)", inner.strip()));
            }
        }
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
