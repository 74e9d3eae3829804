package org.atlasops.detect.mcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasId;

/**
 * Judges what MCP servers offer, all at once, because some risks exist only between servers:
 * <ul>
 *   <li>tool poisoning in descriptions and schema texts ({@link ToolPoisoningChecker}, AML.T0110);</li>
 *   <li>cross-server shadowing: a tool's text that instructs about another server's tools (AML.T0110, AML.T0080);</li>
 *   <li>rug pulls: a tool whose signature changed since it was pinned (AML.T0109);</li>
 *   <li>toxic flows: tools that read untrusted content next to tools that send data out or destroy it, the path an
 *       injected instruction would take (AML.T0051.001 then AML.T0086 or AML.T0101).</li>
 * </ul>
 */
public final class McpScanner {
    /** What a tool can do, as far as its name, description and annotations tell. */
    enum Capability {
        READS_UNTRUSTED,
        READS_PRIVATE,
        SENDS_OUT,
        DESTROYS
    }

    private static final Map<Capability, Pattern> CUES = new LinkedHashMap<>();

    static {
        CUES.put(
                Capability.READS_UNTRUSTED,
                Pattern.compile("\\b(fetch|browse|scrape|crawl|web ?page|url|website|"
                        + "search the web|web search|read (?:an? )?e-?mails?|inbox|issues?|pull requests?|comments?|"
                        + "tickets?|messages?|rss|feed|download)\\b"));
        CUES.put(
                Capability.READS_PRIVATE,
                Pattern.compile("\\b(read[_ ]?file|file contents?|files? on disk|"
                        + "filesystem|directory|database|sql|query|secrets?|credentials?|password|env(?:ironment)? "
                        + "variables?|private|internal|documents?|calendar|contacts)\\b"));
        CUES.put(
                Capability.SENDS_OUT,
                Pattern.compile("\\b(send|post|upload|webhook|publish|share|e-?mail to|"
                        + "http request|create[_ ](?:an? )?(?:issue|comment|gist|message)|reply|tweet|notify)\\b"));
        CUES.put(
                Capability.DESTROYS,
                Pattern.compile("\\b(delete|remove|drop|truncate|destroy|wipe|erase|rm -rf|"
                        + "overwrite|format (?:the )?disk|kill|terminate)\\b"));
    }

    private static final Pattern INSTRUCTION = Pattern.compile("\\b(instead|always|never|must|do not|don't|before|"
            + "after|whenever|when (?:using|calling)|ignore|override|replace|redirect)\\b");

    // What each finding means in ATLAS (tool poisoning's techniques come from the checker's reasons)
    private static final List<AtlasId> RUG_PULL = ids("AML.T0109");
    private static final List<AtlasId> SHADOWING = ids("AML.T0110", "AML.T0080");
    private static final List<AtlasId> EXFILTRATION_FLOW = ids("AML.T0051.001", "AML.T0086");
    private static final List<AtlasId> DESTRUCTION_FLOW = ids("AML.T0051.001", "AML.T0101");

    private final ToolPoisoningChecker poisoning = new ToolPoisoningChecker();

    private static List<AtlasId> ids(String... ids) {
        return Arrays.stream(ids).map(AtlasId::parse).toList();
    }

    /**
     * Every ATLAS technique a finding of the scanner can name (rug pull, shadowing, toxic flows and the tool
     * poisoning checker's), sorted: what coverage counts as detected by {@code mcp scan}.
     */
    public static List<AtlasId> techniques() {
        java.util.TreeSet<AtlasId> all = new java.util.TreeSet<>(ToolPoisoningChecker.techniques());
        for (List<AtlasId> ids : List.of(RUG_PULL, SHADOWING, EXFILTRATION_FLOW, DESTRUCTION_FLOW)) {
            all.addAll(ids);
        }
        return List.copyOf(all);
    }

    public List<McpFinding> analyze(List<McpInventory> inventories, Optional<PinStore> pins) {
        List<McpFinding> findings = new ArrayList<>();
        for (McpInventory inv : inventories) {
            inv.error()
                    .ifPresent(e -> findings.add(new McpFinding(
                            McpFinding.Kind.UNREACHABLE,
                            McpFinding.Severity.LOW,
                            inv.server().name(),
                            Optional.empty(),
                            List.of(),
                            "server could not be scanned",
                            List.of(e))));
            for (McpInventory.Tool t : inv.tools()) {
                ToolPoisoningChecker.Verdict v =
                        poisoning.check(t.definition(inv.server().name()));
                if (v.poisoned()) {
                    McpFinding.Severity sev =
                            v.score() >= 0.8 ? McpFinding.Severity.CRITICAL : McpFinding.Severity.HIGH;
                    findings.add(new McpFinding(
                            McpFinding.Kind.TOOL_POISONING,
                            sev,
                            inv.server().name(),
                            Optional.of(t.name()),
                            v.techniques(),
                            "tool description hides instructions to the model " + "(score "
                                    + String.format(Locale.ROOT, "%.2f", v.score()) + ")",
                            v.reasons()));
                }
            }
            pins.ifPresent(p -> rugPulls(inv, p, findings));
        }
        shadowing(inventories, findings);
        toxicFlows(inventories, findings);
        return findings;
    }

    private static void rugPulls(McpInventory inv, PinStore pins, List<McpFinding> findings) {
        if (inv.error().isPresent() || !pins.hasServer(inv.server().name())) {
            return;
        }
        for (PinStore.Change c : pins.compare(inv)) {
            McpFinding.Severity sev =
                    c.what().equals("changed") ? McpFinding.Severity.HIGH : McpFinding.Severity.MEDIUM;
            List<String> evidence = new ArrayList<>();
            c.before().ifPresent(b -> evidence.add("- " + b));
            c.after().ifPresent(a -> evidence.add("+ " + a));
            findings.add(new McpFinding(
                    McpFinding.Kind.RUG_PULL,
                    sev,
                    c.server(),
                    Optional.of(c.tool()),
                    RUG_PULL,
                    "tool " + c.what() + " since it was pinned (accept it with "
                            + "'atlas-ops mcp scan --update-pins' once reviewed)",
                    evidence));
        }
    }

    /** A tool whose text names another server's tool (or the server) and tells the model what to do about it. */
    private static void shadowing(List<McpInventory> inventories, List<McpFinding> findings) {
        for (McpInventory inv : inventories) {
            for (McpInventory.Tool t : inv.tools()) {
                String text = allText(t).toLowerCase(Locale.ROOT);
                for (McpInventory other : inventories) {
                    if (other == inv) {
                        continue;
                    }
                    List<String> named = new ArrayList<>();
                    for (McpInventory.Tool o : other.tools()) {
                        if (o.name().length() >= 4
                                && Pattern.compile("(?<![\\w-])"
                                                + Pattern.quote(o.name().toLowerCase(Locale.ROOT)) + "(?![\\w-])")
                                        .matcher(text)
                                        .find()) {
                            named.add(o.name());
                        }
                    }
                    String serverName = other.server().name().toLowerCase(Locale.ROOT);
                    boolean namesServer = serverName.length() >= 4 && text.contains(serverName);
                    if ((named.isEmpty() && !namesServer)
                            || !INSTRUCTION.matcher(text).find()) {
                        continue;
                    }
                    findings.add(new McpFinding(
                            McpFinding.Kind.CROSS_SERVER_SHADOWING,
                            McpFinding.Severity.HIGH,
                            inv.server().name(),
                            Optional.of(t.name()),
                            SHADOWING,
                            "tool instructs the model about another server's tools ("
                                    + other.server().name() + ")",
                            List.of(
                                    "names "
                                            + (named.isEmpty()
                                                    ? "server " + other.server().name()
                                                    : String.join(", ", named)),
                                    "text: " + clip(t.description()))));
                }
            }
        }
    }

    private static void toxicFlows(List<McpInventory> inventories, List<McpFinding> findings) {
        List<String[]> untrusted = new ArrayList<>();
        List<String[]> privateData = new ArrayList<>();
        List<String[]> out = new ArrayList<>();
        List<String[]> destroy = new ArrayList<>();
        for (McpInventory inv : inventories) {
            for (McpInventory.Tool t : inv.tools()) {
                Set<Capability> caps = capabilities(t);
                String[] ref = {inv.server().name(), t.name()};
                if (caps.contains(Capability.READS_UNTRUSTED)) {
                    untrusted.add(ref);
                }
                if (caps.contains(Capability.READS_PRIVATE)) {
                    privateData.add(ref);
                }
                if (caps.contains(Capability.SENDS_OUT)) {
                    out.add(ref);
                }
                if (caps.contains(Capability.DESTROYS)) {
                    destroy.add(ref);
                }
            }
        }
        if (untrusted.isEmpty()) {
            return;
        }
        String source = names(untrusted);
        if (!out.isEmpty()) {
            boolean withPrivate = !privateData.isEmpty();
            findings.add(new McpFinding(
                    McpFinding.Kind.TOXIC_FLOW,
                    withPrivate ? McpFinding.Severity.CRITICAL : McpFinding.Severity.HIGH,
                    out.get(0)[0],
                    Optional.empty(),
                    EXFILTRATION_FLOW,
                    "untrusted content can steer the agent into sending data out",
                    List.of(
                            "1. an attacker plants instructions in content read by " + source,
                            withPrivate
                                    ? "2. the agent, following them, reads private data with " + names(privateData)
                                    : "2. the agent takes the planted instructions as its own",
                            "3. and sends it out with " + names(out))));
        }
        if (!destroy.isEmpty()) {
            findings.add(new McpFinding(
                    McpFinding.Kind.TOXIC_FLOW,
                    McpFinding.Severity.HIGH,
                    destroy.get(0)[0],
                    Optional.empty(),
                    DESTRUCTION_FLOW,
                    "untrusted content can steer the agent into destroying data",
                    List.of(
                            "1. an attacker plants instructions in content read by " + source,
                            "2. the agent, following them, destroys data with " + names(destroy))));
        }
    }

    static Set<Capability> capabilities(McpInventory.Tool t) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        String text = (t.name().replace('_', ' ').replace('-', ' ') + " " + t.description()).toLowerCase(Locale.ROOT);
        CUES.forEach((cap, cue) -> {
            if (cue.matcher(text).find()) {
                caps.add(cap);
            }
        });
        t.annotations().ifPresent(a -> {
            if (a.path("destructiveHint").asBoolean(false)) {
                caps.add(Capability.DESTROYS);
            }
            if (a.path("readOnlyHint").asBoolean(false)) {
                caps.remove(Capability.DESTROYS);
                caps.remove(Capability.SENDS_OUT);
            }
        });
        return caps;
    }

    private static String allText(McpInventory.Tool t) {
        StringBuilder b = new StringBuilder(t.description());
        for (String[] s : t.definition("").schemaTexts()) {
            b.append('\n').append(s[1]);
        }
        return b.toString();
    }

    private static String names(List<String[]> refs) {
        List<String> n = new ArrayList<>();
        for (String[] r : refs) {
            if (n.size() == 4) {
                n.add("and " + (refs.size() - 4) + " more");
                break;
            }
            n.add(r[0] + "/" + r[1]);
        }
        return String.join(", ", n);
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 199) + "…" : one;
    }
}
