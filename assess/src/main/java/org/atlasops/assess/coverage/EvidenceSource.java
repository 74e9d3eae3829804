package org.atlasops.assess.coverage;

import java.util.List;
import org.atlasops.kb.KnowledgeBase;

/**
 * Where coverage evidence comes from. The bundled sources are {@link SigmaEvidence}, {@link AnalyzerEvidence} and
 * {@link ManualEvidence}; emulation runs plug in by implementing this and returning {@link
 * Evidence.Kind#EMULATION_DETECTED} or {@link Evidence.Kind#EMULATION_MISSED} entries, dated with the run.
 */
public interface EvidenceSource {
    /** For reports: "Sigma rules (bundled pack)", "emulation run 2026-11-30". */
    String name();

    /** The evidence for techniques of the release; {@link #notes()} says what was left out and why. */
    List<Evidence> collect(KnowledgeBase kb);

    /** What the source could not use (a rule that does not load, a tag naming no technique of the release). */
    default List<String> notes() {
        return List.of();
    }
}
