package org.atlasops.intel.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The TAXII 2.1 server's logic, without HTTP: every endpoint of the specification as a method that takes what the
 * request said and answers a TAXII resource or throws a {@link TaxiiException}. API roots: {@code team} (collections
 * kept by the {@link TaxiiRepository}, read and written by whom their grants name) and the ATLAS roots of
 * {@link AtlasContent} (read-only, open to everyone).
 */
public final class TaxiiService {
    /** The API root of the team's collections. */
    public static final String TEAM_ROOT = "team";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STIX_ID = "[a-z0-9][a-z0-9-]{0,249}--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final AtlasContent atlas;
    private final TaxiiRepository team;
    private final Clock clock;
    private final long maxContentLength;
    private final int maxPage;

    /**
     * @param maxContentLength the largest request body accepted, in bytes (announced by every API root)
     * @param maxPage the most objects one page holds, whatever {@code limit} asks
     */
    public TaxiiService(AtlasContent atlas, TaxiiRepository team, Clock clock, long maxContentLength, int maxPage) {
        this.atlas = Objects.requireNonNull(atlas, "atlas");
        this.team = Objects.requireNonNull(team, "team");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxContentLength < 1024 || maxPage < 1) {
            throw new IllegalArgumentException("limits too small: " + maxContentLength + " bytes, " + maxPage);
        }
        this.maxContentLength = maxContentLength;
        this.maxPage = maxPage;
    }

    public long maxContentLength() {
        return maxContentLength;
    }

    /** {@code GET /taxii2/}: the server and its API roots, as URLs under {@code base} ({@code https://host}). */
    public Answer discovery(String base) {
        ObjectNode d = JSON.createObjectNode();
        d.put("title", "atlas-ops TAXII 2.1");
        d.put("description", "MITRE ATLAS releases (read-only) and the team's collections");
        d.put("default", base + "/taxii2/" + TEAM_ROOT + "/");
        ArrayNode roots = d.putArray("api_roots");
        roots.add(base + "/taxii2/" + TEAM_ROOT + "/");
        atlas.roots().forEach(r -> roots.add(base + "/taxii2/" + r + "/"));
        return Answer.ok(d);
    }

    /** {@code GET /taxii2/{root}/}. */
    public Answer apiRoot(String root) {
        ObjectNode r = JSON.createObjectNode();
        if (root.equals(TEAM_ROOT)) {
            r.put("title", "Team collections");
            r.put("description", "Collections the team shares, each read and written by whom it grants");
        } else {
            String release = atlas.release(root).orElseThrow(() -> unknownRoot(root));
            r.put("title", "MITRE ATLAS " + release);
            r.put(
                    "description",
                    root.equals(AtlasContent.LATEST_ROOT)
                            ? "The newest ATLAS release (" + release + ") with every version the known releases "
                                    + "had of its objects; read-only"
                            : "ATLAS release " + release + " as it was published; read-only");
        }
        r.putArray("versions").add(TaxiiMedia.TAXII);
        r.put("max_content_length", maxContentLength);
        return Answer.ok(r);
    }

    /** {@code GET /taxii2/{root}/collections/}: the collections the requester may read or write. */
    public Answer collections(String root, Requester who) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("collections");
        if (root.equals(TEAM_ROOT)) {
            requireUser(who);
            for (TeamCollection c : team.collections()) {
                Rights rights = rights(c, who);
                if (rights.read || rights.write) {
                    list.add(describe(c, rights));
                }
            }
        } else {
            atlas.release(root).orElseThrow(() -> unknownRoot(root));
            list.add(describeAtlas(root));
        }
        return Answer.ok(body);
    }

    /** {@code GET /taxii2/{root}/collections/{id}/}. */
    public Answer collection(String root, String id, Requester who) {
        if (root.equals(TEAM_ROOT)) {
            TeamCollection c = teamCollection(id, who);
            return Answer.ok(describe(c, rights(c, who)));
        }
        atlasObjects(root, id);
        return Answer.ok(describeAtlas(root));
    }

    /** {@code GET .../collections/{id}/objects/}: an envelope. */
    public Answer objects(String root, String id, Filter filter, Requester who) {
        Page page = Selection.page(readable(root, id, who), filter, List.of(VersionMatch.LAST), maxPage);
        return Answer.page(envelope(page), page);
    }

    /** {@code GET .../collections/{id}/manifest/}. */
    public Answer manifest(String root, String id, Filter filter, Requester who) {
        Page page = Selection.page(readable(root, id, who), filter, List.of(VersionMatch.LAST), maxPage);
        ObjectNode body = JSON.createObjectNode();
        paging(body, page);
        ArrayNode records = body.putArray("objects");
        for (ObjectVersion v : page.items()) {
            records.addObject()
                    .put("id", v.id())
                    .put("date_added", Timestamps.format(v.dateAdded()))
                    .put("version", Timestamps.format(v.version()))
                    .put("media_type", "application/stix+json;version=" + v.specVersion());
        }
        return Answer.page(body, page);
    }

    /** {@code GET .../objects/{object-id}/}: the object's versions the filter selects (default: the last). */
    public Answer object(String root, String id, String objectId, Filter filter, Requester who) {
        List<ObjectVersion> versions = versionsOf(readable(root, id, who), objectId, id);
        Page page = Selection.page(versions, filter, List.of(VersionMatch.LAST), maxPage);
        return Answer.page(envelope(page), page);
    }

    /** {@code GET .../objects/{object-id}/versions/}. */
    public Answer versions(String root, String id, String objectId, Filter filter, Requester who) {
        List<ObjectVersion> versions = versionsOf(readable(root, id, who), objectId, id);
        Filter all = new Filter(
                filter.addedAfter(),
                filter.limit(),
                filter.next(),
                filter.ids(),
                filter.types(),
                List.of(VersionMatch.ALL),
                filter.specVersions());
        Page page = Selection.page(versions, all, List.of(VersionMatch.ALL), maxPage);
        ObjectNode body = JSON.createObjectNode();
        paging(body, page);
        ArrayNode list = body.putArray("versions");
        page.items().forEach(v -> list.add(Timestamps.format(v.version())));
        return Answer.page(body, page);
    }

    /**
     * {@code POST .../collections/{id}/objects/}: adds the envelope's objects and answers 202 with the status resource.
     * Each object is judged on its own: one that breaks a rule is a failure in the status, naming the rule, and the
     * others are still added. The whole request is processed before the answer, so the status is complete.
     */
    public Answer add(String root, String id, byte[] body, Requester who) {
        if (body.length > maxContentLength) {
            throw TaxiiException.tooLarge("the request body has " + body.length + " bytes; this API root accepts at "
                    + "most " + maxContentLength + " (max_content_length): send fewer objects per request");
        }
        TeamCollection c = writable(root, id, who);
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw TaxiiException.badRequest("the envelope is not JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw TaxiiException.badRequest("the envelope cannot be read: " + e.getMessage());
        }
        if (envelope == null
                || !envelope.isObject()
                || !envelope.path("objects").isArray()) {
            throw TaxiiException.badRequest("the body must be a TAXII envelope: {\"objects\": [ STIX objects ]}");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ObjectNode status = JSON.createObjectNode();
        String statusId = UUID.randomUUID().toString();
        ArrayNode successes = JSON.createArrayNode();
        ArrayNode failures = JSON.createArrayNode();
        List<ObjectVersion> candidates = new ArrayList<>();
        int index = 0;
        for (JsonNode o : envelope.get("objects")) {
            try {
                candidates.add(version(o, index, now));
            } catch (TaxiiException e) {
                failures.addObject()
                        .put("id", o.path("id").asText("objects[" + index + "]"))
                        .put(
                                "version",
                                o.path("modified").asText(o.path("created").asText("")))
                        .put("message", e.getMessage());
            }
            index++;
        }
        List<Boolean> added = candidates.isEmpty() ? List.of() : team.add(c.id(), candidates);
        for (int i = 0; i < candidates.size(); i++) {
            ObjectVersion v = candidates.get(i);
            ObjectNode s = successes.addObject().put("id", v.id()).put("version", Timestamps.format(v.version()));
            if (!added.get(i)) {
                s.put("message", "the collection holds this version already; kept as it was");
            }
        }
        status.put("id", statusId);
        status.put("status", "complete");
        status.put("request_timestamp", Timestamps.format(now));
        status.put("total_count", index);
        status.put("success_count", successes.size());
        status.set("successes", successes);
        status.put("failure_count", failures.size());
        status.set("failures", failures);
        status.put("pending_count", 0);
        status.putArray("pendings");
        team.saveStatus(new StoredStatus(statusId, root, who.name(), status.toString()));
        return new Answer(202, Optional.of(status), Optional.empty(), Optional.empty());
    }

    /** {@code GET /taxii2/{root}/status/{status-id}/}: only to whoever made the request, or an admin. */
    public Answer status(String root, String statusId, Requester who) {
        if (!root.equals(TEAM_ROOT)) {
            atlas.release(root).orElseThrow(() -> unknownRoot(root));
            throw TaxiiException.notFound("no status " + statusId + " in " + root + ": ATLAS roots are read-only");
        }
        requireUser(who);
        StoredStatus s = team.status(statusId)
                .filter(st -> st.apiRoot().equals(root) && (st.owner().equals(who.name()) || who.admin()))
                .orElseThrow(() -> TaxiiException.notFound("no status " + statusId + " of yours in " + root));
        try {
            return Answer.ok(JSON.readTree(s.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status " + statusId + " is kept damaged", e);
        }
    }

    /**
     * {@code DELETE .../objects/{object-id}/}: removes the versions {@code match[version]} selects (default: all) and
     * {@code match[spec_version]} keeps; the store writes the audit entry.
     */
    public Answer delete(String root, String id, String objectId, Filter filter, Requester who) {
        TeamCollection c = writable(root, id, who);
        List<ObjectVersion> versions = versionsOf(team.versions(c.id()), objectId, id);
        Filter all = new Filter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                java.util.Set.of(),
                java.util.Set.of(),
                filter.versions(),
                filter.specVersions());
        Page chosen = Selection.page(versions, all, List.of(VersionMatch.ALL), Integer.MAX_VALUE);
        if (chosen.items().isEmpty()) {
            throw TaxiiException.notFound("no version of " + objectId + " in collection " + id + " matches the filter");
        }
        team.delete(
                c.id(),
                objectId,
                chosen.items().stream().map(ObjectVersion::version).toList(),
                who.name());
        return new Answer(200, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The team collections the requester may read or write (every one for an admin). */
    public List<TeamCollection> teamCollections(Requester who) {
        requireUser(who);
        return team.collections().stream()
                .filter(c -> {
                    Rights r = rights(c, who);
                    return r.read || r.write;
                })
                .toList();
    }

    /** Admins make team collections. */
    public TeamCollection createCollection(
            String title,
            String description,
            Optional<String> alias,
            java.util.Set<String> readers,
            java.util.Set<String> writers,
            Requester who) {
        requireUser(who);
        if (!who.admin()) {
            throw TaxiiException.forbidden("only an admin can make a collection; " + who.name() + " is not one");
        }
        TeamCollection c =
                new TeamCollection(UUID.randomUUID().toString(), title, description, alias, readers, writers);
        if (alias.isPresent()
                && team.collections().stream().anyMatch(o -> o.alias().equals(alias))) {
            throw TaxiiException.badRequest("the alias " + alias.get() + " is taken by another collection");
        }
        team.create(c, who.name());
        return c;
    }

    private ObjectVersion version(JsonNode o, int index, Instant now) {
        String where = "objects[" + index + "]";
        if (!o.isObject()) {
            throw TaxiiException.badRequest(where + " is not a JSON object");
        }
        String type = o.path("type").asText("");
        String id = o.path("id").asText("");
        if (!type.matches("[a-z0-9][a-z0-9-]{1,249}")) {
            throw TaxiiException.badRequest(where + ": 'type' must be a STIX type such as indicator");
        }
        if (!id.matches(STIX_ID) || !id.startsWith(type + "--")) {
            throw TaxiiException.badRequest(where + ": 'id' must be " + type + "--UUID");
        }
        if (!o.path("spec_version").asText("").equals("2.1")) {
            throw TaxiiException.badRequest(id + ": 'spec_version' must be \"2.1\" (only STIX 2.1 is kept)");
        }
        String stamp = o.hasNonNull("modified")
                ? o.get("modified").asText()
                : o.hasNonNull("created") ? o.get("created").asText() : null;
        Instant version = now;
        if (stamp != null) {
            version = Timestamps.parse(stamp)
                    .orElseThrow(
                            () -> TaxiiException.badRequest(id + ": '" + stamp + "' is not an RFC 3339 " + "timestamp"))
                    .truncatedTo(ChronoUnit.MICROS);
        }
        return new ObjectVersion(id, type, version, "2.1", now, o.toString());
    }

    private record Rights(boolean read, boolean write) {}

    private static Rights rights(TeamCollection c, Requester who) {
        if (who.admin()) {
            return new Rights(true, true);
        }
        boolean write = who.granted(c.writers()) && (who.roles().contains("analyst"));
        return new Rights(who.granted(c.readers()) || write, write);
    }

    private List<ObjectVersion> readable(String root, String id, Requester who) {
        if (root.equals(TEAM_ROOT)) {
            TeamCollection c = teamCollection(id, who);
            if (!rights(c, who).read) {
                throw TaxiiException.forbidden(who.name() + " may not read collection " + id);
            }
            return team.versions(c.id());
        }
        return atlasObjects(root, id);
    }

    private TeamCollection writable(String root, String id, Requester who) {
        if (!root.equals(TEAM_ROOT)) {
            atlasObjects(root, id);
            throw TaxiiException.forbidden(
                    "the ATLAS collections are read-only; write to a collection of the " + TEAM_ROOT + " API root");
        }
        TeamCollection c = teamCollection(id, who);
        if (!rights(c, who).write) {
            throw TaxiiException.forbidden(who.name() + " may not write to collection " + id + " (writing needs a "
                    + "grant of the collection and the role analyst)");
        }
        return c;
    }

    private TeamCollection teamCollection(String id, Requester who) {
        requireUser(who);
        TeamCollection c = team.collection(id)
                .or(() -> team.collections().stream()
                        .filter(o -> o.alias().equals(Optional.of(id)))
                        .findFirst())
                .orElseThrow(() -> noCollection(id));
        Rights rights = rights(c, who);
        if (!rights.read && !rights.write) {
            throw noCollection(id); // not even its existence is told to those it does not grant
        }
        return c;
    }

    private List<ObjectVersion> atlasObjects(String root, String id) {
        List<ObjectVersion> objects = atlas.objects(root).orElseThrow(() -> unknownRoot(root));
        if (!id.equals(AtlasContent.COLLECTION_ID) && !id.equals("atlas")) {
            throw noCollection(id);
        }
        return objects;
    }

    private static List<ObjectVersion> versionsOf(List<ObjectVersion> all, String objectId, String collection) {
        List<ObjectVersion> out =
                all.stream().filter(v -> v.id().equals(objectId)).toList();
        if (out.isEmpty()) {
            throw TaxiiException.notFound("collection " + collection + " holds no object " + objectId);
        }
        return out;
    }

    private static void requireUser(Requester who) {
        if (who.user().isEmpty()) {
            throw TaxiiException.unauthorized("the team collections need a user: send an API token as "
                    + "'Authorization: Bearer TOKEN', or as the password of HTTP Basic");
        }
    }

    private static TaxiiException unknownRoot(String root) {
        return TaxiiException.notFound("no API root '" + root + "' here; GET /taxii2/ lists them");
    }

    private static TaxiiException noCollection(String id) {
        return TaxiiException.notFound(
                "no collection " + id + " here that you may see; GET the API root's " + "collections/ to list them");
    }

    private static ObjectNode describe(TeamCollection c, Rights rights) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id());
        o.put("title", c.title());
        if (!c.description().isEmpty()) {
            o.put("description", c.description());
        }
        c.alias().ifPresent(a -> o.put("alias", a));
        o.put("can_read", rights.read);
        o.put("can_write", rights.write);
        o.putArray("media_types").add(TaxiiMedia.STIX);
        return o;
    }

    private ObjectNode describeAtlas(String root) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", AtlasContent.COLLECTION_ID);
        o.put("title", "MITRE ATLAS " + atlas.release(root).orElseThrow());
        o.put(
                "description",
                "Tactics, techniques, mitigations, case studies and their relationships, with stable " + "STIX IDs");
        o.put("alias", "atlas");
        o.put("can_read", true);
        o.put("can_write", false);
        o.putArray("media_types").add(TaxiiMedia.STIX);
        return o;
    }

    private static void paging(ObjectNode body, Page page) {
        body.put("more", page.more());
        page.next().ifPresent(n -> body.put("next", n));
    }

    private static ObjectNode envelope(Page page) {
        ObjectNode body = JSON.createObjectNode();
        paging(body, page);
        if (!page.items().isEmpty()) {
            ArrayNode objects = body.putArray("objects");
            for (ObjectVersion v : page.items()) {
                try {
                    objects.add(JSON.readTree(v.json()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("object " + v.id() + " is kept damaged", e);
                }
            }
        }
        return body;
    }
}
