package org.atlasops.server.intel;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.intel.anonymise.Anonymised;
import org.atlasops.intel.anonymise.Anonymiser;
import org.atlasops.intel.anonymise.Options;
import org.atlasops.intel.incident.CaseStudyYaml;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.Timeline;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.intel.search.RiskHit;
import org.atlasops.intel.search.RiskIndex;
import org.atlasops.intel.search.RiskQuery;
import org.atlasops.intel.search.RiskResults;
import org.atlasops.intel.taxii.Answer;
import org.atlasops.intel.taxii.Requester;
import org.atlasops.intel.taxii.TaxiiService;
import org.atlasops.intel.taxii.TeamCollection;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.taxii.TaxiiRoutes;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.store.Database;
import org.atlasops.store.StoredIncident;
import org.atlasops.store.User;

/**
 * The incident pages ({@code /incidents}: list, form, one incident, the anonymised preview with the share form) and
 * the risk search ({@code /risk}). Plain forms carrying the session's CSRF token, like the account pages; shares go
 * through {@link IncidentApi#share}, so they are audited as the API's are.
 */
public final class IncidentPages {
    private final Releases releases;
    private final Database db;
    private final Frame frame;
    private final IncidentApi api;
    private final TaxiiService taxii;

    public IncidentPages(Releases releases, Database db, Frame frame, IncidentApi api, TaxiiService taxii) {
        this.releases = releases;
        this.db = db;
        this.frame = frame;
        this.api = api;
        this.taxii = taxii;
        // reading AVID and building the index take seconds: done now, in the background, not on the first page
        api.risk().warmUp(kb());
    }

    private KnowledgeBase kb() {
        return releases.get(releases.defaultVersion());
    }

    private static String csrf(Context ctx) {
        return Html.csrfInput(Authenticator.csrfToken(ctx));
    }

    /** {@code GET /incidents}. */
    public void list(Context ctx) {
        List<StoredIncident> list = db.incidents().list(0, 500);
        StringBuilder b = new StringBuilder("<div class=\"page-head\"><div><h1>Incidents</h1></div>")
                .append(
                        "<p><a class=\"button\" href=\"/incidents/new\">New incident</a> <a href=\"/risk\">Search the AI ")
                .append("risk database</a></p></div>");
        if (list.isEmpty()) {
            b.append("<p class=\"none\">No incident yet.</p>");
        } else {
            b.append("<table class=\"plain\" id=\"incident-list\"><thead><tr><th>ID</th><th>Name</th><th>Date</th>")
                    .append("<th>Type</th><th>TLP</th><th>Steps</th><th>Updated</th></tr></thead><tbody>");
            for (StoredIncident s : list) {
                Study st = s.incident().study();
                b.append("<tr><td><a href=\"/incidents/")
                        .append(s.id())
                        .append("\">")
                        .append(s.label())
                        .append("</a></td><td>")
                        .append(Html.esc(st.name()))
                        .append("</td><td>")
                        .append(Html.esc(st.date().toString()))
                        .append("</td><td>")
                        .append(st.type().label())
                        .append("</td><td>")
                        .append(tlp(s.incident().tlp()))
                        .append("</td><td>")
                        .append(st.procedure().size())
                        .append("</td><td>")
                        .append(s.updatedAt())
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        ctx.html(frame.render(ctx, "Incidents", "", b.toString(), List.of()));
    }

    private static String tlp(Tlp t) {
        return "<span class=\"tlp tlp-" + t.label().replace('+', '-') + "\">" + Html.esc(t.title()) + "</span>";
    }

    /** {@code GET /incidents/new}. */
    public void form(Context ctx) {
        ctx.html(frame.render(ctx, "New incident", "", formBody(ctx, Map.of(), ""), List.of()));
    }

    private String formBody(Context ctx, Map<String, String> values, String error) {
        StringBuilder b = new StringBuilder("<div class=\"narrow\"><h1>New incident</h1>");
        if (!error.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">")
                    .append(Html.esc(error))
                    .append("</p>");
        }
        b.append("<p>Write the case study as the ATLAS website's case-study file ({study, meta}, schema 1.1); it is "
                        + "checked against ATLAS ")
                .append(Html.esc(kb().version()))
                .append(". The fields below are internal " + "and never shared.</p>");
        b.append("<form method=\"post\" action=\"/incidents\">").append(csrf(ctx));
        b.append("<label for=\"yaml\">Case study (YAML)</label><textarea id=\"yaml\" name=\"yaml\" rows=\"18\" "
                        + "required spellcheck=\"false\">")
                .append(Html.esc(values.getOrDefault("yaml", TEMPLATE)))
                .append("</textarea>");
        b.append("<label for=\"tlp\">TLP</label>")
                .append(sel(
                        "tlp",
                        Arrays.stream(Tlp.values()).map(Tlp::label).toList(),
                        values.getOrDefault("tlp", "amber"),
                        ""));
        field(b, "assets", "Assets affected (comma-separated)", values);
        field(b, "alerts", "Alert IDs (comma-separated)", values);
        for (String m : List.of("first_evidence", "detected", "acknowledged", "contained", "resolved")) {
            field(b, m, m.replace('_', ' ') + " (UTC, e.g. 2026-03-14T09:30:00Z)", values);
        }
        b.append("<label for=\"notes\">Internal notes</label><textarea id=\"notes\" name=\"notes\" rows=\"3\">")
                .append(Html.esc(values.getOrDefault("notes", "")))
                .append("</textarea>");
        b.append("<p><button type=\"submit\">Register</button></p></form></div>");
        return b.toString();
    }

    private static final String TEMPLATE = """
            study:
              name: ''
              summary: ''
              incident-date: 2026-01-01
              incident-date-granularity: DATE
              procedure:
                - tactic: AML.TA0005
                  technique: AML.T0051
                  description: ''
              target: ''
              actor: ''
              case-study-type: incident
            """;

    /** A drop-down its label names (by id). */
    private static String sel(String name, List<String> options, String selected, String cssClass) {
        return Html.select(name, options, selected, cssClass)
                .replaceFirst("<select name=\"", "<select id=\"" + Html.esc(name) + "\" name=\"");
    }

    private static void field(StringBuilder b, String name, String label, Map<String, String> values) {
        b.append("<label for=\"")
                .append(name)
                .append("\">")
                .append(Html.esc(label))
                .append("</label><input id=\"")
                .append(name)
                .append("\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(Html.esc(values.getOrDefault(name, "")))
                .append("\">");
    }

    /** {@code POST /incidents}. */
    public void create(Context ctx) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String k : List.of(
                "yaml",
                "tlp",
                "assets",
                "alerts",
                "first_evidence",
                "detected",
                "acknowledged",
                "contained",
                "resolved",
                "notes")) {
            values.put(k, Optional.ofNullable(ctx.formParam(k)).orElse(""));
        }
        try {
            KnowledgeBase kb = kb();
            CaseStudyYaml.Read read = CaseStudyYaml.read(values.get("yaml"), "the case study");
            Tlp level = Tlp.parse(values.get("tlp")).orElse(read.tlp().orElse(Tlp.AMBER));
            Incident incident = new Incident(
                    read.study(),
                    new Timeline(
                            time(values, "first_evidence"),
                            time(values, "detected"),
                            time(values, "acknowledged"),
                            time(values, "contained"),
                            time(values, "resolved")),
                    split(values.get("assets")),
                    split(values.get("alerts")),
                    level,
                    values.get("notes"));
            IncidentApi.requireFits(incident, kb);
            User u = Authenticator.caller(ctx).user().orElseThrow();
            StoredIncident s = db.incidents().create(incident, u.name(), "added in the web app");
            ctx.redirect("/incidents/" + s.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (BadInputException e) {
            ctx.status(400)
                    .html(frame.render(ctx, "New incident", "", formBody(ctx, values, e.getMessage()), List.of()));
        }
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Optional<Instant> time(Map<String, String> values, String name) {
        String v = values.get(name).strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new BadInputException(
                    name.replace('_', ' ') + ": '" + v + "' is not a UTC time such as " + "2026-03-14T09:30:00Z");
        }
    }

    /** {@code GET /incidents/{id}}. */
    public void show(Context ctx) {
        KnowledgeBase kb = kb();
        StoredIncident s = db.incidents().get(IncidentApi.id(ctx));
        Incident i = s.incident();
        Study st = i.study();
        StringBuilder b = new StringBuilder("<div class=\"page-head\"><div><p class=\"kind\">")
                .append(s.label())
                .append(" · revision ")
                .append(s.revision())
                .append(" · ")
                .append(tlp(i.tlp()))
                .append("</p><h1>")
                .append(Html.esc(st.name()))
                .append("</h1></div></div>");
        b.append("<dl class=\"facts\">");
        fact(b, "Type", st.type().label());
        fact(b, "Date", st.date().toString());
        fact(b, "Target", st.target());
        fact(b, "Actor", st.actor());
        st.reporter().ifPresent(r -> fact(b, "Reporter", r));
        fact(b, "Created", s.createdBy() + ", " + s.createdAt());
        b.append("</dl>");
        List<Check.Issue> issues = Check.check(i, kb);
        if (!issues.isEmpty()) {
            b.append("<div class=\"error\" role=\"alert\"><p>Against ATLAS ")
                    .append(Html.esc(kb.version()))
                    .append(":</p><ul>");
            issues.forEach(x -> b.append("<li>").append(Html.esc(x.toString())).append("</li>"));
            b.append("</ul></div>");
        }
        b.append("<h2>Summary</h2><p>").append(Html.esc(st.summary())).append("</p>");
        b.append("<h2>Procedure (")
                .append(st.procedure().size())
                .append(")</h2><table class=\"plain\"><thead><tr>")
                .append("<th>#</th><th>Tactic</th><th>Technique</th><th>What happened</th></tr></thead><tbody>");
        int n = 1;
        for (ProcedureStep p : st.procedure()) {
            b.append("<tr><td>")
                    .append(n++)
                    .append("</td><td>")
                    .append(objectLink(kb, p.tacticId(), "tactics"))
                    .append("</td><td>")
                    .append(objectLink(kb, p.techniqueId(), "techniques"))
                    .append("</td><td>")
                    .append(Html.esc(p.description()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (!st.references().isEmpty()) {
            b.append("<h2>References</h2><ol class=\"refs\">");
            st.references()
                    .forEach(r -> b.append("<li>")
                            .append(
                                    r.url().isEmpty()
                                            ? Html.esc(r.title())
                                            : Html.link(r.url(), r.title().isEmpty() ? r.url() : r.title()))
                            .append("</li>"));
            b.append("</ol>");
        }
        b.append("<h2>Internal (never shared)</h2><dl class=\"facts\">");
        i.timeline().moments().forEach((k, v) -> fact(b, k.replace('_', ' '), v.toString()));
        fact(b, "Assets", String.join(", ", i.assets()));
        fact(b, "Alerts", String.join(", ", i.alertIds()));
        fact(b, "Notes", i.notes());
        b.append("</dl>");
        b.append("<h2>Share</h2><p><a href=\"/incidents/")
                .append(s.id())
                .append("/anonymise\">Preview the anonymised form</a> before sharing it.</p>");
        b.append(exportForm(ctx, s, Map.of(), false));
        ctx.html(frame.render(ctx, s.label() + " " + st.name(), kb.version(), b.toString(), List.of()));
    }

    private static String objectLink(KnowledgeBase kb, AtlasId id, String route) {
        String name = kb.find(id).map(kb::displayName).orElse("not in ATLAS " + kb.version());
        return "<a href=\"/" + route + "/" + Html.esc(id.value()) + "\"><span class=\"id\">" + Html.esc(id.value())
                + "</span> " + Html.esc(name) + "</a>";
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<dt>")
                .append(Html.esc(name))
                .append("</dt><dd>")
                .append(value.isEmpty() ? "<span class=\"none\">" + "none</span>" : Html.esc(value))
                .append("</dd>");
    }

    private String exportForm(Context ctx, StoredIncident s, Map<String, String> options, boolean anonymised) {
        StringBuilder b = new StringBuilder("<form method=\"post\" class=\"inline\" action=\"/incidents/")
                .append(s.id())
                .append("/export\">")
                .append(csrf(ctx));
        options.forEach((k, v) -> b.append("<input type=\"hidden\" name=\"")
                .append(Html.esc(k))
                .append("\" value=\"")
                .append(Html.esc(v))
                .append("\">"));
        b.append("<label for=\"format\">Format</label>")
                .append(sel("format", List.of("yaml", "stix", "markdown"), "yaml", ""))
                .append("<label for=\"share-tlp\">TLP</label>")
                .append(sel(
                        "tlp",
                        Arrays.stream(Tlp.values()).map(Tlp::label).toList(),
                        s.incident().tlp().label(),
                        ""))
                .append("<label><input type=\"checkbox\" name=\"anonymised\" value=\"1\"")
                .append(anonymised ? " checked" : "")
                .append("> anonymised</label> ")
                .append("<button type=\"submit\">Export</button></form>");
        return b.toString().replace("<select id=\"tlp\" name=\"tlp\"", "<select id=\"share-tlp\" name=\"tlp\"");
    }

    /** {@code GET /incidents/{id}/anonymise}: the preview, with the share form. */
    public void anonymise(Context ctx) {
        StoredIncident s = db.incidents().get(IncidentApi.id(ctx));
        String names = Optional.ofNullable(ctx.queryParam("names")).orElse("");
        Map<String, String> opts = new java.util.LinkedHashMap<>();
        opts.put("coarsen", Optional.ofNullable(ctx.queryParam("coarsen")).orElse("month"));
        opts.put("names", names);
        opts.put("target_as", Optional.ofNullable(ctx.queryParam("target_as")).orElse(""));
        opts.put("actor_as", Optional.ofNullable(ctx.queryParam("actor_as")).orElse(""));
        Options o = IncidentApi.options(
                opts.get("coarsen"), split(names), opts.get("target_as"), opts.get("actor_as"), false);
        Anonymised a = Anonymiser.anonymise(s.incident(), o);
        StringBuilder b = new StringBuilder("<h1>Anonymised preview of ")
                .append(s.label())
                .append("</h1>")
                .append("<p>Nothing has left yet. Each value below is replaced by the same placeholder everywhere; "
                        + "names are replaced by list, so add any the text still shows.</p>");
        b.append("<form method=\"get\" action=\"/incidents/")
                .append(s.id())
                .append("/anonymise\">")
                .append("<label for=\"coarsen\">Date precision</label>")
                .append(sel("coarsen", List.of("month", "year"), opts.get("coarsen"), ""));
        field(b, "names", "Names to replace (comma-separated)", opts);
        field(b, "target_as", "Target reads as", opts);
        field(b, "actor_as", "Actor reads as", opts);
        b.append("<button type=\"submit\">Preview again</button></form>");
        b.append("<h2>Changes</h2><table class=\"plain\" id=\"changes\"><thead><tr><th>Field</th><th>Before</th>")
                .append("<th>Shared</th></tr></thead><tbody>");
        for (Anonymised.Change c : a.changes()) {
            b.append("<tr><td>")
                    .append(Html.esc(c.field()))
                    .append("</td><td><del>")
                    .append(Html.esc(c.before()))
                    .append("</del></td><td><ins>")
                    .append(Html.esc(c.after()))
                    .append("</ins></td></tr>");
        }
        b.append("</tbody></table><h2>Replaced everywhere</h2><table class=\"plain\" id=\"replacements\"><thead><tr>")
                .append("<th>Placeholder</th><th>Value</th><th>Kind</th><th>Times</th></tr></thead><tbody>");
        for (Anonymised.Replacement r : a.replacements()) {
            b.append("<tr><td>")
                    .append(Html.esc(r.placeholder()))
                    .append("</td><td>")
                    .append(Html.esc(r.value()))
                    .append("</td><td>")
                    .append(r.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append("</td><td>")
                    .append(r.count())
                    .append("</td></tr>");
        }
        b.append("</tbody></table><p>Never shared: ")
                .append(Html.esc(
                        a.withheld().isEmpty() ? "(no internal field is filled)" : String.join(", ", a.withheld())))
                .append(", and the reporter.</p><h2>Share this form</h2>");
        b.append(exportForm(ctx, s, opts, true));
        b.append(publishForm(ctx, s, opts));
        ctx.html(frame.render(ctx, "Anonymised " + s.label(), "", b.toString(), List.of()));
    }

    /** {@code POST /incidents/{id}/export}: the download; audited. */
    public void export(Context ctx) {
        boolean anonymised = ctx.formParam("anonymised") != null;
        Options o = IncidentApi.options(
                ctx.formParam("coarsen"),
                split(Optional.ofNullable(ctx.formParam("names")).orElse("")),
                ctx.formParam("target_as"),
                ctx.formParam("actor_as"),
                false);
        User u = Authenticator.caller(ctx).user().orElseThrow();
        IncidentApi.Document d = api.share(
                IncidentApi.id(ctx),
                Optional.ofNullable(ctx.formParam("format")).orElse("yaml"),
                anonymised,
                Optional.ofNullable(ctx.formParam("tlp")).filter(t -> !t.isBlank()),
                o,
                u.name(),
                kb());
        ctx.contentType(d.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
                .result(d.text().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The form that publishes the anonymised form to one of this server's TAXII collections the caller may write;
     * nothing when there is none.
     */
    private String publishForm(Context ctx, StoredIncident s, Map<String, String> options) {
        if (Authenticator.caller(ctx).user().isEmpty()) {
            return "";
        }
        List<TeamCollection> collections = taxii.teamCollections(TaxiiRoutes.requester(ctx));
        if (collections.isEmpty()) {
            return "<p>No TAXII collection of this server is open to you; an admin makes one (docs/taxii.md).</p>";
        }
        StringBuilder b = new StringBuilder("<h2>Publish to a TAXII collection</h2>")
                .append("<form method=\"post\" class=\"inline\" action=\"/incidents/")
                .append(s.id())
                .append("/publish\">")
                .append(csrf(ctx));
        options.forEach((k, v) -> b.append("<input type=\"hidden\" name=\"")
                .append(Html.esc(k))
                .append("\" value=\"")
                .append(Html.esc(v))
                .append("\">"));
        b.append("<label for=\"publish-collection\">Collection</label>")
                .append("<select id=\"publish-collection\" name=\"collection\">");
        for (TeamCollection c : collections) {
            b.append("<option value=\"")
                    .append(Html.esc(c.id()))
                    .append("\">")
                    .append(Html.esc(
                            c.title() + c.alias().map(a -> " (" + a + ")").orElse("")))
                    .append("</option>");
        }
        b.append("</select><label for=\"publish-tlp\">TLP</label>")
                .append(sel(
                                "tlp",
                                Arrays.stream(Tlp.values()).map(Tlp::label).toList(),
                                s.incident().tlp().label(),
                                "")
                        .replace("<select id=\"tlp\" name=\"tlp\"", "<select id=\"publish-tlp\" name=\"tlp\""))
                .append(" <button type=\"submit\">Publish the anonymised form</button></form>");
        return b.toString();
    }

    /**
     * {@code POST /incidents/{id}/publish}: the anonymised case study as a STIX bundle into one of this server's TAXII
     * collections (the TAXII service checks the caller may write it); the share is audited.
     */
    public void publish(Context ctx) {
        Options o = IncidentApi.options(
                ctx.formParam("coarsen"),
                split(Optional.ofNullable(ctx.formParam("names")).orElse("")),
                ctx.formParam("target_as"),
                ctx.formParam("actor_as"),
                false);
        String collection = Optional.ofNullable(ctx.formParam("collection"))
                .filter(c -> !c.isBlank())
                .orElseThrow(() -> new BadInputException("collection: choose the TAXII collection to publish to"));
        User u = Authenticator.caller(ctx).user().orElseThrow();
        long id = IncidentApi.id(ctx);
        Requester who = TaxiiRoutes.requester(ctx);
        JsonNode[] status = new JsonNode[1];
        api.share(
                id,
                "stix",
                true,
                Optional.ofNullable(ctx.formParam("tlp")).filter(t -> !t.isBlank()),
                o,
                u.name(),
                kb(),
                "published to the TAXII collection " + collection,
                d -> {
                    Answer answer = taxii.add(
                            TaxiiService.TEAM_ROOT, collection, d.text().getBytes(StandardCharsets.UTF_8), who);
                    status[0] = answer.body().orElseThrow();
                    if (status[0].path("success_count").asInt() == 0) {
                        throw new BadInputException("collection " + collection + " took none of the objects: "
                                + status[0]
                                        .path("failures")
                                        .path(0)
                                        .path("message")
                                        .asText("no reason given"));
                    }
                });
        JsonNode st = status[0];
        StoredIncident s = db.incidents().get(id);
        StringBuilder b = new StringBuilder("<h1>Published ")
                .append(Html.esc(s.label()))
                .append("</h1><p>")
                .append(st.path("success_count").asInt())
                .append(" of ")
                .append(st.path("total_count").asInt())
                .append(" STIX object(s) of the anonymised form were added to the collection <code>")
                .append(Html.esc(collection))
                .append("</code> (TAXII API root <code>/taxii2/")
                .append(TaxiiService.TEAM_ROOT)
                .append("/</code>); the share is in the audit log.</p>");
        for (JsonNode f : st.path("failures")) {
            b.append("<p class=\"error\">Refused ")
                    .append(Html.esc(f.path("id").asText()))
                    .append(": ")
                    .append(Html.esc(f.path("message").asText()))
                    .append("</p>");
        }
        b.append("<p><a href=\"/incidents/").append(s.id()).append("\">Back to the incident</a></p>");
        ctx.html(frame.render(ctx, "Published " + s.label(), "", b.toString(), List.of()));
    }

    /** {@code GET /risk}: the search page. */
    public void search(Context ctx) {
        KnowledgeBase kb = kb();
        RiskQuery q = IncidentApi.query(ctx);
        boolean team = api.teamReader(ctx);
        if (!team) {
            java.util.Set<String> src = new java.util.HashSet<>(
                    q.sources().isEmpty() ? java.util.Set.of("atlas", "avid", "aiid") : q.sources());
            src.remove("team");
            q = q.withSources(src.isEmpty() ? java.util.Set.of("none") : src);
        }
        RiskResults r = api.risk().index(kb).search(q);
        StringBuilder b = new StringBuilder("<h1>AI risk database</h1><form method=\"get\" action=\"/risk\" "
                        + "class=\"search\"><label for=\"q\">Search</label><input id=\"q\" name=\"q\" value=\"")
                .append(Html.esc(q.text()))
                .append("\" placeholder=\"words or a technique ID\"><label for=\"technique\">"
                        + "Technique</label><input id=\"technique\" name=\"technique\" value=\"")
                .append(Html.esc(q.technique().map(AtlasId::value).orElse("")))
                .append("\" placeholder=\"AML.T0051\"><button type=\"submit\">Search</button></form>");
        b.append("<p>")
                .append(r.total())
                .append(" record(s) from ATLAS case studies, AVID, AIID (when imported)")
                .append(team ? " and the team's incidents" : "")
                .append(".</p>");
        b.append("<div class=\"facets\">");
        for (Map.Entry<String, Map<String, Integer>> f : r.facets().entrySet()) {
            if (f.getValue().isEmpty()) {
                continue;
            }
            b.append("<section><h2>").append(Html.esc(f.getKey())).append("</h2><ul>");
            f.getValue().entrySet().stream()
                    .limit(12)
                    .forEach(e -> b.append("<li>")
                            .append(facetLink(ctx, f.getKey(), e.getKey(), kb))
                            .append(" <span class=\"muted\">")
                            .append(e.getValue())
                            .append("</span></li>"));
            b.append("</ul></section>");
        }
        b.append("</div><ol class=\"hits\" id=\"hits\">");
        for (RiskHit h : r.hits()) {
            hit(b, h, kb);
        }
        b.append("</ol>");
        ctx.html(frame.render(ctx, "AI risk database", kb.version(), b.toString(), List.of()));
    }

    private static String facetLink(Context ctx, String facet, String value, KnowledgeBase kb) {
        String param = switch (facet) {
            case "technique" -> "technique";
            case "tactic" -> "tactic";
            case "maturity" -> "maturity";
            case "source" -> "source";
            case "system" -> "system";
            default -> "";
        };
        String label = value + kb.find(value).map(o -> " " + kb.displayName(o)).orElse("");
        if (param.isEmpty()) {
            return Html.esc(label);
        }
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        return "<a href=\"/risk?q=" + Html.url(q) + "&amp;" + param + "=" + Html.url(value) + "\">" + Html.esc(label)
                + "</a>";
    }

    static void hit(StringBuilder b, RiskHit h, KnowledgeBase kb) {
        var rec = h.record();
        b.append("<li class=\"hit\"><p><span class=\"source\">")
                .append(Html.esc(rec.source()))
                .append("</span> ");
        String title = rec.key() + ": " + rec.title();
        Optional<String> href = rec.url().startsWith("/") ? Html.sitePath(rec.url()) : Html.safeHref(rec.url());
        b.append(href.map(u -> "<a href=\"" + Html.esc(u) + "\">" + Html.esc(title) + "</a>")
                .orElse(Html.esc(title)));
        rec.date().ifPresent(d -> b.append(" <span class=\"muted\">").append(d).append("</span>"));
        b.append("</p><p class=\"muted\">ATLAS mapping: <strong>")
                .append(h.mapping())
                .append("</strong> · licence: ")
                .append(Html.esc(rec.licence()))
                .append("</p><ul class=\"techniques\">");
        for (Suggestion s : rec.techniques().stream().limit(8).toList()) {
            b.append("<li><a href=\"/techniques/")
                    .append(Html.esc(s.technique().value()))
                    .append("\"><code class=\"risk-id\">")
                    .append(Html.esc(s.technique().value()))
                    .append("</code> ")
                    .append(Html.esc(
                            kb.technique(s.technique()).map(kb::displayName).orElse("")))
                    .append("</a> <span ")
                    .append("class=\"basis basis-")
                    .append(s.basis().label())
                    .append("\" title=\"")
                    .append(Html.esc(s.reason()))
                    .append("\">")
                    .append(s.basis().label())
                    .append("</span></li>");
        }
        b.append("</ul></li>");
    }

    /**
     * The "what is known" section of a technique's page: public reports and the team's incidents (for team readers)
     * that involve it, with a link to all of them. Whatever release the page shows, the section searches the
     * server's default release's index.
     */
    public String known(Context ctx, KnowledgeBase kb, AtlasId technique) {
        try {
            return knownSection(ctx, technique);
        } catch (RuntimeException e) {
            // the page is ATLAS's first: it is served even when the team database or a source cannot be read
            org.slf4j.LoggerFactory.getLogger(IncidentPages.class).warn("the risk database is unavailable", e);
            return "<section id=\"known\"><h2>What is known</h2><p class=\"none\">The AI risk database cannot be "
                    + "read right now; the server log says why.</p></section>";
        }
    }

    private String knownSection(Context ctx, AtlasId technique) {
        // one index for every release's pages: technique IDs are stable, and reading AVID per release costs seconds
        KnowledgeBase kb = kb();
        Optional<RiskIndex> ready = api.risk().ifReady(kb);
        if (ready.isEmpty()) {
            return "<section id=\"known\"><h2>What is known</h2><p class=\"none\">The AI risk database is still being "
                    + "read (it takes a few seconds after the server starts): reload the page to see the public reports"
                    + " and incidents on this technique, or <a href=\"/risk?technique=" + Html.url(technique.value())
                    + "\">search it</a>.</p></section>";
        }
        RiskIndex index = ready.get();
        RiskQuery q = RiskQuery.of("").withTechnique(technique).withLimit(8);
        boolean team = api.teamReader(ctx);
        RiskResults all =
                index.search(q.withSources(team ? java.util.Set.of() : java.util.Set.of("atlas", "avid", "aiid")));
        StringBuilder b = new StringBuilder("<section id=\"known\"><h2>What is known (")
                .append(all.total())
                .append(")</h2><p class=\"muted\">By source: ");
        b.append(Html.esc(all.facets().getOrDefault("source", Map.of()).toString()))
                .append(". ")
                .append("<a href=\"/risk?technique=")
                .append(Html.url(technique.value()))
                .append("\">All of it in the AI risk database</a>.</p>");
        for (String source : team ? List.of("avid", "aiid", "team") : List.of("avid", "aiid")) {
            RiskResults r = index.search(q.withSources(java.util.Set.of(source)));
            if (r.total() == 0) {
                continue;
            }
            b.append("<h3>")
                    .append(
                            switch (source) {
                                case "avid" -> "AVID reports";
                                case "aiid" -> "AI Incident Database";
                                default -> "Team incidents";
                            })
                    .append(" (")
                    .append(r.total())
                    .append(")</h3><ol class=\"hits\">");
            r.hits().forEach(h -> hit(b, h, kb));
            b.append("</ol>");
        }
        return b.append("</section>").toString();
    }
}
