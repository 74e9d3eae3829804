package org.atlasops.server.assess;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.assess.inventory.Attribute;
import org.atlasops.assess.inventory.CosaiComponents;
import org.atlasops.assess.inventory.InventoryProblem;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.ModelSource;
import org.atlasops.assess.inventory.UntrustedContent;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.atlasops.store.Role;
import org.atlasops.store.StoredInventory;

/**
 * The inventory editor ({@code /assess/inventories}): the team's saved inventories, a form for one (components in
 * CoSAI's vocabulary, the attributes threats depend on, edges, tools and MCP servers, mitigations), its YAML for import
 * and export, and one click from a saved inventory to its threat model and coverage. The form works without script;
 * {@code inventory-editor.js} only adds rows in place. What the reader finds wrong is shown beside the field it names.
 */
public final class InventoryPages {
    /** Blank rows under every list of the form: room to add without script. */
    static final int ROOM = 2;

    private static final String BASE = "/assess/inventories";
    /** Inventories per page of the list. */
    static final int PAGE = 100;

    private static final String MODULE = "inventory-editor.js";

    private final InventoryApi api;
    private final Frame frame;

    public InventoryPages(InventoryApi api, Frame frame) {
        this.api = api;
        this.frame = frame;
    }

    /** {@code GET /assess/inventories}. */
    public void list(Context ctx) {
        list(ctx, 200, List.of());
    }

    private void list(Context ctx, int status, List<String> errors) {
        int offset = offset(ctx);
        long total = api.db().inventories().count();
        List<StoredInventory> all = api.db().inventories().list(offset, PAGE);
        boolean editor = editor(ctx);
        StringBuilder b = new StringBuilder("<div class=\"page-head\"><div><h1>AI system inventories</h1>"
                + "<p class=\"muted\">The team's AI systems as the threat model reads them (docs/assess.md). Open one "
                + "to edit it, see its YAML or run its threat model and coverage.</p></div>");
        if (editor) {
            b.append("<p><a class=\"button\" id=\"new-inventory\" href=\"" + BASE + "/new\">New inventory</a></p>");
        }
        b.append("</div>");
        errors(b, errors);
        if (all.isEmpty()) {
            b.append("<p class=\"none\">No inventory saved yet.</p>");
        } else {
            b.append("<table class=\"plain\" id=\"inventory-list\"><thead><tr><th>System</th><th>Id</th>"
                    + "<th>Revision</th><th>Changed by</th><th>Changed</th></tr></thead><tbody>");
            for (StoredInventory s : all) {
                b.append("<tr><td><a href=\"")
                        .append(path(s.systemId()))
                        .append("\">")
                        .append(Html.esc(s.name()))
                        .append("</a></td><td><code>")
                        .append(Html.esc(s.systemId()))
                        .append("</code></td><td>")
                        .append(s.revision())
                        .append("</td><td>")
                        .append(Html.esc(s.updatedBy()))
                        .append("</td><td>")
                        .append(s.updatedAt())
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        paging(b, offset, all.size(), total);
        if (editor) {
            b.append("<h2>Import</h2><form id=\"import-form\" method=\"post\" action=\"" + BASE
                            + "/import\" enctype=\"multipart/form-data\" class=\"stack\">")
                    .append(csrf(ctx))
                    .append(
                            "<label>An inventory file (YAML or JSON, as <code>atlas-ops assess inventory validate</code>"
                                    + " reads it) <input type=\"file\" name=\"file\" accept=\".yaml,.yml,.json\"></label>"
                                    + "<label>or paste it<textarea name=\"yaml\" rows=\"8\" cols=\"80\" spellcheck=\"false\">"
                                    + "</textarea></label><div><button type=\"submit\">Import</button></div></form>");
        }
        b.append("<p class=\"muted\">The same over the API: <code>/api/v1/assess/inventories</code> "
                + "(<a href=\"/api\">API</a>).</p>");
        ctx.status(status);
        ctx.html(frame.render(ctx, "AI system inventories", "", b.toString(), List.of()));
    }

    /** Where the list starts ({@code ?offset=}); a page is {@link #PAGE} inventories, newest change first. */
    private static int offset(Context ctx) {
        String t = ctx.queryParam("offset");
        if (t == null || t.isBlank()) {
            return 0;
        }
        try {
            int o = Integer.parseInt(t.strip());
            if (o >= 0) {
                return o;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw Problem.badRequest("offset: '" + t + "' is not a count of inventories to skip; give 0 or more");
    }

    /** Which of how many the page shows, with links to the pages before and after. */
    private static void paging(StringBuilder b, int offset, int shown, long total) {
        if (offset == 0 && shown >= total) {
            return;
        }
        b.append("<p class=\"muted\" id=\"inventory-paging\">")
                .append(shown == 0 ? "None" : "Inventories " + (offset + 1) + "–" + (offset + shown))
                .append(" of ")
                .append(total);
        if (offset > 0) {
            b.append(" · <a href=\"" + BASE + "?offset=")
                    .append(Math.max(0, offset - PAGE))
                    .append("\" rel=\"prev\">newer</a>");
        }
        if (offset + shown < total) {
            b.append(" · <a href=\"" + BASE + "?offset=").append(offset + shown).append("\" rel=\"next\">older</a>");
        }
        b.append("</p>");
    }

    /** {@code GET /assess/inventories/new}. */
    public void newForm(Context ctx) {
        editor(ctx, 200, Optional.empty(), InventoryForm.empty().withRoom(ROOM), Map.of(), List.of(), "");
    }

    /** {@code POST /assess/inventories}: the form of a new inventory. */
    public void create(Context ctx) {
        submit(ctx, Optional.empty());
    }

    /** {@code GET /assess/inventories/{id}}. */
    public void show(Context ctx) {
        StoredInventory s = api.db().inventories().get(ctx.pathParam("id"));
        String notice = ctx.queryParam("saved") == null ? "" : "Saved revision " + s.revision() + ".";
        editor(ctx, 200, Optional.of(s), InventoryForm.fromText(s.yaml()).withRoom(ROOM), Map.of(), List.of(), notice);
    }

    /** {@code POST /assess/inventories/{id}}: the form of a saved inventory. */
    public void update(Context ctx) {
        submit(ctx, Optional.of(api.db().inventories().get(ctx.pathParam("id"))));
    }

    private void submit(Context ctx, Optional<StoredInventory> saved) {
        InventoryForm form = InventoryForm.fromParams(ctx.formParamMap());
        if ("more".equals(ctx.formParam("action"))) {
            editor(ctx, 200, saved, form.withRoom(ROOM + 3), Map.of(), List.of(), "");
            return;
        }
        String yaml = form.yaml();
        // as every other way in (Assessor.inventory): the form can grow an inventory past the limit too
        if (yaml.getBytes(StandardCharsets.UTF_8).length > Assessor.MAX_INVENTORY) {
            editor(
                    ctx,
                    ProblemType.TOO_LARGE.status(),
                    saved,
                    form.withRoom(ROOM),
                    Map.of("", List.of(Assessor.tooLarge("the inventory").detail())),
                    List.of(),
                    "");
            return;
        }
        KnowledgeBase kb = api.kb();
        InventoryReader.Result r = InventoryReader.read(yaml.getBytes(StandardCharsets.UTF_8), "inventory", kb);
        if (!r.problems().isEmpty()) {
            Map<String, List<String>> byField = new LinkedHashMap<>();
            for (InventoryProblem p : r.problems()) {
                byField.computeIfAbsent(p.field(), f -> new ArrayList<>()).add(p.message());
            }
            editor(ctx, 400, saved, form.withRoom(ROOM), byField, List.of(), "");
            return;
        }
        try {
            StoredInventory s = api.save(
                    new InventoryApi.Checked(r.orThrow(), yaml),
                    saved.map(StoredInventory::systemId),
                    basedOn(ctx),
                    InventoryApi.actor(ctx));
            ctx.redirect(path(s.systemId()) + "?saved=1", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ConflictException | Problem e) {
            if (e instanceof Problem p && p.type() != ProblemType.BAD_REQUEST) {
                throw p;
            }
            String field = saved.isEmpty() || e.getMessage().startsWith("id:") ? "id" : "";
            int status = e instanceof Problem p ? p.status() : 409;
            editor(
                    ctx,
                    status,
                    saved,
                    form.withRoom(ROOM),
                    Map.of(field, List.of(strip(e.getMessage()))),
                    List.of(),
                    "");
        }
    }

    private static String strip(String message) {
        return message.startsWith("id: ") ? message.substring(4) : message;
    }

    /** {@code POST /assess/inventories/{id}/yaml}: the YAML view of a saved inventory, pasted or uploaded. */
    public void saveYaml(Context ctx) {
        StoredInventory saved = api.db().inventories().get(ctx.pathParam("id"));
        Input in = input(ctx);
        try {
            InventoryApi.Checked c = api.check(in.bytes(), in.file(), true);
            api.save(c, Optional.of(saved.systemId()), basedOn(ctx), InventoryApi.actor(ctx));
            ctx.redirect(path(saved.systemId()) + "?saved=1", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (Problem | ConflictException e) {
            if (e instanceof Problem p
                    && p.type() != ProblemType.INVALID_INVENTORY
                    && p.type() != ProblemType.TOO_LARGE
                    && p.type() != ProblemType.BAD_REQUEST) {
                throw p;
            }
            int status = e instanceof Problem p ? p.status() : 409;
            String text =
                    in.bytes().length > Assessor.MAX_INVENTORY ? "" : new String(in.bytes(), StandardCharsets.UTF_8);
            editorWithYaml(ctx, status, saved, text, lines(e.getMessage(), in.file()));
        }
    }

    /** {@code POST /assess/inventories/import}: a new inventory from a file or pasted text. */
    public void importFile(Context ctx) {
        Input in = input(ctx);
        try {
            InventoryApi.Checked c = api.check(in.bytes(), in.file(), !in.file().endsWith(".json"));
            StoredInventory s = api.save(c, Optional.empty(), Optional.empty(), InventoryApi.actor(ctx));
            ctx.redirect(path(s.systemId()) + "?saved=1", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (Problem | ConflictException e) {
            if (e instanceof Problem p
                    && p.type() != ProblemType.INVALID_INVENTORY
                    && p.type() != ProblemType.TOO_LARGE
                    && p.type() != ProblemType.BAD_REQUEST) {
                throw p;
            }
            list(ctx, e instanceof Problem p ? p.status() : 409, lines(e.getMessage(), in.file()));
        }
    }

    /** {@code GET /assess/inventories/{id}/yaml}: the saved YAML as a file the CLI reads. */
    public void download(Context ctx) {
        InventoryApi.yamlFile(ctx, api.db().inventories().get(ctx.pathParam("id")));
    }

    /** {@code POST /assess/inventories/{id}/delete}. */
    public void delete(Context ctx) {
        api.db().inventories().delete(ctx.pathParam("id"), InventoryApi.actor(ctx));
        ctx.redirect(BASE, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private record Input(byte[] bytes, String file) {}

    /** The uploaded file when one was chosen, else the pasted text. */
    private static Input input(Context ctx) {
        UploadedFile f = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
        if (f != null && f.size() > 0) {
            try (InputStream s = f.content()) {
                String name = f.filename() == null || f.filename().isBlank() ? "upload" : f.filename();
                return new Input(s.readNBytes(Assessor.MAX_INVENTORY + 1), name);
            } catch (IOException e) {
                throw Problem.badRequest("the uploaded file could not be read: " + e.getMessage());
            }
        }
        String text = ctx.formParam("yaml");
        return new Input((text == null ? "" : text).getBytes(StandardCharsets.UTF_8), "inventory.yaml");
    }

    /** A problem's detail as one line per flaw ("file:line:col: field: message"). */
    private static List<String> lines(String detail, String file) {
        return List.of(detail.split("; (?=" + java.util.regex.Pattern.quote(file) + ":)"));
    }

    /**
     * The revision a re-shown form stands on: after a refused save, the one the user posted, so a second Save is
     * refused too until they reload and see the other change (never silently the other user's newer revision).
     */
    private static int shownBase(Context ctx, StoredInventory s) {
        return "POST".equals(ctx.method().name()) ? basedOn(ctx).orElse(s.revision()) : s.revision();
    }

    private static Optional<Integer> basedOn(Context ctx) {
        String t = ctx.formParam("based_on");
        if (t == null || t.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(t.strip()));
        } catch (NumberFormatException e) {
            throw Problem.badRequest("based_on: '" + t + "' is not a revision number");
        }
    }

    private static boolean editor(Context ctx) {
        return Authenticator.caller(ctx)
                .user()
                .map(u -> u.role().allows(Role.ANALYST))
                .orElse(false);
    }

    private static String csrf(Context ctx) {
        return Html.csrfInput(Authenticator.csrfToken(ctx));
    }

    private static String path(String systemId) {
        return BASE + "/" + Html.url(systemId);
    }

    private static void errors(StringBuilder b, List<String> errors) {
        if (errors.isEmpty()) {
            return;
        }
        b.append("<div class=\"error\" role=\"alert\"><p>The inventory was not saved:</p><ul>");
        errors.forEach(e -> b.append("<li><code>").append(Html.esc(e)).append("</code></li>"));
        b.append("</ul></div>");
    }

    private void editorWithYaml(Context ctx, int status, StoredInventory s, String yaml, List<String> errors) {
        render(
                ctx,
                status,
                Optional.of(s),
                InventoryForm.fromText(s.yaml()).withRoom(ROOM),
                Map.of(),
                yaml,
                errors,
                "");
    }

    private void editor(
            Context ctx,
            int status,
            Optional<StoredInventory> saved,
            InventoryForm form,
            Map<String, List<String>> problems,
            List<String> yamlErrors,
            String notice) {
        render(
                ctx,
                status,
                saved,
                form,
                problems,
                saved.map(StoredInventory::yaml).orElse(""),
                yamlErrors,
                notice);
    }

    private void render(
            Context ctx,
            int status,
            Optional<StoredInventory> saved,
            InventoryForm form,
            Map<String, List<String>> problems,
            String yaml,
            List<String> yamlErrors,
            String notice) {
        KnowledgeBase kb = api.kb();
        boolean editor = editor(ctx);
        String title = saved.map(s -> "Inventory: " + s.name()).orElse("New inventory");
        StringBuilder b = new StringBuilder("<h1>").append(Html.esc(title)).append("</h1>");
        saved.ifPresent(s -> b.append("<p class=\"muted\" id=\"inventory-meta\"><code>")
                .append(Html.esc(s.systemId()))
                .append("</code> · revision ")
                .append(s.revision())
                .append(" · changed by ")
                .append(Html.esc(s.updatedBy()))
                .append(" at ")
                .append(s.updatedAt())
                .append(" · created by ")
                .append(Html.esc(s.createdBy()))
                .append(" at ")
                .append(s.createdAt())
                .append("</p>"));
        if (!notice.isEmpty()) {
            b.append("<p class=\"note\" role=\"status\">")
                    .append(Html.esc(notice))
                    .append("</p>");
        }
        saved.ifPresent(s -> actions(b, ctx, s, kb, editor));
        if (!problems.isEmpty()) {
            b.append("<div class=\"error\" role=\"alert\" id=\"inventory-problems\"><p>The inventory was not saved; "
                    + "each flaw is also shown beside its field:</p><ul>");
            problems.forEach((field, messages) -> messages.forEach(m -> b.append("<li>")
                    .append(field.isEmpty() ? "" : "<code>" + Html.esc(field) + "</code>: ")
                    .append(Html.esc(m))
                    .append("</li>")));
            b.append("</ul></div>");
        }
        Fields f = new Fields(problems);
        b.append("<form id=\"inventory-form\" class=\"stack inventory-form\" method=\"post\" action=\"")
                .append(saved.map(s -> path(s.systemId())).orElse(BASE))
                .append("\">")
                .append(csrf(ctx));
        saved.ifPresent(s -> b.append("<input type=\"hidden\" name=\"based_on\" value=\"")
                .append(shownBase(ctx, s))
                .append("\">"));
        b.append(editor ? "<fieldset class=\"plain-fieldset\">" : "<fieldset class=\"plain-fieldset\" disabled>");
        b.append("<fieldset><legend>System</legend>");
        b.append(f.text(
                "id", "Id (letters, digits, . _ -; it names the saved inventory)", form.id(), saved.isPresent()));
        b.append(f.text("name", "Name", form.name(), false));
        b.append(f.area("description", "Description", form.description()));
        b.append(f.text("owner", "Owner", form.owner(), false));
        b.append(f.select(
                "exposure",
                "Exposure: " + Attribute.EXPOSURE.description(),
                List.of(option("public", "public"), option("internal", "internal")),
                form.exposure()));
        b.append("<fieldset><legend>Untrusted content the model reads</legend>");
        for (UntrustedContent u : UntrustedContent.values()) {
            b.append(f.check(
                    "untrusted-content",
                    u.key(),
                    u.key(),
                    form.untrustedContent().contains(u.key())));
        }
        b.append(f.errorsOf("untrusted-content")).append("</fieldset>");
        List<String[]> sources = new ArrayList<>();
        sources.add(option("", "unknown"));
        for (ModelSource m : ModelSource.values()) {
            sources.add(option(m.key(), m.key()));
        }
        b.append(f.select(
                "model-source", "Model source: " + Attribute.MODEL_SOURCE.description(), sources, form.modelSource()));
        b.append(f.check("rag", "true", "RAG: " + Attribute.RAG.description(), form.rag()));
        b.append(f.check("fine-tuned", "true", "Fine-tuned: " + Attribute.FINE_TUNED.description(), form.fineTuned()));
        b.append(f.check(
                "trained-on-user-data",
                "true",
                "Trained on user data: " + Attribute.TRAINED_ON_USER_DATA.description(),
                form.trainedOnUserData()));
        b.append(f.check(
                "code-execution",
                "true",
                "Code execution: " + Attribute.CODE_EXECUTION.description(),
                form.codeExecution()));
        b.append(f.check(
                "holds-secrets",
                "true",
                "Holds secrets: " + Attribute.HOLDS_SECRETS.description(),
                form.holdsSecrets()));
        b.append(f.check("model-api", "true", "Model API: " + Attribute.MODEL_API.description(), form.modelApi()));
        b.append(f.check("on-device", "true", "On device: " + Attribute.ON_DEVICE.description(), form.onDevice()));
        b.append("</fieldset>");

        List<String[]> types = new ArrayList<>();
        types.add(option("", "(choose a CoSAI component)"));
        CosaiComponents.all()
                .forEach(c -> types.add(option(c.id(), CosaiComponents.title(c.id()) + " (" + c.id() + ")")));
        b.append("<fieldset data-rows=\"components\"><legend>Components (CoSAI Risk Map)</legend>")
                .append("<table class=\"plain rows\"><thead><tr><th>Component</th><th>Your name for it</th>"
                        + "<th>Description</th></tr></thead><tbody>");
        for (int i = 0; i < form.components().size(); i++) {
            InventoryForm.ComponentRow c = form.components().get(i);
            String p = InventoryForm.COMPONENTS + "[" + i + "]";
            b.append("<tr>")
                    .append(f.cellSelect(p + ".type", "Component " + (i + 1), types, c.type()))
                    .append(f.cellText(p + ".name", "Name of component " + (i + 1), c.name(), ""))
                    .append(f.cellText(p + ".description", "Description of component " + (i + 1), c.description(), ""))
                    .append(f.rowErrors(p, 3))
                    .append("</tr>");
        }
        b.append("</tbody></table>")
                .append(f.errorsOf(InventoryForm.COMPONENTS))
                .append("</fieldset>");

        b.append("<datalist id=\"component-names\">");
        form.edgeEnds()
                .forEach(e -> b.append("<option value=\"").append(Html.esc(e)).append("\">"));
        b.append("</datalist><fieldset data-rows=\"edges\"><legend>Edges (how data and calls flow between the "
                        + "components, by name)</legend>")
                .append("<table class=\"plain rows\"><thead><tr><th>From</th><th>To</th></tr></thead><tbody>");
        for (int i = 0; i < form.edges().size(); i++) {
            InventoryForm.EdgeRow e = form.edges().get(i);
            String p = InventoryForm.EDGES + "[" + i + "]";
            b.append("<tr>")
                    .append(f.cellText(p + ".from", "Edge " + (i + 1) + " from", e.from(), "component-names"))
                    .append(f.cellText(p + ".to", "Edge " + (i + 1) + " to", e.to(), "component-names"))
                    .append(f.rowErrors(p, 2))
                    .append("</tr>");
        }
        b.append("</tbody></table>").append(f.errorsOf(InventoryForm.EDGES)).append("</fieldset>");

        b.append("<fieldset><legend>Agent: " + Attribute.AGENT.description() + "</legend>")
                .append(f.errorsOf("agent"));
        tools(b, f, InventoryForm.TOOLS, "Tools", "tool", form.tools());
        tools(b, f, InventoryForm.MCP_SERVERS, "MCP servers", "MCP server", form.mcpServers());
        b.append("</fieldset>");

        b.append("<datalist id=\"atlas-mitigations\">");
        kb.mitigations()
                .forEach(m -> b.append("<option value=\"")
                        .append(Html.esc(m.id().value()))
                        .append("\">")
                        .append(Html.esc(m.name()))
                        .append("</option>"));
        b.append("</datalist><fieldset data-rows=\"mitigations\"><legend>ATLAS mitigations in place (ATLAS ")
                .append(Html.esc(kb.version()))
                .append(")</legend><table class=\"plain rows\"><thead><tr><th>Mitigation ID</th><th>How</th></tr>"
                        + "</thead><tbody>");
        for (int i = 0; i < form.mitigations().size(); i++) {
            InventoryForm.MitigationRow m = form.mitigations().get(i);
            String p = InventoryForm.MITIGATIONS + "[" + i + "]";
            b.append("<tr>")
                    .append(f.cellText(p + ".id", "Mitigation " + (i + 1), m.id(), "atlas-mitigations"))
                    .append(f.cellText(p + ".note", "How mitigation " + (i + 1) + " is in place", m.note(), ""))
                    .append(f.rowErrors(p, 2))
                    .append("</tr>");
        }
        b.append("</tbody></table>")
                .append(f.errorsOf(InventoryForm.MITIGATIONS))
                .append("</fieldset>");
        if (editor) {
            b.append("<div class=\"inline\"><button type=\"submit\" id=\"save-inventory\">Save</button> "
                    + "<button type=\"submit\" name=\"action\" value=\"more\" id=\"more-rows\" class=\"link\">"
                    + "More rows</button></div>");
        }
        b.append("</fieldset></form>");
        saved.ifPresent(s -> yamlView(b, ctx, s, yaml, yamlErrors, editor));
        ctx.status(status);
        ctx.html(frame.render(ctx, title, kb.version(), b.toString(), List.of(MODULE)));
    }

    private static void tools(
            StringBuilder b, Fields f, String list, String legend, String what, List<InventoryForm.ToolRow> rows) {
        List<String[]> sides = List.of(
                option("", "(say whether it changes anything)"),
                option("false", "no: it only reads"),
                option("true", "yes: writes, sends, deletes or pays"));
        b.append("<fieldset data-rows=\"")
                .append(Html.esc(list))
                .append("\"><legend>")
                .append(Html.esc(legend))
                .append("</legend><table class=\"plain rows\"><thead><tr><th>Name</th><th>Side effects</th>"
                        + "<th>Description</th></tr></thead><tbody>");
        for (int i = 0; i < rows.size(); i++) {
            InventoryForm.ToolRow t = rows.get(i);
            String p = list + "[" + i + "]";
            String n = what + " " + (i + 1);
            b.append("<tr>")
                    .append(f.cellText(p + ".name", "Name of " + n, t.name(), ""))
                    .append(f.cellSelect(p + ".side-effects", "Side effects of " + n, sides, t.sideEffects()))
                    .append(f.cellText(p + ".description", "Description of " + n, t.description(), ""))
                    .append(f.rowErrors(p, 3))
                    .append("</tr>");
        }
        b.append("</tbody></table>").append(f.errorsOf(list)).append("</fieldset>");
    }

    private static String[] option(String value, String label) {
        return new String[] {value, label};
    }

    /** Threat model and coverage of the saved inventory (the assess pages, given its YAML), download, delete. */
    private static void actions(StringBuilder b, Context ctx, StoredInventory s, KnowledgeBase kb, boolean editor) {
        b.append("<div class=\"inline inventory-actions\">");
        for (String[] a : List.of(
                new String[] {"/assess/model", "Threat model", "run-threat-model"},
                new String[] {"/assess/coverage", "Coverage", "run-coverage"})) {
            b.append("<form method=\"post\" class=\"inline\" action=\"")
                    .append(a[0])
                    .append("\"><input type=\"hidden\" name=\"release\" value=\"")
                    .append(Html.esc(kb.version()))
                    .append("\"><input type=\"hidden\" name=\"inventory\" value=\"")
                    .append(Html.esc(s.yaml()))
                    .append("\"><button type=\"submit\" id=\"")
                    .append(a[2])
                    .append("\">")
                    .append(a[1])
                    .append("</button></form>");
        }
        b.append("<a class=\"button\" id=\"download-yaml\" href=\"")
                .append(path(s.systemId()))
                .append("/yaml\" download>Download YAML</a>");
        if (editor) {
            b.append("<form method=\"post\" class=\"inline\" action=\"")
                    .append(path(s.systemId()))
                    .append("/delete\">")
                    .append(csrf(ctx))
                    .append("<button type=\"submit\" class=\"danger\" id=\"delete-inventory\">Delete</button></form>");
        }
        b.append("</div>");
    }

    private static void yamlView(
            StringBuilder b, Context ctx, StoredInventory s, String yaml, List<String> errors, boolean editor) {
        b.append("<details id=\"yaml-view\"")
                .append(errors.isEmpty() ? "" : " open")
                .append("><summary>YAML (what <code>atlas-ops assess</code> reads)</summary>");
        if (!errors.isEmpty()) {
            b.append("<div class=\"error\" role=\"alert\" id=\"yaml-problems\"><p>The YAML was not saved:</p><ul>");
            errors.forEach(e -> b.append("<li><code>").append(Html.esc(e)).append("</code></li>"));
            b.append("</ul></div>");
        }
        b.append("<form method=\"post\" action=\"")
                .append(path(s.systemId()))
                .append("/yaml\" enctype=\"multipart/form-data\" class=\"stack\">")
                .append(csrf(ctx))
                .append("<input type=\"hidden\" name=\"based_on\" value=\"")
                .append(shownBase(ctx, s))
                .append("\"><label>Inventory YAML<textarea name=\"yaml\" rows=\"24\" cols=\"90\" spellcheck=\"false\"")
                .append(editor ? "" : " readonly")
                .append(">")
                .append(Html.esc(yaml))
                .append("</textarea></label>");
        if (editor) {
            b.append("<label>or replace it with a file <input type=\"file\" name=\"file\" accept=\".yaml,.yml,.json\">"
                    + "</label><div><button type=\"submit\" id=\"save-yaml\">Save YAML</button></div>");
        }
        b.append("<p class=\"muted\">Saving from the form writes the YAML anew (comments are not kept); saving "
                + "here keeps it as written.</p></form></details>");
    }

    /** Renders the inputs with their values and the problems the reader named for them. */
    private static final class Fields {
        private final Map<String, List<String>> problems;

        Fields(Map<String, List<String>> problems) {
            this.problems = problems;
        }

        private String invalid(String field) {
            return problems.containsKey(field)
                    ? " aria-invalid=\"true\" aria-describedby=\"" + Html.esc(errorId(field)) + "\""
                    : "";
        }

        private static String errorId(String field) {
            return "error-" + field;
        }

        String errorsOf(String field) {
            List<String> messages = problems.get(field);
            if (messages == null) {
                return "";
            }
            StringBuilder b = new StringBuilder("<span class=\"field-error error\" id=\"")
                    .append(Html.esc(errorId(field)))
                    .append("\" data-field=\"")
                    .append(Html.esc(field))
                    .append("\">");
            b.append(Html.esc(String.join("; ", messages)));
            return b.append("</span>").toString();
        }

        String text(String name, String label, String value, boolean readOnly) {
            return "<label>" + Html.esc(label) + " <input type=\"text\" name=\"" + Html.esc(name) + "\" value=\""
                    + Html.esc(value) + "\"" + (readOnly ? " readonly" : "") + invalid(name) + "></label>"
                    + errorsOf(name);
        }

        String area(String name, String label, String value) {
            return "<label>" + Html.esc(label) + "<textarea name=\"" + Html.esc(name) + "\" rows=\"3\" cols=\"80\""
                    + invalid(name) + ">" + Html.esc(value) + "</textarea></label>" + errorsOf(name);
        }

        String check(String name, String value, String label, boolean checked) {
            return "<label class=\"check\"><input type=\"checkbox\" name=\"" + Html.esc(name) + "\" value=\""
                    + Html.esc(value) + "\"" + (checked ? " checked" : "") + "> " + Html.esc(label) + "</label>"
                    + ("true".equals(value) ? errorsOf(name) : "");
        }

        String select(String name, String label, List<String[]> options, String selected) {
            return "<label>" + Html.esc(label) + " " + selectHtml(name, "", options, selected) + "</label>"
                    + errorsOf(name);
        }

        private String selectHtml(String name, String aria, List<String[]> options, String selected) {
            StringBuilder b = new StringBuilder("<select name=\"")
                    .append(Html.esc(name))
                    .append('"')
                    .append(aria.isEmpty() ? "" : " aria-label=\"" + Html.esc(aria) + "\"")
                    .append(invalid(name))
                    .append('>');
            boolean found = false;
            for (String[] o : options) {
                boolean sel = o[0].equals(selected);
                found |= sel;
                b.append("<option value=\"")
                        .append(Html.esc(o[0]))
                        .append('"')
                        .append(sel ? " selected" : "")
                        .append('>')
                        .append(Html.esc(o[1]))
                        .append("</option>");
            }
            if (!found && !selected.isEmpty()) {
                // a value from an imported file or an old form: shown as it is, beside what the reader says of it
                b.append("<option value=\"")
                        .append(Html.esc(selected))
                        .append("\" selected>")
                        .append(Html.esc(selected))
                        .append(" (not in the list)</option>");
            }
            return b.append("</select>").toString();
        }

        String cellText(String name, String aria, String value, String list) {
            return "<td><input type=\"text\" name=\"" + Html.esc(name) + "\" aria-label=\"" + Html.esc(aria)
                    + "\" value=\"" + Html.esc(value) + "\"" + (list.isEmpty() ? "" : " list=\"" + list + "\"")
                    + invalid(name) + ">" + errorsOf(name) + "</td>";
        }

        String cellSelect(String name, String aria, List<String[]> options, String selected) {
            return "<td>" + selectHtml(name, aria, options, selected) + errorsOf(name) + "</td>";
        }

        /** Problems of a row as a whole ({@code edges[2]}: listed twice), under it. */
        String rowErrors(String row, int columns) {
            String e = errorsOf(row);
            return e.isEmpty() ? "" : "</tr><tr><td colspan=\"" + columns + "\">" + e + "</td>";
        }
    }
}
