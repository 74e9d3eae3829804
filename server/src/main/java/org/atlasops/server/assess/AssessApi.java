package org.atlasops.server.assess;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageLayers;
import org.atlasops.assess.coverage.SigmaEvidence;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.assess.metrics.SocMetrics;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.auth.Caller;
import org.atlasops.server.emulate.EmulationRuns;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;
import org.atlasops.store.Database;
import org.atlasops.store.IncidentStore;
import org.atlasops.store.Role;
import org.atlasops.store.StoredIncident;

/**
 * {@code POST /api/v1/assess/threat-model} and {@code /coverage}: an inventory (YAML or JSON) in, the threat model
 * or the coverage per tactic out. Public like the knowledge base: nothing is stored, the answer is computed from the
 * body and the release. {@code /coverage/evidence} and {@code /coverage/layer} take the inventory with the other
 * evidence ({@link AssessJson.CoverageRequest}); {@code GET /api/v1/assess/metrics} gives the SOC metrics of the
 * incident register, which is team data.
 */
public final class AssessApi {
    static final String YAML = "application/yaml";
    private static final String NAVIGATOR_LAYER = "NavigatorLayer";

    private final Releases releases;
    private final Assessor assessor;
    private final Optional<Database> db;
    private final Optional<EmulationRuns> runs;
    private final Optional<Authenticator> auth;

    public AssessApi(Releases releases) {
        this(releases, new Assessor(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** With the team's data: the incident register for metrics, the emulation runs and who may read them. */
    public AssessApi(Releases releases, Database db, EmulationRuns runs, Authenticator auth) {
        this(releases, new Assessor(), Optional.of(db), Optional.of(runs), Optional.of(auth));
    }

    private AssessApi(
            Releases releases,
            Assessor assessor,
            Optional<Database> db,
            Optional<EmulationRuns> runs,
            Optional<Authenticator> auth) {
        this.releases = releases;
        this.assessor = assessor;
        this.db = db;
        this.runs = runs;
        this.auth = auth;
    }

    Assessor assessor() {
        return assessor;
    }

    /** The emulation runs a caller may name as evidence: none without team read (or without the data dir's runs). */
    List<String> runNames(Context ctx) {
        if (runs.isEmpty() || auth.isEmpty() || !mayReadTeamData(ctx)) {
            return List.of();
        }
        return runs.get().runNames();
    }

    private boolean mayReadTeamData(Context ctx) {
        try {
            requireTeamRead(ctx);
            return true;
        } catch (Problem p) {
            return false;
        }
    }

    /**
     * Whether this caller may send the team's own Sigma rules: a signed-in analyst or better. Rules and their tests
     * run on the server (regexes included), so they are not for anonymous callers or viewers.
     */
    boolean mayUploadRules(Context ctx) {
        return auth.isPresent()
                && Authenticator.caller(ctx)
                        .user()
                        .map(u -> u.role().allows(Access.ANALYST.role().orElseThrow()))
                        .orElse(false);
    }

    /**
     * The team's own rules need an analyst: on a page's session the CSRF token is checked too (the form carries it),
     * as for every change a session makes.
     */
    private void requireRuleUpload(Context ctx) {
        if (auth.isEmpty()) {
            throw Problem.badRequest("rules: this server takes no rules of its callers; leave rules out");
        }
        auth.get().require(ctx, Access.ANALYST);
    }

    /**
     * Team read for naming a run: a read, not a change, so a browser session needs no CSRF token here (the page's
     * multipart form cannot carry one, and {@code Authenticator.require} asks for it on every POST of a session).
     */
    private void requireTeamRead(Context ctx) {
        Caller c = Authenticator.caller(ctx);
        if (c.user().isPresent()) {
            Role needed = Access.TEAM_READ.role().orElseThrow();
            if (!c.user().get().role().allows(needed)) {
                throw Problem.forbidden("emulation runs are team data: this needs the role " + needed.label() + "; "
                        + c.user().get().name() + " is " + c.user().get().role().label());
            }
            return;
        }
        // anonymous callers: only where the server lets anyone read team data
        auth.orElseThrow().require(ctx, Access.TEAM_READ);
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
        Endpoint.Body evidence = Endpoint.Body.json(
                AssessJson.CoverageRequest.class,
                "The inventory (YAML or JSON text) with the evidence: a DeTT&CT techniques file and a data sources "
                        + "file (YAML text), the team's Sigma rules with their tests (sending rules needs the analyst role: "
                        + "they run on the server), emulation runs of the server's "
                        + "data dir by name (naming one needs team read); flaws name the file, line and field");
        api.accept(new Endpoint(
                "POST",
                "/api/v1/assess/coverage/evidence",
                Access.PUBLIC,
                "assess",
                "Detection coverage from every kind of evidence 'assess coverage' takes: rules (the pack and the "
                        + "team's), analyzers, manual DeTT&CT scores with their history, emulation runs; per technique, "
                        + "per tactic and over time",
                release,
                evidence,
                Endpoint.Answer.json(AssessJson.CoverageBody.class),
                ctx -> ctx.json(AssessJson.CoverageBody.of(
                        coverage(ctx, JsonBody.read(ctx, AssessJson.CoverageRequest.class))))));
        List<Endpoint.Param> layerParams = new ArrayList<>(release);
        layerParams.add(
                new Endpoint.Param("kind", "detection (default), visibility or both (DeTT&CT's overlay)", false));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/assess/coverage/layer",
                Access.PUBLIC,
                "assess",
                "The coverage of /coverage/evidence as a Navigator layer (domain atlas-atlas) of the applicable "
                        + "techniques, each cell's comment listing its evidence",
                layerParams,
                evidence,
                Endpoint.Answer.json(NAVIGATOR_LAYER),
                ctx -> {
                    CoverageLayers.Kind kind = layerKind(ctx.queryParam("kind"));
                    KnowledgeBase kb = kb(ctx);
                    Coverage c = coverage(ctx, JsonBody.read(ctx, AssessJson.CoverageRequest.class));
                    ctx.contentType("application/json").result(LayerWriter.toJson(CoverageLayers.of(c, kb, kind)));
                }));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/assess/metrics",
                Access.TEAM_READ,
                "assess",
                "SOC metrics of the incident register, as 'assess metrics --register' gives them: mean, median and "
                        + "90th percentile time to detect and to respond per technique, tactic and system; alerts per "
                        + "technique; incidents that cannot be measured and why",
                List.of(
                        new Endpoint.Param(
                                "since", "incidents that started on or after this day (YYYY-MM-DD, UTC)", false),
                        new Endpoint.Param("until", "incidents that started before this day (YYYY-MM-DD, UTC)", false),
                        release.get(0)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AssessJson.MetricsBody.class),
                ctx -> ctx.json(metrics(ctx))));
    }

    static CoverageLayers.Kind layerKind(String text) {
        if (text == null || text.isBlank()) {
            return CoverageLayers.Kind.DETECTION;
        }
        try {
            return CoverageLayers.Kind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("kind: '" + text + "' is not a layer kind; give detection, visibility or both");
        }
    }

    /** Coverage for a request: the API's and the page's one way from input to figures. */
    Coverage coverage(Context ctx, AssessJson.CoverageRequest r) {
        KnowledgeBase kb = kb(ctx);
        String inventory = JsonBody.required(r.inventory(), "inventory");
        ThreatModel m =
                Assessor.model(Assessor.inventory(inventory.getBytes(StandardCharsets.UTF_8), "inventory", kb), kb);
        return assessor.coverage(m, kb, inputs(ctx, r, kb, "dettect", "data_sources"));
    }

    /**
     * The evidence of a request, checked; {@code dettectName} and {@code dataSourcesName} name the files in problems
     * (the uploaded file's name on the page).
     */
    Assessor.Inputs inputs(
            Context ctx, AssessJson.CoverageRequest r, KnowledgeBase kb, String dettectName, String dataSourcesName) {
        List<Path> folders = new ArrayList<>();
        List<String> named = r.emulation().orElse(List.of());
        if (!named.isEmpty()) {
            if (runs.isEmpty() || auth.isEmpty()) {
                throw Problem.badRequest("emulation: this server offers no emulation runs");
            }
            // the runs are team data, as at /api/v1/emulation/runs
            requireTeamRead(ctx);
            named.stream().distinct().forEach(n -> folders.add(runs.get().folder(n)));
        }
        List<SigmaEvidence.RuleText> rules = new ArrayList<>();
        List<AssessJson.RuleFile> files = r.rules().orElse(List.of());
        if (!files.isEmpty()) {
            // user rules and their tests run here: only for analysts (docs/assess.md, "Who may send rules")
            requireRuleUpload(ctx);
        }
        for (int i = 0; i < files.size(); i++) {
            AssessJson.RuleFile f = files.get(i);
            if (f == null) {
                throw Problem.badRequest("rules[" + i + "]: a rule file is an object with name, content and tests");
            }
            rules.add(new SigmaEvidence.RuleText(
                    JsonBody.required(f.name(), "rules[" + i + "].name"),
                    JsonBody.required(f.content(), "rules[" + i + "].content"),
                    f.tests()));
        }
        int minScore = r.minScore().orElse(1);
        if (minScore < Assessor.Inputs.MIN_SCORE || minScore > Assessor.Inputs.MAX_SCORE) {
            throw Problem.badRequest("min_score: " + minScore + " is not a detection score; they run from "
                    + Assessor.Inputs.MIN_SCORE + " to " + Assessor.Inputs.MAX_SCORE);
        }
        return new Assessor.Inputs(
                Assessor.Inputs.dettect(r.dettect().orElse(""), dettectName, kb),
                Assessor.Inputs.dataSources(r.dataSources().orElse(""), dataSourcesName),
                Assessor.Inputs.rules(rules),
                folders,
                r.pack().orElse(true),
                r.analyzers().orElse(true),
                r.ruleTests().orElse(true),
                minScore);
    }

    /** The register's metrics for the period of the query; empty figures on a server without a database. */
    AssessJson.MetricsBody metrics(Context ctx) {
        Metrics m = metrics(ctx.queryParam("since"), ctx.queryParam("until"), kb(ctx));
        return AssessJson.MetricsBody.of(m.report(), m.notMeasurable());
    }

    record Metrics(SocMetrics.Report report, List<RegisterTimelines.NotMeasurable> notMeasurable) {}

    Metrics metrics(String since, String until, KnowledgeBase kb) {
        Optional<Instant> from = day(since, "since");
        Optional<Instant> to = day(until, "until");
        RegisterTimelines rt = RegisterTimelines.of(db.map(AssessApi::register).orElse(List.of()));
        try {
            return new Metrics(SocMetrics.compute(rt.timelines(), kb, from, to), rt.notMeasurable(from, to));
        } catch (org.atlasops.kb.failure.Failure f) {
            throw Problem.of(f); // the page shows a Problem beside its period form
        }
    }

    /** Every incident of the register, a page at a time (as 'assess metrics --register' reads it). */
    private static List<RegisterTimelines.Entry> register(Database db) {
        List<RegisterTimelines.Entry> entries = new ArrayList<>();
        for (int offset = 0; ; offset += IncidentStore.MAX_PAGE) {
            List<StoredIncident> page = db.incidents().list(offset, IncidentStore.MAX_PAGE);
            page.forEach(s -> entries.add(new RegisterTimelines.Entry(s.label(), s.incident())));
            if (page.size() < IncidentStore.MAX_PAGE) {
                return entries;
            }
        }
    }

    static Optional<Instant> day(String text, String param) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(param + ": '" + text + "' is not a day; give YYYY-MM-DD");
        }
    }

    private ThreatModel model(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        SystemInventory s = Assessor.inventory(ctx.bodyAsBytes(), "inventory", kb);
        return Assessor.model(s, kb);
    }

    KnowledgeBase kb(Context ctx) {
        String v = ctx.queryParam("release");
        if (v == null && ctx.isMultipartFormData()) {
            v = ctx.formParam("release");
        }
        return releases.get(v == null || v.isBlank() ? releases.defaultVersion() : v);
    }
}
