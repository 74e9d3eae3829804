package org.atlasops.server.assess;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.kb.Releases;

/**
 * {@code POST /api/v1/assess/threat-model} and {@code /coverage}: an inventory (YAML or JSON) in, the threat model
 * or the coverage per tactic out. Public like the knowledge base: nothing is stored, the answer is computed from the
 * body and the release.
 */
public final class AssessApi {
    static final String YAML = "application/yaml";

    private final Releases releases;
    private final Assessor assessor;

    public AssessApi(Releases releases) {
        this(releases, new Assessor());
    }

    AssessApi(Releases releases, Assessor assessor) {
        this.releases = releases;
        this.assessor = assessor;
    }

    Assessor assessor() {
        return assessor;
    }

    public void register(Consumer<Endpoint> api) {
        Endpoint.Body body = new Endpoint.Body(
                "application/json",
                "An AI system inventory (docs/assess.md) as JSON, or as YAML with Content-Type " + YAML + "; at most "
                        + Assessor.MAX_INVENTORY / 1024
                        + " KiB; a flawed one is answered with invalid-inventory naming each line and field",
                Optional.of(new Endpoint.Shape.Type(InventoryDocument.class)));
        List<Endpoint.Param> release =
                List.of(new Endpoint.Param("release", "the ATLAS release (default: the server's)", false));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/assess/threat-model",
                Access.PUBLIC,
                "assess",
                "The threat model of a system: applicable techniques with their reasons, priority and parts, and the "
                        + "mitigations to apply first",
                release,
                body,
                Endpoint.Answer.json(AssessJson.ThreatModelBody.class),
                ctx -> ctx.json(AssessJson.ThreatModelBody.of(model(ctx)))));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/assess/coverage",
                Access.PUBLIC,
                "assess",
                "Detection coverage of a system's applicable techniques by the bundled rule pack and the AI analyzers, "
                        + "per technique and per tactic",
                release,
                body,
                Endpoint.Answer.json(AssessJson.CoverageBody.class),
                ctx -> {
                    KnowledgeBase kb = kb(ctx);
                    ThreatModel m = Assessor.model(Assessor.inventory(ctx.bodyAsBytes(), "inventory", kb), kb);
                    ctx.json(AssessJson.CoverageBody.of(assessor.coverage(m, kb)));
                }));
    }

    private ThreatModel model(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        SystemInventory s = Assessor.inventory(ctx.bodyAsBytes(), "inventory", kb);
        return Assessor.model(s, kb);
    }

    KnowledgeBase kb(Context ctx) {
        String v = ctx.queryParam("release");
        return releases.get(v == null || v.isBlank() ? releases.defaultVersion() : v);
    }
}
