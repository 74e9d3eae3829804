package org.atlasops.server.emulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.atlasops.emulate.judge.Verdict;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import org.atlasops.kb.failure.Failure;
import org.atlasops.server.web.Problem;

/**
 * The run folders under {@code <data-dir>/emulation/runs} ('emulate run' writes them there by default). A run is
 * named in a URL by its folder name, and is only ever opened when that name is one of the folders listed, so no name
 * reaches outside the folder.
 */
public final class EmulationRuns {
    private final Path root;

    public EmulationRuns(Path dataDir) {
        this.root =
                Objects.requireNonNull(dataDir, "dataDir").resolve("emulation").resolve("runs");
    }

    Path root() {
        return root;
    }

    /** The folder names of the runs (those with a run.json), newest name first. */
    List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.MANIFEST)))
                    .map(p -> p.getFileName().toString())
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** The runs' folder names, newest first: what assess offers as coverage evidence. */
    public List<String> runNames() {
        return names();
    }

    /** The folder of the run of this name, for assess's coverage; a name not listed is a 404, as for {@link #open}. */
    public Path folder(String name) {
        return open(name).path();
    }

    /** The run of this name; a name that is not one of the listed folders is a 404. */
    RunDirectory open(String name) {
        if (name == null || !names().contains(name)) {
            throw Problem.notFound("no emulation run '" + name + "' in " + root
                    + "; the runs are listed at /emulation (GET /api/v1/emulation/runs)");
        }
        return RunDirectory.open(root.resolve(name));
    }

    /** A run's manifest fields and verdict counts; an unreadable run says why instead of failing the list. */
    EmulationJson.RunSummary summary(String name) {
        try {
            RunDirectory run = open(name);
            return summary(name, run.manifest(), run.attempts());
        } catch (Failure | UncheckedIOException e) {
            return new EmulationJson.RunSummary(name, "", "", "", "", 0, 0, 0, 0, e.getMessage());
        }
    }

    static EmulationJson.RunSummary summary(String name, ObjectNode m, List<Attempt> attempts) {
        return new EmulationJson.RunSummary(
                name,
                m.path("created").asText(""),
                m.path("target").asText(""),
                m.path("seed").asText(""),
                m.path("atlas_release").asText(""),
                attempts.size(),
                count(attempts, Verdict.SUCCEEDED),
                count(attempts, Verdict.FAILED),
                count(attempts, Verdict.UNSCORABLE),
                "");
    }

    private static int count(List<Attempt> as, Verdict v) {
        return (int) as.stream().filter(a -> a.verdict() == v).count();
    }
}
