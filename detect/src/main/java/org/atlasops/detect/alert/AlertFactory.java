package org.atlasops.detect.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.detect.canary.Canary;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.Match;
import org.atlasops.detect.sigma.SigmaRule;
import org.atlasops.detect.sigma.correlation.CorrelationRule;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Technique;

/** Turns engine matches into alerts, naming every ATLAS ID in the given release. */
public final class AlertFactory {
    private final KnowledgeBase kb;
    private final Map<String, SigmaRule> rulesByReference;

    /** @param rules the detection rules, so a correlation's alert can carry the techniques of the rules it uses */
    public AlertFactory(KnowledgeBase kb, List<SigmaRule> rules) {
        this.kb = kb;
        this.rulesByReference = new LinkedHashMap<>();
        for (SigmaRule r : rules) {
            if (r.meta().id() != null) {
                rulesByReference.put(r.meta().id(), r);
            }
            if (r.meta().name() != null) {
                rulesByReference.put(r.meta().name(), r);
            }
        }
    }

    public Alert create(Match m) {
        if (m instanceof Match.RuleMatch r) {
            SigmaRule rule = r.rule();
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : r.matchedFields()) {
                List<JsonNode> values = r.event().values(f);
                fields.put(
                        f,
                        values.size() == 1
                                ? text(values.get(0))
                                : values.stream()
                                        .map(AlertFactory::text)
                                        .toList()
                                        .toString());
            }
            List<AtlasId> techniqueIds = rule.atlasTechniques();
            return alert(
                    "rule",
                    rule.meta().id(),
                    rule.title(),
                    level(rule.level()),
                    named(techniqueIds),
                    tactics(rule.atlasTactics(), techniqueIds),
                    kb.version(),
                    rule.meta().tags(),
                    fields,
                    List.of(source(r.event())),
                    List.of(r.time()),
                    r.time(),
                    Map.of(),
                    Optional.empty(),
                    rule.meta().file(),
                    Entities.of(r.event()));
        }
        Match.CorrelationMatch c = (Match.CorrelationMatch) m;
        CorrelationRule rule = c.rule();
        List<String> tags = new ArrayList<>(rule.meta().tags());
        Set<AtlasId> techniqueIds =
                new LinkedHashSet<>(SigmaRule.techniqueIds(rule.meta().tags()));
        Set<AtlasId> tacticIds =
                new LinkedHashSet<>(SigmaRule.tacticIds(rule.meta().tags()));
        if (techniqueIds.isEmpty()) {
            for (String ref : rule.rules()) {
                SigmaRule used = rulesByReference.get(ref);
                if (used != null) {
                    techniqueIds.addAll(used.atlasTechniques());
                    tacticIds.addAll(used.atlasTactics());
                }
            }
        }
        List<Alert.Source> sources = c.events().stream()
                .filter(e -> !e.source().startsWith("correlation:"))
                .map(AlertFactory::source)
                .toList();
        List<java.time.Instant> times =
                c.events().stream().map(e -> e.time().orElse(c.time())).toList();
        return alert(
                "correlation",
                rule.meta().id(),
                rule.meta().title(),
                level(rule.meta().level()),
                named(List.copyOf(techniqueIds)),
                tactics(List.copyOf(tacticIds), List.copyOf(techniqueIds)),
                kb.version(),
                tags,
                Map.of(),
                sources,
                times,
                c.time(),
                c.groupKey(),
                Optional.of(c.value()),
                rule.meta().file(),
                Entities.ofFields(c.groupKey()));
    }

    /** A poisoned tool in a {@code tools/list} answer seen in MCP traffic. */
    public Alert poisonedTool(
            org.atlasops.detect.mcp.ToolDefinition tool,
            org.atlasops.detect.mcp.ToolPoisoningChecker.Verdict verdict,
            Event event,
            java.time.Instant time) {
        List<AtlasId> techniques = verdict.techniques();
        return alert(
                "analyzer",
                "mcp-tool-poisoning",
                "MCP tool poisoning: " + tool.server() + "/" + tool.name(),
                "high",
                named(techniques),
                tactics(List.of(), techniques),
                kb.version(),
                sigmaTags(techniques),
                Map.of(
                        "mcp.tools",
                        tool.name() + ": " + String.join("; ", verdict.reasons()) + " (score " + verdict.score() + ")"),
                List.of(source(event)),
                List.of(time),
                time,
                Map.of(),
                Optional.of(verdict.score()),
                "analyzers",
                Entities.of(event));
    }

    /** A prompt attack found by the prompt detector in one message part of an LLM call. */
    public Alert promptAttack(
            org.atlasops.detect.prompt.PromptDetector.Verdict verdict,
            Event event,
            String field,
            java.time.Instant time) {
        List<AtlasId> techniques = verdict.techniques();
        String title = verdict.label().equals("jailbreak")
                ? "Jailbreak attempt"
                : verdict.indirect() ? "Indirect prompt injection" : "Prompt injection";
        return alert(
                "analyzer",
                "prompt-" + verdict.label(),
                title + " (prompt detector)",
                verdict.score() >= 0.9 ? "high" : "medium",
                named(techniques),
                tactics(List.of(), techniques),
                kb.version(),
                sigmaTags(techniques),
                Map.of(field, String.join("; ", verdict.reasons())),
                List.of(source(event)),
                List.of(time),
                time,
                Map.of(),
                Optional.of(verdict.score()),
                "analyzers",
                Entities.of(event));
    }

    /** A canary token found in a field of an event: its prompt or document leaked. */
    public Alert canary(
            org.atlasops.detect.canary.CanaryScanner.Hit hit, Event event, String field, java.time.Instant time) {
        List<AtlasId> techniques = Canary.LEAK_TECHNIQUES;
        return alert(
                "canary",
                "canary:" + hit.canary().token(),
                "Canary token leaked: " + hit.canary().label(),
                "critical",
                named(techniques),
                tactics(List.of(), techniques),
                kb.version(),
                sigmaTags(techniques),
                Map.of(field, "canary " + hit.canary().token() + " (" + hit.encoding() + ")"),
                List.of(source(event)),
                List.of(time),
                time,
                Map.of(),
                Optional.empty(),
                "canaries",
                Entities.of(event));
    }

    /** An alert of one rule or analyzer, with its stable id (see {@link AlertIds}). */
    private static Alert alert(
            String kind,
            String ruleId,
            String ruleTitle,
            String level,
            List<Alert.Named> techniques,
            List<Alert.Named> tactics,
            String release,
            List<String> tags,
            Map<String, String> matchedFields,
            List<Alert.Source> sources,
            List<java.time.Instant> eventTimes,
            java.time.Instant time,
            Map<String, String> groupKey,
            Optional<Double> aggregatedValue,
            String ruleFile,
            Entities entities) {
        String id = AlertIds.of(kind, ruleId != null ? ruleId : ruleTitle, sources, time, groupKey, matchedFields);
        return new Alert(
                kind,
                ruleId,
                ruleTitle,
                level,
                techniques,
                tactics,
                release,
                tags,
                matchedFields,
                sources,
                eventTimes,
                time,
                groupKey,
                aggregatedValue,
                ruleFile,
                id,
                entities,
                List.of(),
                Optional.empty());
    }

    private static String level(String level) {
        return level == null ? "medium" : level;
    }

    private static Alert.Source source(Event e) {
        return new Alert.Source(e.source(), e.line());
    }

    private static String text(JsonNode v) {
        return v.isContainerNode() ? v.toString() : v.asText();
    }

    private static List<String> sigmaTags(List<AtlasId> ids) {
        return ids.stream().map(AtlasId::sigmaTag).toList();
    }

    private List<Alert.Named> named(List<AtlasId> ids) {
        List<Alert.Named> out = new ArrayList<>();
        for (AtlasId id : ids) {
            out.add(new Alert.Named(id, kb.find(id.value()).map(kb::displayName).orElse("")));
        }
        return out;
    }

    /** The tactics tagged, else every tactic of the techniques in the release. */
    private List<Alert.Named> tactics(List<AtlasId> tagged, List<AtlasId> techniques) {
        Set<AtlasId> ids = new LinkedHashSet<>(tagged);
        if (ids.isEmpty()) {
            for (AtlasId t : techniques) {
                kb.technique(t).map(Technique::tacticIds).ifPresent(ids::addAll);
            }
        }
        return named(List.copyOf(ids));
    }
}
