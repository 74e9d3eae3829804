package org.atlasops.server.intel;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.atlasops.intel.anonymise.Anonymiser;
import org.atlasops.intel.anonymise.Coarsen;
import org.atlasops.intel.anonymise.Options;
import org.atlasops.intel.incident.CaseStudyYaml;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.IncidentMarkdown;
import org.atlasops.intel.incident.IncidentStix;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.Timeline;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.intel.search.RiskQuery;
import org.atlasops.intel.search.RiskResults;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import org.atlasops.store.User;

/**
 * The incident register over HTTP ({@code /api/v1/incidents}) and the AI risk search ({@code /api/v1/risk}). Reads
 * need a viewer, changes and exports an analyst; every change and every export is in the audit log.
 */
public final class IncidentApi {
    private static final String TAG = "intel";
    /** The largest case-study file or bundle accepted for import. */
    static final int MAX_IMPORT = 4 * 1024 * 1024;

    private final Releases releases;
    private final Database db;
    private final RiskCatalog risk;
    private final Authenticator auth;

    public IncidentApi(Releases releases, Database db, java.nio.file.Path dataDir, Authenticator auth) {
        this.releases = releases;
        this.db = db;
        this.risk = new RiskCatalog(db, dataDir);
        this.auth = auth;
    }

    RiskCatalog risk() {
        return risk;
    }

    /**
     * The background build of {@code kb}'s AI risk index started so far (at server start), running or done; empty when
     * none was. For the server's tests, which wait on it instead of polling pages.
     */
    public Optional<java.util.concurrent.CompletableFuture<?>> riskIndexStarted(org.atlasops.kb.KnowledgeBase kb) {
        return risk.started(kb).map(f -> f);
    }

    /** {@code kb}'s AI risk index made current as of this call, in the background (the server's tests wait on it). */
    public java.util.concurrent.CompletableFuture<?> riskIndexCurrent(org.atlasops.kb.KnowledgeBase kb) {
        return risk.current(kb);
    }

    /** Stops the risk index's background builds; called when the server stops, before the database closes. */
    public void close() {
        risk.close();
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(new Endpoint(
                "GET",
                "/api/v1/incidents",
                Access.TEAM_READ,
                TAG,
                "List the team's incidents, newest change first",
                List.of(
                        new Endpoint.Param("limit", "1 to 500 (default 100)", false),
                        new Endpoint.Param("offset", "incidents to skip (default 0)", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(IntelJson.IncidentList.class),
                this::list));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/incidents",
                Access.ANALYST,
                TAG,
                "Register an incident; it must fit the release (each technique in its tactic, timeline in order)",
                List.of(new Endpoint.Param(
                        "release", "the ATLAS release to check against (default: the server's)", false)),
                Endpoint.Body.json(IntelJson.IncidentRequest.class, "the incident"),
                Endpoint.Answer.created(IntelJson.IncidentView.class),
                this::create));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/incidents/import",
                Access.ANALYST,
                TAG,
                "Register the case studies of a case-study YAML file ({study, meta}) or a STIX 2.1 bundle",
                List.of(),
                Endpoint.Body.json(IntelJson.IncidentImportRequest.class, "the file's text"),
                Endpoint.Answer.created(IntelJson.IncidentImportAnswer.class),
                this::importFile));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/incidents/{id}",
                Access.TEAM_READ,
                TAG,
                "One incident with every field (internal ones included) and its check against the release",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(IntelJson.IncidentView.class),
                this::get));
        api.accept(new Endpoint(
                "PUT",
                "/api/v1/incidents/{id}",
                Access.ANALYST,
                TAG,
                "Save a new revision (based_on: the revision the change was made on, else a conflict)",
                List.of(),
                Endpoint.Body.json(IntelJson.IncidentRequest.class, "the whole incident"),
                Endpoint.Answer.json(IntelJson.IncidentView.class),
                this::update));
        api.accept(new Endpoint(
                "DELETE",
                "/api/v1/incidents/{id}",
                Access.ANALYST,
                TAG,
                "Delete an incident",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.noContent(),
                this::delete));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/incidents/{id}/anonymised",
                Access.TEAM_READ,
                TAG,
                "Preview the shareable form: each field before and after, each value replaced, what is withheld",
                List.of(
                        new Endpoint.Param("coarsen", "month (default) or year", false),
                        new Endpoint.Param("name", "a name to replace (repeat)", false),
                        new Endpoint.Param("target_as", "how the target reads once shared", false),
                        new Endpoint.Param("actor_as", "how the actor reads once shared", false),
                        new Endpoint.Param("keep_references", "true to keep the references", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(IntelJson.AnonymisedView.class),
                this::anonymised));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/incidents/{id}/export",
                Access.ANALYST,
                TAG,
                "Share an incident: its (by default anonymised) case study as case-study YAML, a STIX 2.1 bundle with "
                        + "its TLP marking, or Markdown; never the timeline or internal fields; audited",
                List.of(),
                Endpoint.Body.json(IntelJson.IncidentExportRequest.class, "format and anonymisation"),
                new Endpoint.Answer(
                        200, Optional.empty(), List.of("application/yaml", "application/stix+json", "text/markdown")),
                this::export));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/risk",
                Access.PUBLIC,
                TAG,
                "Search the AI risk database (ATLAS case studies, AVID, AIID, team incidents for team readers), "
                        + "faceted; each hit with its source, licence and official or inferred ATLAS mapping",
                List.of(
                        new Endpoint.Param("q", "words, or a technique ID", false),
                        new Endpoint.Param("technique", "only records involving this technique (subs included)", false),
                        new Endpoint.Param("tactic", "only records involving a technique of this tactic", false),
                        new Endpoint.Param("maturity", "feasible, demonstrated or realized", false),
                        new Endpoint.Param("source", "atlas, avid, aiid or team (repeat)", false),
                        new Endpoint.Param("system", "an affected model or system", false),
                        new Endpoint.Param("since", "YYYY-MM-DD", false),
                        new Endpoint.Param("until", "YYYY-MM-DD", false),
                        new Endpoint.Param("limit", "1 to 1000 (default 20)", false),
                        new Endpoint.Param("release", "the ATLAS release (default: the server's)", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(IntelJson.RiskAnswer.class),
                this::search));
    }

    private KnowledgeBase kb(Context ctx) {
        return releases.get(Optional.ofNullable(ctx.queryParam("release")).orElse(releases.defaultVersion()));
    }

    private static User user(Context ctx) {
        return Authenticator.caller(ctx).user().orElseThrow(() -> Problem.unauthorized("sign in first"));
    }

    static long id(Context ctx) {
        String t = ctx.pathParam("id");
        if (t.regionMatches(true, 0, "INC-", 0, 4)) {
            t = t.substring(4);
        }
        try {
            long id = Long.parseLong(t);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problem.badRequest("'" + ctx.pathParam("id") + "' is not an incident number: use INC-12 or 12");
    }

    private void list(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 500);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(new IntelJson.IncidentList(
                db.incidents().count(),
                db.incidents().list(offset, limit).stream()
                        .map(IntelJson.IncidentSummary::of)
                        .toList()));
    }

    private void create(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        Incident incident = JsonBody.read(ctx, IntelJson.IncidentRequest.class).toIncident();
        requireFits(incident, kb);
        StoredIncident s = db.incidents().create(incident, user(ctx).name(), "added through the API");
        ctx.status(201).header("Location", "/api/v1/incidents/" + s.id()).json(IntelJson.IncidentView.of(s, kb));
    }

    static void requireFits(Incident incident, KnowledgeBase kb) {
        List<Check.Issue> issues = Check.check(incident, kb);
        if (!issues.isEmpty()) {
            throw new BadInputException("the incident does not fit ATLAS " + kb.version() + ": "
                    + String.join(
                            "; ", issues.stream().map(Check.Issue::toString).toList()));
        }
    }

    private void importFile(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        IntelJson.IncidentImportRequest body = JsonBody.read(ctx, IntelJson.IncidentImportRequest.class);
        if (body.content().length() > MAX_IMPORT) {
            throw Problem.badRequest("the file is larger than " + MAX_IMPORT / (1024 * 1024) + " MiB");
        }
        String name = body.fileName() == null ? "content" : body.fileName().orElse("content");
        List<Incident> incidents = parse(body.content(), name);
        for (Incident i : incidents) {
            requireFits(i, kb);
        }
        String actor = user(ctx).name();
        List<IntelJson.IncidentSummary> made = new ArrayList<>();
        for (Incident i : incidents) {
            made.add(IntelJson.IncidentSummary.of(db.incidents().create(i, actor, "imported through the API")));
        }
        ctx.status(201).json(new IntelJson.IncidentImportAnswer(made));
    }

    /** Case-study YAML or a STIX bundle (by its first character). */
    static List<Incident> parse(String text, String where) {
        if (text.isBlank()) {
            throw new BadInputException(where + ": empty; give a case-study YAML file or a STIX 2.1 bundle");
        }
        if (text.stripLeading().startsWith("{")) {
            return IncidentStix.read(text, where).stream()
                    .map(i -> new Incident(
                            i.study(),
                            Timeline.EMPTY,
                            List.of(),
                            List.of(),
                            i.tlp(),
                            "imported from " + i.incidentId()))
                    .toList();
        }
        CaseStudyYaml.Read r = CaseStudyYaml.read(text, where);
        return List.of(new Incident(
                r.study(), Timeline.EMPTY, List.of(), List.of(), r.tlp().orElse(Tlp.AMBER), ""));
    }

    private void get(Context ctx) {
        ctx.json(IntelJson.IncidentView.of(db.incidents().get(id(ctx)), kb(ctx)));
    }

    private void update(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        long id = id(ctx);
        IntelJson.IncidentRequest body = JsonBody.read(ctx, IntelJson.IncidentRequest.class);
        Incident incident = body.toIncident();
        requireFits(incident, kb);
        StoredIncident s = db.incidents()
                .update(
                        id,
                        incident,
                        body.basedOn() == null ? Optional.empty() : body.basedOn(),
                        user(ctx).name());
        ctx.json(IntelJson.IncidentView.of(s, kb));
    }

    private void delete(Context ctx) {
        db.incidents().delete(id(ctx), user(ctx).name());
        ctx.status(204);
    }

    private void anonymised(Context ctx) {
        StoredIncident s = db.incidents().get(id(ctx));
        Options o = options(
                ctx.queryParam("coarsen"),
                ctx.queryParams("name"),
                ctx.queryParam("target_as"),
                ctx.queryParam("actor_as"),
                "true".equalsIgnoreCase(ctx.queryParam("keep_references")));
        ctx.json(IntelJson.AnonymisedView.of(s, Anonymiser.anonymise(s.incident(), o)));
    }

    static Options options(String coarsen, List<String> names, String targetAs, String actorAs, boolean keepRefs) {
        Coarsen c = coarsen == null || coarsen.isBlank()
                ? Coarsen.MONTH
                : Coarsen.parse(coarsen)
                        .orElseThrow(() -> new BadInputException("coarsen: '" + coarsen + "' is not month or year"));
        return new Options(
                c,
                names == null
                        ? List.of()
                        : names.stream().filter(n -> n != null && !n.isBlank()).toList(),
                Optional.ofNullable(targetAs).filter(t -> !t.isBlank()),
                Optional.ofNullable(actorAs).filter(t -> !t.isBlank()),
                keepRefs);
    }

    /** The document an export produces and how it is sent. */
    record Document(String mediaType, String fileName, String text) {}

    private void export(Context ctx) {
        IntelJson.IncidentExportRequest r = JsonBody.read(ctx, IntelJson.IncidentExportRequest.class);
        boolean anonymised = r.anonymised() == null || r.anonymised().orElse(true);
        Options o = options(
                r.coarsen() == null ? null : r.coarsen().orElse(null),
                r.names() == null ? List.of() : r.names().orElse(List.of()),
                r.targetAs() == null ? null : r.targetAs().orElse(null),
                r.actorAs() == null ? null : r.actorAs().orElse(null),
                r.keepReferences() != null && r.keepReferences().orElse(false));
        Document d = share(
                id(ctx),
                JsonBody.required(r.format(), "format"),
                anonymised,
                r.tlp() == null ? Optional.empty() : r.tlp(),
                o,
                user(ctx).name(),
                kb(ctx));
        ctx.contentType(d.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
                .result(d.text().getBytes(StandardCharsets.UTF_8));
    }

    /** Makes the document and writes the share to the audit log: the one way an incident leaves (API and pages). */
    Document share(
            long id,
            String format,
            boolean anonymised,
            Optional<String> tlp,
            Options o,
            String actor,
            KnowledgeBase kb) {
        return share(id, format, anonymised, tlp, o, actor, kb, "", d -> {});
    }

    /**
     * As above, and {@code deliver} sends the document on (e.g. into a TAXII collection) before the share is audited:
     * when it throws, nothing is recorded. {@code how} (where it went) is added to the audit entry.
     */
    Document share(
            long id,
            String format,
            boolean anonymised,
            Optional<String> tlp,
            Options o,
            String actor,
            KnowledgeBase kb,
            String how,
            java.util.function.Consumer<Document> deliver) {
        StoredIncident s = db.incidents().get(id);
        Study study = anonymised
                ? Anonymiser.anonymise(s.incident(), o).study()
                : s.incident().study();
        Tlp level = s.incident().tlp();
        if (tlp.isPresent()) {
            Tlp asked = Tlp.parse(tlp.get())
                    .orElseThrow(() ->
                            new BadInputException("tlp: '" + tlp.get() + "' is not a TLP level: use " + Tlp.choices()));
            if (!anonymised && asked.ordinal() < level.ordinal()) {
                throw new BadInputException("tlp: " + s.label() + " is " + level.title() + "; a looser marking ("
                        + asked.title() + ") needs the anonymised form");
            }
            level = asked;
        }
        Instant now = Instant.now();
        String stem = s.label().toLowerCase(Locale.ROOT) + (anonymised ? "-shared" : "");
        Document d = switch (format.toLowerCase(Locale.ROOT)) {
            case "yaml" ->
                new Document(
                        "application/yaml; charset=utf-8",
                        stem + ".yaml",
                        CaseStudyYaml.write(study, level, LocalDate.ofInstant(now, ZoneOffset.UTC)));
            case "stix" ->
                new Document(
                        "application/stix+json;version=2.1",
                        stem + ".json",
                        IncidentStix.export(study, level, "atlas-ops incident " + s.id(), now)
                                .toJsonText());
            case "markdown", "md" ->
                new Document("text/markdown; charset=utf-8", stem + ".md", IncidentMarkdown.shared(study, level, kb));
            default -> throw new BadInputException("format: '" + format + "' is not yaml, stix or markdown");
        };
        deliver.accept(d);
        db.incidents()
                .recordShare(
                        id,
                        actor,
                        format.toLowerCase(Locale.ROOT) + ", " + level.title() + ", "
                                + (anonymised ? "anonymised" : "NOT anonymised")
                                + (how.isEmpty() ? "" : ", " + how));
        return d;
    }

    private void search(Context ctx) {
        KnowledgeBase kb = kb(ctx);
        RiskQuery q = query(ctx);
        if (!teamReader(ctx)) {
            // the team's incidents are team data: public callers search the public sources only
            Set<String> s = new HashSet<>(q.sources().isEmpty() ? Set.of("atlas", "avid", "aiid") : q.sources());
            s.remove("team");
            q = q.withSources(s.isEmpty() ? Set.of("none") : s);
        }
        RiskResults r = risk.index(kb).search(q);
        ctx.json(IntelJson.RiskAnswer.of(q.text(), r, kb));
    }

    /** Whether the caller may read team data (signed in as a viewer, or anonymous reading is on). */
    boolean teamReader(Context ctx) {
        try {
            auth.require(ctx, Access.TEAM_READ);
            return true;
        } catch (Problem p) {
            return false;
        }
    }

    static RiskQuery query(Context ctx) {
        Set<String> sources = new HashSet<>();
        for (String s : ctx.queryParams("source")) {
            for (String part : s.split(",")) {
                String v = part.strip().toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    continue;
                }
                if (!Set.of("atlas", "avid", "aiid", "team").contains(v)) {
                    throw Problem.badRequest("source '" + part + "' is not atlas, avid, aiid or team");
                }
                sources.add(v);
            }
        }
        return new RiskQuery(
                Optional.ofNullable(ctx.queryParam("q")).orElse(""),
                idParam(ctx, "technique", true),
                idParam(ctx, "tactic", false),
                Optional.ofNullable(ctx.queryParam("maturity"))
                        .filter(m -> !m.isBlank())
                        .map(m -> m.toLowerCase(Locale.ROOT)),
                sources,
                Optional.ofNullable(ctx.queryParam("system")).filter(m -> !m.isBlank()),
                dateParam(ctx, "since"),
                dateParam(ctx, "until"),
                intParam(ctx, "limit", 20, 1, RiskQuery.MAX_LIMIT));
    }

    private static Optional<AtlasId> idParam(Context ctx, String name, boolean technique) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        Optional<AtlasId> id = AtlasId.tryParse(v);
        if (id.isEmpty() || (technique ? !id.get().isTechnique() : !id.get().isTactic())) {
            throw Problem.badRequest(name + " '" + v + "' is not a "
                    + (technique ? "technique ID such as AML.T0051" : "tactic ID such as AML.TA0005"));
        }
        return id;
    }

    private static Optional<LocalDate> dateParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(v.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.badRequest(name + " '" + v + "' is not a date: use YYYY-MM-DD");
        }
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problem.badRequest(name + " must be a number from " + min + " to " + max + ", was '" + v + "'");
    }
}
