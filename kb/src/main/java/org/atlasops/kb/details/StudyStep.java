package org.atlasops.kb.details;

import java.util.Objects;
import org.atlasops.kb.CaseStudy;

/** A step of a case study, seen from the technique it uses. */
public record StudyStep(CaseStudy caseStudy, Step step) {
    public StudyStep {
        Objects.requireNonNull(caseStudy, "caseStudy");
        Objects.requireNonNull(step, "step");
    }
}
