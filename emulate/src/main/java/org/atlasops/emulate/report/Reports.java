package org.atlasops.emulate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.AttemptJson;

/**
 * The reports of a run: JSON, JSON lines, SARIF 2.1.0, JUnit XML, HTML and a Navigator 4.5 layer. A successful
 * attack is a finding (SARIF result, JUnit failure); an unscorable attempt is shown as such (JUnit error), never as a
 * pass.
 */
public final class Reports {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Reports() {}

    /** Per technique, sorted by ID. */
    public static List<TechniqueResult> byTechnique(List<Attempt> attempts) {
        Map<String, List<Attempt>> by = new TreeMap<>();
        for (Attempt a : attempts) {
            by.computeIfAbsent(a.technique(), k -> new ArrayList<>()).add(a);
        }
        List<TechniqueResult> out = new ArrayList<>();
        by.forEach((t, as) -> out.add(new TechniqueResult(
                t,
                as.get(0).tactic(),
                as.size(),
                count(as, Verdict.SUCCEEDED),
                count(as, Verdict.FAILED),
                count(as, Verdict.UNSCORABLE),
                new ArrayList<>(
                        new LinkedHashSet<>(as.stream().map(Attempt::procedure).toList())))));
        return out;
    }

    static int count(List<Attempt> as, Verdict v) {
        return (int) as.stream().filter(a -> a.verdict() == v).count();
    }

    public static String jsonl(List<Attempt> attempts) {
        StringBuilder b = new StringBuilder();
        attempts.forEach(a -> b.append(AttemptJson.toJson(a)).append('\n'));
        return b.toString();
    }

    public static ObjectNode json(ObjectNode manifest, List<Attempt> attempts) {
        ObjectNode o = F.objectNode();
        o.set("run", manifest);
        ObjectNode totals = o.putObject("totals");
        totals.put("attempts", attempts.size());
        for (Verdict v : Verdict.values()) {
            totals.put(v.label(), count(attempts, v));
        }
        ArrayNode t = o.putArray("techniques");
        for (TechniqueResult r : byTechnique(attempts)) {
            ObjectNode n = t.addObject();
            n.put("technique", r.technique());
            n.put("tactic", r.tactic());
            n.put("attempts", r.attempts());
            n.put("succeeded", r.succeeded());
            n.put("failed", r.failed());
            n.put("unscorable", r.unscorable());
            n.put("success_rate", r.successRate());
            ArrayNode ps = n.putArray("procedures");
            r.procedures().forEach(ps::add);
        }
        ArrayNode as = o.putArray("attempts");
        attempts.forEach(a -> as.add(AttemptJson.toJson(a)));
        return o;
    }

    /** A Navigator 4.5 layer for the ATLAS domain: score = success rate (0-100), comment = counts. */
    public static ObjectNode layer(String name, String atlasRelease, List<Attempt> attempts) {
        ObjectNode l = F.objectNode();
        l.put("name", name);
        ObjectNode versions = l.putObject("versions");
        versions.put("layer", "4.5");
        versions.put("navigator", "5.1.0");
        l.put("domain", "atlas-atlas");
        l.put(
                "description",
                "Emulation results: per technique the attempts, the successes and the success rate "
                        + "(score, percent of scorable attempts) against ATLAS " + atlasRelease + ".");
        ArrayNode ts = l.putArray("techniques");
        for (TechniqueResult r : byTechnique(attempts)) {
            ObjectNode t = ts.addObject();
            t.put("techniqueID", r.technique());
            t.put("tactic", tacticShortname(r.tactic()));
            t.put("score", Math.round(r.successRate() * 100));
            t.put(
                    "comment",
                    r.succeeded() + " of " + r.attempts() + " attempts succeeded (" + r.failed() + " failed, "
                            + r.unscorable() + " unscorable)");
            t.put("enabled", true);
            ArrayNode md = t.putArray("metadata");
            md.addObject().put("name", "attempts").put("value", Integer.toString(r.attempts()));
            md.addObject().put("name", "succeeded").put("value", Integer.toString(r.succeeded()));
            md.addObject().put("name", "procedures").put("value", String.join(", ", r.procedures()));
        }
        ObjectNode g = l.putObject("gradient");
        g.putArray("colors").add("#8ec843").add("#ffe766").add("#ff6666");
        g.put("minValue", 0);
        g.put("maxValue", 100);
        l.put("sorting", 3);
        ArrayNode legend = l.putArray("legendItems");
        legend.addObject().put("label", "attacks failed").put("color", "#8ec843");
        legend.addObject().put("label", "attacks succeeded").put("color", "#ff6666");
        ObjectNode md = l.putArray("metadata").addObject();
        md.put("name", "atlas_release").put("value", atlasRelease);
        return l;
    }

    /** The tactic's shortname as the Navigator writes it, from its ID (the ATLAS 5.x tactics). */
    static String tacticShortname(String tacticId) {
        return switch (tacticId) {
            case "AML.TA0002" -> "reconnaissance";
            case "AML.TA0003" -> "resource-development";
            case "AML.TA0004" -> "initial-access";
            case "AML.TA0000" -> "ai-model-access";
            case "AML.TA0005" -> "execution";
            case "AML.TA0006" -> "persistence";
            case "AML.TA0012" -> "privilege-escalation";
            case "AML.TA0007" -> "defense-evasion";
            case "AML.TA0013" -> "credential-access";
            case "AML.TA0008" -> "discovery";
            case "AML.TA0015" -> "lateral-movement";
            case "AML.TA0009" -> "collection";
            case "AML.TA0001" -> "ai-attack-staging";
            case "AML.TA0014" -> "command-and-control";
            case "AML.TA0010" -> "exfiltration";
            case "AML.TA0011" -> "impact";
            default -> tacticId.toLowerCase(Locale.ROOT);
        };
    }

    /** SARIF 2.1.0: one rule per procedure, one result per successful attempt (level error). */
    public static ObjectNode sarif(List<Attempt> attempts, String toolVersion) {
        ObjectNode s = F.objectNode();
        s.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        s.put("version", "2.1.0");
        ObjectNode run = s.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "atlas-ops emulate");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://atlas.mitre.org/");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new TreeMap<>();
        for (Attempt a : attempts) {
            if (!index.containsKey(a.procedure())) {
                index.put(a.procedure(), index.size());
                ObjectNode r = rules.addObject();
                r.put("id", a.procedure());
                r.put("name", a.procedure());
                r.putObject("shortDescription").put("text", a.name().isEmpty() ? a.procedure() : a.name());
                r.put("helpUri", "https://atlas.mitre.org/techniques/" + a.technique());
                ObjectNode props = r.putObject("properties");
                props.putArray("tags").add(a.technique()).add(a.tactic()).add("atlas");
            }
        }
        ArrayNode results = run.putArray("results");
        for (Attempt a : attempts) {
            if (a.verdict() != Verdict.SUCCEEDED) {
                continue;
            }
            ObjectNode r = results.addObject();
            r.put("ruleId", a.procedure());
            r.put("ruleIndex", index.get(a.procedure()));
            r.put("level", "error");
            r.putObject("message").put("text", a.technique() + " succeeded against " + a.target() + ": " + a.reason());
            ObjectNode loc = r.putArray("locations").addObject();
            ObjectNode logical = loc.putArray("logicalLocations").addObject();
            logical.put("name", a.target());
            logical.put("kind", "resource");
            r.putObject("partialFingerprints").put("attempt/v1", a.key());
            ObjectNode props = r.putObject("properties");
            props.put("technique", a.technique());
            props.put("tactic", a.tactic());
            props.put("atlas_release", a.release());
            props.put("attempt", a.key());
        }
        return s;
    }

    /** JUnit XML: a suite per technique, a test case per attempt; succeeded attacks fail, unscorable ones error. */
    public static String junit(List<Attempt> attempts) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int failures = count(attempts, Verdict.SUCCEEDED);
        int errors = count(attempts, Verdict.UNSCORABLE);
        b.append("<testsuites name=\"atlas-ops emulate\" tests=\"")
                .append(attempts.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"")
                .append(errors)
                .append("\">\n");
        Map<String, List<Attempt>> by = new TreeMap<>();
        attempts.forEach(
                a -> by.computeIfAbsent(a.technique(), k -> new ArrayList<>()).add(a));
        for (Map.Entry<String, List<Attempt>> e : by.entrySet()) {
            List<Attempt> as = e.getValue();
            b.append("  <testsuite name=\"")
                    .append(xml(e.getKey()))
                    .append("\" tests=\"")
                    .append(as.size())
                    .append("\" failures=\"")
                    .append(count(as, Verdict.SUCCEEDED))
                    .append("\" errors=\"")
                    .append(count(as, Verdict.UNSCORABLE))
                    .append("\" skipped=\"0\">\n");
            for (Attempt a : as) {
                b.append("    <testcase classname=\"")
                        .append(xml(a.technique()))
                        .append("\" name=\"")
                        .append(xml(a.key()))
                        .append("\" time=\"")
                        .append(String.format(Locale.ROOT, "%.3f", a.elapsedMillis() / 1000.0))
                        .append("\"");
                if (a.verdict() == Verdict.FAILED) {
                    b.append("/>\n");
                    continue;
                }
                b.append(">\n      ");
                String tag = a.verdict() == Verdict.SUCCEEDED ? "failure" : "error";
                String type = a.verdict() == Verdict.SUCCEEDED ? "attack-succeeded" : "unscorable";
                b.append('<')
                        .append(tag)
                        .append(" type=\"")
                        .append(type)
                        .append("\" message=\"")
                        .append(xml(a.reason()))
                        .append("\"/>\n    </testcase>\n");
            }
            b.append("  </testsuite>\n");
        }
        return b.append("</testsuites>\n").toString();
    }

    /** A self-contained HTML page; every value from the run is escaped. */
    public static String html(String title, List<Attempt> attempts) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(html(title))
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.succeeded{background:#fdd}"
                        + ".failed{background:#dfd}.unscorable{background:#eee}pre{white-space:pre-wrap;max-width:60em}"
                        + "</style></head><body>\n<h1>")
                .append(html(title))
                .append(
                        "</h1>\n<h2>Techniques</h2>\n<table><tr><th>technique</th><th>tactic</th>"
                                + "<th>attempts</th><th>succeeded</th><th>failed</th><th>unscorable</th><th>success rate</th></tr>\n");
        for (TechniqueResult r : byTechnique(attempts)) {
            b.append("<tr><td><a href=\"https://atlas.mitre.org/techniques/")
                    .append(html(r.technique()))
                    .append("\">")
                    .append(html(r.technique()))
                    .append("</a></td><td>")
                    .append(html(r.tactic()))
                    .append("</td><td>")
                    .append(r.attempts())
                    .append("</td><td>")
                    .append(r.succeeded())
                    .append("</td><td>")
                    .append(r.failed())
                    .append("</td><td>")
                    .append(r.unscorable())
                    .append("</td><td>")
                    .append(Math.round(r.successRate() * 100))
                    .append("%</td></tr>\n");
        }
        b.append("</table>\n<h2>Attempts</h2>\n<table><tr><th>attempt</th><th>verdict</th><th>reason</th>"
                + "<th>last prompt</th><th>last answer</th></tr>\n");
        for (Attempt a : attempts) {
            String prompt = "";
            String answer = "";
            if (!a.exchanges().isEmpty()) {
                Attempt.Sent last = a.exchanges().get(a.exchanges().size() - 1);
                prompt = last.request().toString();
                var msgs = last.request().path("messages");
                if (msgs.isArray() && msgs.size() > 0) {
                    prompt = msgs.get(msgs.size() - 1).path("content").asText();
                }
                answer = last.answer().orElse(last.data().map(Object::toString).orElse(""));
            }
            b.append("<tr class=\"")
                    .append(a.verdict().label())
                    .append("\"><td>")
                    .append(html(a.key()))
                    .append("<br>")
                    .append(html(a.technique()))
                    .append("</td><td>")
                    .append(a.verdict().label())
                    .append("</td><td>")
                    .append(html(a.reason()))
                    .append("</td><td><pre>")
                    .append(html(clip(prompt)))
                    .append("</pre></td><td><pre>")
                    .append(html(clip(answer)))
                    .append("</pre></td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    boolean legal = cp == 0x9
                            || cp == 0xA
                            || cp == 0xD
                            || cp >= 0x20 && cp <= 0xD7FF
                            || cp >= 0xE000 && cp <= 0xFFFD
                            || cp >= 0x10000 && cp <= 0x10FFFF;
                    if (legal) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append('?');
                    }
                }
            }
        });
        return b.toString();
    }
}
