package org.atlasops.kb.crosswalk;

import java.util.Optional;

/** The frameworks the crosswalk connects. */
public enum Framework {
    ATLAS("MITRE ATLAS"),
    ATTACK("MITRE ATT&CK"),
    OWASP_LLM("OWASP Top 10 for LLM 2025"),
    NIST_AI_RMF("NIST AI RMF 1.0"),
    STRIDE("STRIDE"),
    COSAI("CoSAI Risk Map");

    private final String title;

    Framework(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The framework of a CoSAI mapping's {@code framework} column. */
    static Optional<Framework> ofCosai(String name) {
        return switch (name) {
            case "mitre-atlas" -> Optional.of(ATLAS);
            case "owasp-top10-llm" -> Optional.of(OWASP_LLM);
            case "nist-ai-rmf" -> Optional.of(NIST_AI_RMF);
            case "stride" -> Optional.of(STRIDE);
            default -> Optional.empty();
        };
    }
}
