package org.atlasops.kb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A real incident or exercise, told as a procedure of ATLAS techniques. */
public record CaseStudy(
        AtlasId id,
        String name,
        String summary,
        Optional<IncidentDate> incidentDate,
        Optional<String> caseStudyType,
        Optional<String> target,
        Optional<String> actor,
        Optional<String> reporter,
        List<Reference> references,
        List<ProcedureStep> procedure)
        implements AtlasObject {
    public CaseStudy {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        summary = Objects.requireNonNullElse(summary, "");
        Objects.requireNonNull(incidentDate, "incidentDate");
        Objects.requireNonNull(caseStudyType, "caseStudyType");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reporter, "reporter");
        references = List.copyOf(references);
        procedure = List.copyOf(procedure);
    }

    @Override
    public String description() {
        return summary;
    }

    @Override
    public ObjectType type() {
        return ObjectType.CASE_STUDY;
    }
}
