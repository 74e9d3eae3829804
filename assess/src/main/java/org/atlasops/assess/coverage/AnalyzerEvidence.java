package org.atlasops.assess.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.detect.canary.Canary;
import org.atlasops.detect.mcp.McpScanner;
import org.atlasops.detect.prompt.PromptDetector;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;

/**
 * The AI analyzers of {@code detect}, by the techniques their findings are tagged with: the prompt detector (direct
 * and indirect injection, jailbreak), canary tokens (system prompt and data leakage) and the MCP scanner (tool
 * poisoning, rug pulls, shadowing, toxic flows). An analyzer is a score of 2: it sees the attack, tuned for recall.
 */
public final class AnalyzerEvidence implements EvidenceSource {
    /** The score an analyzer's tag is worth. */
    public static final int SCORE = 2;

    @Override
    public String name() {
        return "AI analyzers";
    }

    @Override
    public List<Evidence> collect(KnowledgeBase kb) {
        List<Evidence> out = new ArrayList<>();
        add(
                out,
                kb,
                "prompt detector",
                "detect prompt / detect scan",
                List.of(PromptDetector.DIRECT_INJECTION, PromptDetector.INDIRECT_INJECTION, PromptDetector.JAILBREAK));
        add(out, kb, "canary tokens", "detect canary", Canary.LEAK_TECHNIQUES);
        add(out, kb, "MCP scanner", "mcp scan / mcp check", McpScanner.techniques());
        return out;
    }

    private static void add(List<Evidence> out, KnowledgeBase kb, String name, String command, List<AtlasId> ids) {
        for (AtlasId id : ids) {
            if (kb.technique(id).isPresent()) {
                out.add(new Evidence(
                        id, Evidence.Kind.ANALYZER, SCORE, Optional.empty(), name, "atlas-ops " + command));
            }
        }
    }
}
