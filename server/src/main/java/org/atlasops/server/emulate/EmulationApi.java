package org.atlasops.server.emulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.atlasops.assess.emulation.EmulationVerification;
import org.atlasops.emulate.run.Attempt;
import org.atlasops.emulate.run.RunDirectory;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.kb.Releases;

/**
 * {@code GET /api/v1/emulation/runs} and {@code /runs/{run}}: the emulation runs of the server's data dir, and one
 * run's attempts with its verification by detection. Team data: the same access as layers and incidents.
 */
public final class EmulationApi {
    private final Releases releases;
    private final EmulationRuns runs;

    public EmulationApi(Releases releases, EmulationRuns runs) {
        this.releases = releases;
        this.runs = runs;
    }

    EmulationRuns runs() {
        return runs;
    }

    /** A run read once: its manifest, attempts and verification (empty while it has no attempts). */
    record Loaded(String name, ObjectNode manifest, List<Attempt> attempts, List<EmulationVerification.Row> rows) {
        Loaded {
            attempts = List.copyOf(attempts);
            rows = List.copyOf(rows);
        }

        EmulationJson.RunSummary summary() {
            return EmulationRuns.summary(name, manifest, attempts);
        }

        /** The run's release as run.json names it, the server's default when it names none. */
        String release(String fallback) {
            String r = manifest.path("atlas_release").asText("");
            return r.isBlank() ? fallback : r;
        }
    }

    Loaded load(String name) {
        RunDirectory dir = runs.open(name);
        ObjectNode manifest = dir.manifest();
        List<Attempt> attempts = dir.attempts();
        List<EmulationVerification.Row> rows =
                attempts.isEmpty() ? List.of() : EmulationVerification.verify(dir, releases.get(null));
        return new Loaded(name, manifest, attempts, rows);
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(new Endpoint(
                "GET",
                "/api/v1/emulation/runs",
                Access.TEAM_READ,
                "emulation",
                "The emulation runs in the server's data dir (emulation/runs): name, date, target, seed, verdict counts",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(EmulationJson.RunList.class),
                ctx -> ctx.json(new EmulationJson.RunList(
                        runs.names().stream().map(runs::summary).toList()))));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/emulation/runs/{run}",
                Access.TEAM_READ,
                "emulation",
                "One emulation run: its attempts and, per technique, whether detection over the telemetry it caused "
                        + "saw it (gaps first)",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(EmulationJson.RunBody.class),
                ctx -> {
                    Loaded l = load(ctx.pathParam("run"));
                    ctx.json(new EmulationJson.RunBody(
                            l.summary(),
                            l.rows().stream().map(EmulationJson.Verified::of).toList(),
                            l.attempts().stream()
                                    .map(EmulationJson.AttemptRow::of)
                                    .toList()));
                }));
    }
}
