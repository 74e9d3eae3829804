package org.atlasops.assess.emulation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.AtlasIds;
import org.atlasops.assess.coverage.Evidence;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.failure.BadInputException;

/**
 * An emulation run folder as coverage evidence: each technique the run attempted is {@link
 * Evidence.Kind#EMULATION_DETECTED} (score {@value #DETECTED_SCORE}) when detection fired on the telemetry of any of
 * its attempts, and {@link Evidence.Kind#EMULATION_MISSED} (score {@value #MISSED_SCORE}, a proven gap) when it did not
 * and at least one attempt reached the target with a verdict. Dated with the technique's latest attempt (UTC). A
 * technique whose attempts all came to nothing (errors, blocks, timeouts) proves nothing and is a note.
 */
public final class EmulationEvidence implements EvidenceSource {
    /** Detection seen firing on a live attack: DeTT&CT's "good". */
    public static final int DETECTED_SCORE = 4;
    /** Attacked and nothing fired: no detection. */
    public static final int MISSED_SCORE = -1;

    private final RunDirectory run;
    private final LocalDate date;
    private final List<String> notes = new ArrayList<>();

    /** The run folder {@code emulate run} wrote; a folder without a run or without attempts is bad input. */
    public EmulationEvidence(Path folder) {
        this.run = RunDirectory.open(folder);
        List<Attempt> attempts = run.attempts();
        this.date = attempts.stream()
                .map(Attempt::started)
                .max(Comparator.naturalOrder())
                .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC))
                .orElseThrow(
                        () -> new BadInputException(folder + ": the run has no attempts yet; run or resume it first"));
    }

    @Override
    public String name() {
        return "emulation run " + date + " (" + label() + ")";
    }

    private String label() {
        Path name = run.path().getFileName();
        return name == null ? run.path().toString() : name.toString();
    }

    @Override
    public List<Evidence> collect(KnowledgeBase kb) {
        notes.clear();
        List<Evidence> out = new ArrayList<>();
        for (EmulationVerification.Row r : EmulationVerification.verify(run, kb)) {
            Optional<String> problem = AtlasIds.problem(kb, r.technique(), ObjectType.TECHNIQUE);
            Optional<AtlasId> id = AtlasId.tryParse(r.technique());
            if (problem.isPresent() || id.isEmpty()) {
                notes.add(name() + ": " + problem.orElse(r.technique() + " is not an ATLAS ID"));
                continue;
            }
            Optional<LocalDate> day = Optional.of(LocalDate.ofInstant(r.last(), ZoneOffset.UTC));
            String attempts = r.attempts() + " attempts, " + r.succeeded() + " succeeded";
            if (r.detected()) {
                out.add(new Evidence(
                        id.get(),
                        Evidence.Kind.EMULATION_DETECTED,
                        DETECTED_SCORE,
                        day,
                        name(),
                        attempts + "; detected by " + String.join("; ", r.detectedBy())));
            } else if (r.scorable() > 0) {
                out.add(new Evidence(
                        id.get(),
                        Evidence.Kind.EMULATION_MISSED,
                        MISSED_SCORE,
                        day,
                        name(),
                        attempts + "; nothing detected it"));
            } else {
                notes.add(name() + ": " + r.technique() + ": all " + r.attempts()
                        + " attempts were unscorable (errors, blocks or timeouts); no proof either way");
            }
        }
        return out;
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
