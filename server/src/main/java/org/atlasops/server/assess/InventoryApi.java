package org.atlasops.server.assess;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.inventory.SystemInventory;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.web.Problem;
import org.atlasops.store.Database;
import org.atlasops.store.StoredInventory;

/**
 * The team's saved AI system inventories over HTTP ({@code /api/v1/assess/inventories}): list, create, read (JSON or
 * the YAML the CLI reads), replace and delete. Reads need a viewer, changes an analyst; every change is audited. An
 * inventory is checked by assess's {@code InventoryReader} against the server's release before it is saved, as the
 * CLI checks it, and a flawed one is an invalid-inventory problem naming each line and field.
 */
public final class InventoryApi {
    private static final String TAG = "assess";
    private static final String PATH = "/api/v1/assess/inventories";

    /** Paths of the editor that an inventory's id would shadow. */
    static final List<String> RESERVED_IDS = List.of("new", "import");

    private final Releases releases;
    private final Database db;

    public InventoryApi(Releases releases, Database db) {
        this.releases = releases;
        this.db = db;
    }

    Database db() {
        return db;
    }

    KnowledgeBase kb() {
        return releases.get(releases.defaultVersion());
    }

    public void register(Consumer<Endpoint> api) {
        Endpoint.Body body = new Endpoint.Body(
                "application/json",
                "An AI system inventory (docs/assess.md) as JSON, or as YAML with Content-Type " + AssessApi.YAML
                        + "; at most " + Assessor.MAX_INVENTORY / 1024 + " KiB; checked against the server's release",
                Optional.of(new Endpoint.Shape.Type(InventoryDocument.class)));
        api.accept(new Endpoint(
                "GET",
                PATH,
                Access.TEAM_READ,
                TAG,
                "List the team's saved AI system inventories, newest change first",
                List.of(
                        new Endpoint.Param("limit", "1 to 500 (default 100)", false),
                        new Endpoint.Param("offset", "inventories to skip (default 0)", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(InventoryJson.InventoryList.class),
                this::list));
        api.accept(new Endpoint(
                "POST",
                PATH,
                Access.ANALYST,
                TAG,
                "Save a new inventory under its id (an id already saved is a conflict); YAML is kept as sent, JSON "
                        + "is kept as the equivalent YAML",
                List.of(),
                body,
                Endpoint.Answer.created(InventoryJson.InventoryView.class),
                this::create));
        api.accept(new Endpoint(
                "GET",
                PATH + "/{id}",
                Access.TEAM_READ,
                TAG,
                "One saved inventory with its revision and who changed it; format=yaml sends the YAML file alone",
                List.of(new Endpoint.Param("format", "json (default) or yaml", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(InventoryJson.InventoryView.class).or(AssessApi.YAML),
                this::get));
        api.accept(new Endpoint(
                "PUT",
                PATH + "/{id}",
                Access.ANALYST,
                TAG,
                "Save a new revision of an inventory (its id stays); based_on: the revision the change was made on, "
                        + "else a conflict",
                List.of(new Endpoint.Param("based_on", "the revision the change was made on", false)),
                body,
                Endpoint.Answer.json(InventoryJson.InventoryView.class),
                this::update));
        api.accept(new Endpoint(
                "DELETE",
                PATH + "/{id}",
                Access.ANALYST,
                TAG,
                "Delete an inventory with its revisions",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.noContent(),
                ctx -> {
                    db.inventories().delete(ctx.pathParam("id"), actor(ctx));
                    ctx.status(204);
                }));
    }

    private void list(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 500);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(new InventoryJson.InventoryList(
                db.inventories().count(),
                db.inventories().list(offset, limit).stream()
                        .map(InventoryJson.InventorySummary::of)
                        .toList()));
    }

    private void create(Context ctx) {
        Checked c = check(ctx.bodyAsBytes(), "inventory", yamlBody(ctx));
        StoredInventory s = save(c, Optional.empty(), Optional.empty(), actor(ctx));
        ctx.status(201).header("Location", PATH + "/" + s.systemId()).json(InventoryJson.InventoryView.of(s));
    }

    private void get(Context ctx) {
        StoredInventory s = db.inventories().get(ctx.pathParam("id"));
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
        switch (format) {
            case "json" -> ctx.json(InventoryJson.InventoryView.of(s));
            case "yaml" -> yamlFile(ctx, s);
            default -> throw Problem.badRequest("format: '" + format + "' is not json or yaml");
        }
    }

    private void update(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Integer> basedOn = Optional.ofNullable(ctx.queryParam("based_on"))
                .filter(t -> !t.isBlank())
                .map(t -> {
                    try {
                        return Integer.parseInt(t.strip());
                    } catch (NumberFormatException e) {
                        throw Problem.badRequest("based_on: '" + t + "' is not a revision number");
                    }
                });
        db.inventories().get(id); // an unknown id is a 404 before the body is looked at
        Checked c = check(ctx.bodyAsBytes(), "inventory", yamlBody(ctx));
        ctx.json(InventoryJson.InventoryView.of(save(c, Optional.of(id), basedOn, actor(ctx))));
    }

    /** An inventory that the reader accepted, and the text to keep for it. */
    record Checked(SystemInventory inventory, String yaml) {}

    /**
     * Reads and checks an inventory; YAML is kept as written (comments and all), JSON as the equivalent YAML. Throws
     * the invalid-inventory problem the threat-model endpoint gives.
     */
    Checked check(byte[] bytes, String file, boolean yaml) {
        SystemInventory s = Assessor.inventory(bytes, file, kb());
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean json = !yaml && text.stripLeading().startsWith("{");
        if (!json) {
            return new Checked(s, text);
        }
        // JSON is kept as the YAML the form writes: that YAML is what is stored, so it must read back the same
        String converted = InventoryForm.fromText(text).yaml();
        InventoryReader.Result back = InventoryReader.read(converted.getBytes(StandardCharsets.UTF_8), file, kb());
        if (back.inventory().isEmpty() || !sameMeaning(back.inventory().get(), s)) {
            throw Problem.badRequest(file + ": this JSON inventory does not keep its meaning as the YAML it is stored "
                    + "as"
                    + back.problems().stream()
                            .findFirst()
                            .map(p -> " (" + p + ")")
                            .orElse("")
                    + "; send it as YAML (Content-Type " + AssessApi.YAML + ")");
        }
        return new Checked(s, converted);
    }

    /** Whether two readings of an inventory say the same, whatever lines they were read from. */
    static boolean sameMeaning(SystemInventory a, SystemInventory b) {
        return a.id().equals(b.id())
                && a.name().equals(b.name())
                && a.description().equals(b.description())
                && a.exposure() == b.exposure()
                && a.untrustedContent().equals(b.untrustedContent())
                && a.rag() == b.rag()
                && a.fineTuned() == b.fineTuned()
                && a.trainedOnUserData() == b.trainedOnUserData()
                && a.modelSource().equals(b.modelSource())
                && a.codeExecution() == b.codeExecution()
                && a.holdsSecrets() == b.holdsSecrets()
                && a.modelApi() == b.modelApi()
                && a.onDevice() == b.onDevice()
                && a.tools().stream()
                        .map(t -> List.of(t.kind(), t.name(), t.sideEffects()))
                        .toList()
                        .equals(b.tools().stream()
                                .map(t -> List.of(t.kind(), t.name(), t.sideEffects()))
                                .toList())
                && a.components().stream()
                        .map(c -> List.of(c.type(), c.name()))
                        .toList()
                        .equals(b.components().stream()
                                .map(c -> List.of(c.type(), c.name()))
                                .toList())
                && a.mitigations().stream()
                        .map(m -> List.of(m.id(), m.note()))
                        .toList()
                        .equals(b.mitigations().stream()
                                .map(m -> List.of(m.id(), m.note()))
                                .toList())
                && a.edges().stream()
                        .map(e -> List.of(e.from(), e.to()))
                        .toList()
                        .equals(b.edges().stream()
                                .map(e -> List.of(e.from(), e.to()))
                                .toList());
    }

    /**
     * Creates ({@code replacing} empty) or saves a new revision of {@code replacing}, whose id the inventory must
     * keep.
     */
    StoredInventory save(Checked c, Optional<String> replacing, Optional<Integer> basedOn, String actor) {
        String id = c.inventory().id();
        if (replacing.isPresent()) {
            if (!replacing.get().equals(id)) {
                throw Problem.badRequest("id: the inventory says '" + id + "' but is saved as '" + replacing.get()
                        + "'; an inventory keeps its id (save it as a new inventory to use another)");
            }
            return db.inventories().update(id, c.inventory().name(), c.yaml(), basedOn, actor);
        }
        if (RESERVED_IDS.contains(id)) {
            throw Problem.badRequest("id: '" + id + "' is the name of a page of the editor; choose another id");
        }
        return db.inventories().create(id, c.inventory().name(), c.yaml(), actor);
    }

    static void yamlFile(Context ctx, StoredInventory s) {
        // the id is letters, digits, '.', '_' and '-': safe in the header as it is
        ctx.contentType(AssessApi.YAML + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + s.systemId() + ".yaml\"")
                .result(s.yaml().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean yamlBody(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.contains("yaml");
    }

    static String actor(Context ctx) {
        return Authenticator.caller(ctx)
                .user()
                .orElseThrow(() -> Problem.unauthorized("sign in first"))
                .name();
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String t = ctx.queryParam(name);
        if (t == null || t.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(t.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problem.badRequest(name + ": '" + t + "' is not a number from " + min + " to " + max);
    }
}
