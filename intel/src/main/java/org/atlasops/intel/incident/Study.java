package org.atlasops.intel.incident;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.failure.BadInputException;

/**
 * What an incident says in ATLAS case-study form (schema 1.1): the part that may be shared. It holds no
 * operational field (timeline, assets, alerts, notes), so whatever is exported from a {@code Study} cannot carry
 * one.
 */
public record Study(
        String name,
        String summary,
        IncidentDate date,
        StudyType type,
        String target,
        String actor,
        Optional<String> reporter,
        List<Reference> references,
        List<ProcedureStep> procedure) {
    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_STEPS = 200;

    public Study {
        name = Objects.requireNonNullElse(name, "").strip();
        if (name.isEmpty()) {
            throw new BadInputException("name: a case study needs a name");
        }
        if (name.length() > MAX_NAME) {
            throw new BadInputException("name: at most " + MAX_NAME + " characters, was " + name.length());
        }
        summary = Objects.requireNonNullElse(summary, "").strip();
        if (summary.length() > MAX_TEXT) {
            throw new BadInputException("summary: at most " + MAX_TEXT + " characters, was " + summary.length());
        }
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(type, "type");
        target = Objects.requireNonNullElse(target, "").strip();
        actor = Objects.requireNonNullElse(actor, "").strip();
        reporter =
                Objects.requireNonNull(reporter, "reporter").map(String::strip).filter(r -> !r.isEmpty());
        references = List.copyOf(references);
        procedure = List.copyOf(procedure);
        if (procedure.size() > MAX_STEPS) {
            throw new BadInputException("procedure: at most " + MAX_STEPS + " steps, was " + procedure.size());
        }
    }

    public Study withDate(IncidentDate d) {
        return new Study(name, summary, d, type, target, actor, reporter, references, procedure);
    }
}
