package org.atlasops.intel.incident;

import java.util.List;
import org.atlasops.kb.failure.BadInputException;

/** A case-study file that cannot be read; every problem names the file, the line and the field. */
public final class StudyFileException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public StudyFileException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each ({@code study.yaml:12: study.procedure[1].technique: ...}). */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem");
        }
        return problems.size() == 1
                ? problems.get(0)
                : problems.get(0) + " (and " + (problems.size() - 1) + " more problem(s) in the file)";
    }
}
