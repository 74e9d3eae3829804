package org.atlasops.assess.emulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.Samples;
import org.atlasops.assess.coverage.Evidence;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder as evidence: what counts as a proven gap, what proves nothing, and what is not in the release. */
class EmulationEvidenceTest {
    @TempDir
    Path dir;

    private static Attempt attempt(String key, String technique, Verdict verdict, Instant started) {
        return new Attempt(
                key,
                "p-" + key,
                "procedure " + key,
                technique,
                "execution",
                "5.6.0",
                0,
                1L,
                "CANARY",
                "fake",
                "atlas-ops",
                started,
                10,
                List.of(),
                verdict,
                "why",
                1,
                0,
                0);
    }

    @Test
    void attemptsWithoutAlertsAreProvenGapsDatedByTheirLatestAttempt() throws Exception {
        KnowledgeBase kb = Samples.latest();
        RunDirectory run = RunDirectory.create(dir.resolve("nov"), JsonNodeFactory.instance.objectNode());
        run.append(attempt("a#0", "AML.T0051.000", Verdict.FAILED, Instant.parse("2026-11-29T23:00:00Z")), List.of());
        run.append(
                attempt("a#1", "AML.T0051.000", Verdict.SUCCEEDED, Instant.parse("2026-11-30T08:00:00Z")), List.of());
        run.append(attempt("b#0", "AML.T0054", Verdict.UNSCORABLE, Instant.parse("2026-11-30T08:01:00Z")), List.of());
        run.append(attempt("c#0", "AML.T9999", Verdict.FAILED, Instant.parse("2026-11-30T08:02:00Z")), List.of());

        EmulationEvidence source = new EmulationEvidence(dir.resolve("nov"));
        List<Evidence> ev = source.collect(kb);

        assertThat(source.name()).isEqualTo("emulation run 2026-11-30 (nov)");
        assertThat(ev).hasSize(1);
        Evidence e = ev.get(0);
        assertThat(e.technique()).isEqualTo(AtlasId.parse("AML.T0051.000"));
        assertThat(e.kind()).isEqualTo(Evidence.Kind.EMULATION_MISSED);
        assertThat(e.score()).isEqualTo(EmulationEvidence.MISSED_SCORE);
        assertThat(e.date()).isEqualTo(Optional.of(LocalDate.parse("2026-11-30")));
        assertThat(e.detail()).contains("2 attempts, 1 succeeded", "nothing detected it");
        assertThat(source.notes())
                .anySatisfy(n -> assertThat(n).contains("AML.T0054", "unscorable", "no proof either way"))
                .anySatisfy(n -> assertThat(n).contains("AML.T9999 is not in ATLAS " + kb.version()));
    }

    @Test
    void aFolderWithoutARunOrWithoutAttemptsIsNamed() throws Exception {
        assertThatThrownBy(() -> new EmulationEvidence(dir))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(dir + ": no emulation run here");
        RunDirectory.create(dir.resolve("empty"), JsonNodeFactory.instance.objectNode());
        assertThatThrownBy(() -> new EmulationEvidence(dir.resolve("empty")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("the run has no attempts yet");
    }
}
