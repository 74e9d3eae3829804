package org.atlasops.assess.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a threat rule can ask of a system. Each attribute lives on a CoSAI component (its home): a rule hit names the
 * attribute and that component, with the system's own name for it when the inventory lists it.
 */
public enum Attribute {
    EXPOSURE("exposure", "componentApplication", "who can reach the system: public or internal"),
    UNTRUSTED_CONTENT(
            "untrusted-content",
            "componentApplicationInputHandling",
            "content from outside that the model reads: web, email, documents, tool-output"),
    RAG("rag", "componentRAGContent", "retrieval-augmented generation over a document store"),
    FINE_TUNED("fine-tuned", "componentModelTrainingTuning", "the model is fine-tuned or trained by the team"),
    TRAINED_ON_USER_DATA("trained-on-user-data", "componentTrainingData", "users' data flows into training or tuning"),
    MODEL_SOURCE("model-source", "componentTheModel", "where the model comes from: third-party, open-weight or own"),
    AGENT("agent", "componentReasoningCore", "the model plans and calls tools or MCP servers"),
    TOOLS("tools", "componentTools", "the agent has tools"),
    MCP("mcp", "componentTools", "the agent uses MCP servers"),
    SIDE_EFFECTS("side-effects", "componentTools", "a tool or MCP server changes something (writes, sends, deletes)"),
    CODE_EXECUTION("code-execution", "componentTools", "the system runs code the model writes"),
    HOLDS_SECRETS("holds-secrets", "componentApplication", "credentials or keys are reachable from the system"),
    MODEL_API("model-api", "componentModelServing", "the team offers its model as an API to others"),
    ON_DEVICE("on-device", "componentModelServing", "the model runs on users' devices"),
    COMPONENT("component", "", "the inventory lists this CoSAI component"),
    ALWAYS("always", "", "every system (the adversary prepares off your systems)");

    private final String key;
    private final String home;
    private final String description;

    Attribute(String key, String home, String description) {
        this.key = key;
        this.home = home;
        this.description = description;
    }

    /** How rules and inventories spell it. */
    public String key() {
        return key;
    }

    /** The CoSAI component the attribute belongs to; empty for {@code component} and {@code always}. */
    public String homeComponent() {
        return home;
    }

    public String description() {
        return description;
    }

    public static Optional<Attribute> byKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.key.equals(k)).findFirst();
    }
}
