package org.atlasops.server.emulate;

import java.util.List;
import java.util.Objects;
import org.atlasops.assess.emulation.EmulationVerification;
import org.atlasops.emulate.run.Attempt;

/** The emulation API's answers; their OpenAPI schemas are generated from these records. */
public final class EmulationJson {
    private EmulationJson() {}

    /**
     * One run folder: from its run.json the creation time, target, seed and release; from its attempts the verdict
     * counts. {@code problem} says why a run could not be read (empty when it could).
     */
    public record RunSummary(
            String name,
            String created,
            String target,
            String seed,
            String atlasRelease,
            int attempts,
            int succeeded,
            int failed,
            int unscorable,
            String problem) {
        public RunSummary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(seed, "seed");
            Objects.requireNonNull(atlasRelease, "atlasRelease");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** The runs found in the server's data dir, newest folder name first. */
    public record RunList(List<RunSummary> runs) {
        public RunList {
            runs = List.copyOf(runs);
        }
    }

    /** One attempt without its exchanges: which procedure and technique, the verdict and why, timing. */
    public record AttemptRow(
            String key,
            String procedure,
            String technique,
            String tactic,
            String verdict,
            String reason,
            String started,
            long elapsedMillis,
            int requests) {
        static AttemptRow of(Attempt a) {
            return new AttemptRow(
                    a.key(),
                    a.procedure(),
                    a.technique(),
                    a.tactic(),
                    a.verdict().label(),
                    a.reason(),
                    a.started().toString(),
                    a.elapsedMillis(),
                    a.requests());
        }
    }

    /** One technique's verification: detection over the telemetry its attempts caused; a gap is a success unseen. */
    public record Verified(
            String technique,
            String tactic,
            int attempts,
            int succeeded,
            boolean detected,
            boolean gap,
            List<String> detectedBy) {
        public Verified {
            detectedBy = List.copyOf(detectedBy);
        }

        static Verified of(EmulationVerification.Row r) {
            return new Verified(
                    r.technique(),
                    r.tactic(),
                    r.attempts(),
                    r.succeeded(),
                    r.detected(),
                    r.gap(),
                    List.copyOf(r.detectedBy()));
        }
    }

    /** A run: its summary, the verification per technique (gaps first) and its attempts. */
    public record RunBody(RunSummary run, List<Verified> verification, List<AttemptRow> attempts) {
        public RunBody {
            Objects.requireNonNull(run, "run");
            verification = List.copyOf(verification);
            attempts = List.copyOf(attempts);
        }
    }
}
