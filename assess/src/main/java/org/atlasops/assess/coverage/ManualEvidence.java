package org.atlasops.assess.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.dettect.ScoreEntry;
import org.atlasops.assess.dettect.ScoreObject;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.dettect.TechniqueScores;
import org.atlasops.kb.KnowledgeBase;

/** Manual detection scores of a DeTT&CT techniques administration file: one dated evidence per logbook entry. */
public final class ManualEvidence implements EvidenceSource {
    private final TechniqueAdministration file;

    public ManualEvidence(TechniqueAdministration file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "DeTT&CT " + file.source();
    }

    @Override
    public List<Evidence> collect(KnowledgeBase kb) {
        List<Evidence> out = new ArrayList<>();
        for (TechniqueScores t : file.techniques()) {
            if (kb.technique(t.id()).isEmpty()) {
                continue;
            }
            for (ScoreObject o : t.detection()) {
                for (ScoreEntry e : o.logbook()) {
                    String where = o.location().isEmpty() ? "" : " in " + String.join(", ", o.location());
                    out.add(new Evidence(
                            t.id(),
                            Evidence.Kind.MANUAL,
                            e.score(),
                            Optional.of(e.date()),
                            "DeTT&CT score" + where + " (" + String.join(", ", o.applicableTo()) + ")",
                            e.comment()));
                }
            }
        }
        return out;
    }
}
