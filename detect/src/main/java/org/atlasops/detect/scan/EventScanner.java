package org.atlasops.detect.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertFactory;
import org.atlasops.detect.canary.Canary;
import org.atlasops.detect.canary.CanaryScanner;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.mcp.ToolDefinition;
import org.atlasops.detect.mcp.ToolPoisoningChecker;
import org.atlasops.detect.prompt.PromptClassifier;
import org.atlasops.detect.prompt.PromptDetector;
import org.atlasops.detect.prompt.PromptPath;
import org.atlasops.detect.sigma.Detector;
import org.atlasops.detect.sigma.Match;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.correlation.CorrelationState;
import org.atlasops.kb.KnowledgeBase;

/**
 * Turns one event into its alerts: Sigma rules and correlations (alerting ones only), every tool of a
 * {@code tools/list} answer ({@code mcp.tools}) through the tool-poisoning check, the text parts of an LLM call's
 * input through the prompt-attack detector (user text direct, tool results and documents indirect), and known
 * canaries searched in model output and MCP tool arguments and results. Not thread-safe, like the detector inside it.
 */
public final class EventScanner {
    /** Fields where a leaked canary shows up: model output and what crosses the MCP boundary. */
    static final List<String> CANARY_FIELDS =
            List.of("gen_ai.output.messages", "mcp.tool.arguments", "mcp.tool.result");

    private final Detector detector;
    private final AlertFactory alerts;
    private final ToolPoisoningChecker poisoning = new ToolPoisoningChecker();
    private final Optional<CanaryScanner> canaries;
    private final PromptClassifier prompts;
    /** Null: every correlation result alerts. */
    private RepeatSuppression repeats;

    /**
     * @param state where correlation windows live (a stream app's store); null keeps them in memory
     * @param canaries the canary tokens to look for (none: no canary search)
     */
    public EventScanner(
            RuleSet rules,
            KnowledgeBase kb,
            Optional<String> timeField,
            CorrelationState state,
            List<Canary> canaries) {
        this(rules, kb, timeField, state, canaries, PromptPath.FAST.bundled());
    }

    /** As above, with the prompt detector to use ({@link PromptPath}: fast by default). */
    public EventScanner(
            RuleSet rules,
            KnowledgeBase kb,
            Optional<String> timeField,
            CorrelationState state,
            List<Canary> canaries,
            PromptClassifier prompts) {
        this.prompts = java.util.Objects.requireNonNull(prompts, "prompts");
        this.detector = new Detector(rules, timeField, state);
        this.alerts = new AlertFactory(kb, rules.rules());
        this.canaries = canaries.isEmpty() ? Optional.empty() : Optional.of(new CanaryScanner(canaries));
    }

    /**
     * From now on, a correlation that has alerted for a group does not alert again for it until its timespan has
     * passed (see {@link RepeatSuppression}); by default every result alerts.
     */
    public EventScanner suppressRepeatedCorrelationAlerts() {
        repeats = new RepeatSuppression();
        return this;
    }

    /** Correlation alerts held back as repeats (0 unless {@link #suppressRepeatedCorrelationAlerts} was called). */
    public long heldRepeats() {
        return repeats == null ? 0 : repeats.held();
    }

    /** The event time: its time field, else {@code fallback}. */
    public Instant timeOf(Event e, Instant fallback) {
        return detector.timeOf(e, fallback);
    }

    public List<Alert> scan(Event event, Instant time) {
        List<Alert> found = new ArrayList<>(1);
        for (Match m : detector.process(event, time)) {
            boolean alerting = m instanceof Match.RuleMatch r
                    ? r.alerting()
                    : m instanceof Match.CorrelationMatch c && c.alerting() && (repeats == null || repeats.admit(c));
            if (alerting) {
                found.add(alerts.create(m));
            }
        }
        for (JsonNode tool : toolsOf(event)) {
            ToolDefinition def = new ToolDefinition(
                    event.json().path("mcp.server.name").asText(""),
                    tool.path("name").asText(""),
                    tool.get("description").asText(),
                    Optional.ofNullable(tool.get("inputSchema")).filter(JsonNode::isObject),
                    Optional.ofNullable(tool.get("annotations")).filter(JsonNode::isObject));
            ToolPoisoningChecker.Verdict verdict = poisoning.check(def);
            if (verdict.poisoned()) {
                found.add(alerts.poisonedTool(def, verdict, event, time));
            }
        }
        Optional<String> system = systemInstructions(event);
        for (PromptText t : promptTexts(event)) {
            PromptDetector.Verdict v = prompts.classify(t.text(), t.role(), system);
            if (v.attack()) {
                found.add(alerts.promptAttack(v, event, t.field(), time));
            }
        }
        canaries.ifPresent(c -> {
            for (String field : CANARY_FIELDS) {
                for (JsonNode v : event.values(field)) {
                    for (CanaryScanner.Hit hit : c.scan(v.asText())) {
                        found.add(alerts.canary(hit, event, field, time));
                    }
                }
            }
        });
        return found;
    }

    /** A text the model reads, where it sits in the event, and whether the user typed it or it arrived as data. */
    record PromptText(String field, String text, PromptDetector.Role role) {}

    /**
     * The texts of an LLM call's input (OTel GenAI): a user's text parts are direct, tool results and retrieved
     * documents are indirect; the system's own instructions and the model's output are not judged.
     */
    static List<PromptText> promptTexts(Event event) {
        List<PromptText> out = new ArrayList<>();
        JsonNode messages = event.json().get("gen_ai.input.messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                String role = m.path("role").asText("");
                if (role.equals("system") || role.equals("assistant")) {
                    continue;
                }
                for (JsonNode part : m.path("parts")) {
                    if (part.path("content").isTextual()) {
                        out.add(new PromptText(
                                "gen_ai.input.messages.parts.content",
                                part.get("content").asText(),
                                role.equals("tool") ? PromptDetector.Role.TOOL : PromptDetector.Role.USER));
                    }
                    JsonNode response = part.get("response");
                    if (response != null && !response.isNull()) {
                        out.add(new PromptText(
                                "gen_ai.input.messages.parts.response",
                                response.isTextual() ? response.asText() : response.toString(),
                                PromptDetector.Role.TOOL));
                    }
                }
            }
        }
        for (JsonNode doc : event.json().path("gen_ai.retrieval.documents")) {
            if (doc.path("content").isTextual()) {
                out.add(new PromptText(
                        "gen_ai.retrieval.documents.content",
                        doc.get("content").asText(),
                        PromptDetector.Role.DOCUMENT));
            }
        }
        return out;
    }

    /**
     * The application's own instructions in an LLM call (OTel GenAI): {@code gen_ai.system_instructions} parts and
     * the text parts of system messages, joined; the prompt detector judges the other texts against them.
     */
    static Optional<String> systemInstructions(Event event) {
        StringBuilder sb = new StringBuilder();
        JsonNode instructions = event.json().get("gen_ai.system_instructions");
        if (instructions != null && instructions.isTextual()) {
            sb.append(instructions.asText()).append('\n');
        } else if (instructions != null) {
            for (JsonNode part : instructions) {
                if (part.path("content").isTextual()) {
                    sb.append(part.get("content").asText()).append('\n');
                }
            }
        }
        for (JsonNode m : event.json().path("gen_ai.input.messages")) {
            if (m.path("role").asText("").equals("system")) {
                for (JsonNode part : m.path("parts")) {
                    if (part.path("content").isTextual()) {
                        sb.append(part.get("content").asText()).append('\n');
                    }
                }
            }
        }
        return sb.toString().isBlank()
                ? Optional.empty()
                : Optional.of(sb.toString().strip());
    }

    /** The tool objects of a tools/list answer that have a description. */
    private static List<JsonNode> toolsOf(Event event) {
        List<JsonNode> tools = new ArrayList<>();
        for (JsonNode tool : event.json().path("mcp.tools")) {
            if (tool.path("description").isTextual()) {
                tools.add(tool);
            }
        }
        return tools;
    }
}
