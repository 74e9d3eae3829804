package org.atlasops.server.taxii;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.atlasops.intel.taxii.Answer;
import org.atlasops.intel.taxii.Filter;
import org.atlasops.intel.taxii.Requester;
import org.atlasops.intel.taxii.TaxiiException;
import org.atlasops.intel.taxii.TaxiiMedia;
import org.atlasops.intel.taxii.TaxiiService;
import org.atlasops.intel.taxii.TeamCollection;
import org.atlasops.intel.taxii.Timestamps;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.auth.Caller;
import org.atlasops.server.web.JsonBody;
import org.atlasops.store.Role;
import org.atlasops.store.User;

/**
 * Mounts the TAXII 2.1 service: every endpoint of the specification under {@code /taxii2/}, answering
 * {@code application/taxii+json;version=2.1} and errors in the TAXII error shape; and, in the API catalogue, the
 * management of team collections under {@code /api/v1/taxii/collections}.
 */
public final class TaxiiRoutes {
    /** Where the TAXII endpoints live; errors under it are TAXII errors, not problem+json. */
    public static final String PREFIX = "/taxii2";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "TAXII";
    private static final String COLLECTION = PREFIX + "/{root}/collections/{id}";

    private final TaxiiService service;
    private final Authenticator auth;

    public TaxiiRoutes(TaxiiService service, Authenticator auth) {
        this.service = service;
        this.auth = auth;
    }

    /** True for a request to a TAXII endpoint. */
    public static boolean isTaxii(Context ctx) {
        return ctx.path().equals(PREFIX) || ctx.path().startsWith(PREFIX + "/");
    }

    public void register(RoutesConfig routes) {
        routes.get(PREFIX, read(ctx -> answer(ctx, service.discovery(auth.siteUrl(ctx)))));
        routes.get(PREFIX + "/{root}", read(ctx -> answer(ctx, service.apiRoot(ctx.pathParam("root")))));
        routes.get(
                PREFIX + "/{root}/status/{status}",
                read(ctx ->
                        answer(ctx, service.status(ctx.pathParam("root"), ctx.pathParam("status"), requester(ctx)))));
        routes.get(
                PREFIX + "/{root}/collections",
                read(ctx -> answer(ctx, service.collections(ctx.pathParam("root"), requester(ctx)))));
        routes.get(
                COLLECTION,
                read(ctx ->
                        answer(ctx, service.collection(ctx.pathParam("root"), ctx.pathParam("id"), requester(ctx)))));
        routes.get(
                COLLECTION + "/manifest",
                read(ctx -> answer(
                        ctx,
                        service.manifest(ctx.pathParam("root"), ctx.pathParam("id"), filter(ctx), requester(ctx)))));
        routes.get(
                COLLECTION + "/objects",
                read(ctx -> answer(
                        ctx,
                        service.objects(ctx.pathParam("root"), ctx.pathParam("id"), filter(ctx), requester(ctx)))));
        routes.post(COLLECTION + "/objects", read(this::add));
        routes.get(
                COLLECTION + "/objects/{object}",
                read(ctx -> answer(
                        ctx,
                        service.object(
                                ctx.pathParam("root"),
                                ctx.pathParam("id"),
                                ctx.pathParam("object"),
                                filter(ctx),
                                requester(ctx)))));
        routes.delete(
                COLLECTION + "/objects/{object}",
                read(ctx -> answer(
                        ctx,
                        service.delete(
                                ctx.pathParam("root"),
                                ctx.pathParam("id"),
                                ctx.pathParam("object"),
                                filter(ctx),
                                requester(ctx)))));
        routes.get(
                COLLECTION + "/objects/{object}/versions",
                read(ctx -> answer(
                        ctx,
                        service.versions(
                                ctx.pathParam("root"),
                                ctx.pathParam("id"),
                                ctx.pathParam("object"),
                                filter(ctx),
                                requester(ctx)))));
    }

    /** The management of team collections, in the API catalogue (problem+json errors, JSON bodies). */
    public void registerApi(Consumer<Endpoint> api) {
        api.accept(new Endpoint(
                "GET",
                "/api/v1/taxii/collections",
                Access.TEAM_READ,
                TAG,
                "List the team's TAXII collections the caller may read or write, with their grants",
                List.of(),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(CollectionList.class),
                ctx -> {
                    Requester who = requester(ctx);
                    List<CollectionBody> list = service.teamCollections(who).stream()
                            .map(c -> CollectionBody.of(c, auth.siteUrl(ctx)))
                            .toList();
                    ctx.json(new CollectionList(list));
                }));
        api.accept(new Endpoint(
                "POST",
                "/api/v1/taxii/collections",
                Access.ADMIN,
                TAG,
                "Make a team TAXII collection; readers and writers are grants user:NAME or role:ROLE (writing also "
                        + "needs the role analyst)",
                List.of(),
                Endpoint.Body.json(CollectionRequest.class, "the new collection"),
                Endpoint.Answer.created(CollectionBody.class),
                ctx -> {
                    CollectionRequest r = JsonBody.read(ctx, CollectionRequest.class);
                    TeamCollection c = service.createCollection(
                            JsonBody.required(r.title(), "title"),
                            r.description().orElse(""),
                            r.alias(),
                            new LinkedHashSet<>(r.readers().orElse(List.of())),
                            new LinkedHashSet<>(r.writers().orElse(List.of())),
                            requester(ctx));
                    ctx.status(201).json(CollectionBody.of(c, auth.siteUrl(ctx)));
                }));
    }

    /** A request to make a collection. */
    @JsonRootName("TaxiiCollectionRequest")
    public record CollectionRequest(
            String title,
            Optional<String> description,
            Optional<String> alias,
            Optional<List<String>> readers,
            Optional<List<String>> writers) {}

    /** A team collection with its grants and its TAXII URL. */
    @JsonRootName("TaxiiCollection")
    public record CollectionBody(
            String id,
            String title,
            String description,
            Optional<String> alias,
            List<String> readers,
            List<String> writers,
            String url) {
        static CollectionBody of(TeamCollection c, String site) {
            return new CollectionBody(
                    c.id(),
                    c.title(),
                    c.description(),
                    c.alias(),
                    c.readers().stream().sorted().toList(),
                    c.writers().stream().sorted().toList(),
                    site + PREFIX + "/" + TaxiiService.TEAM_ROOT + "/collections/" + c.id() + "/");
        }
    }

    @JsonRootName("TaxiiCollectionList")
    public record CollectionList(List<CollectionBody> collections) {
        public CollectionList {
            collections = List.copyOf(collections);
        }
    }

    /** Every TAXII request must accept TAXII 2.1 (406 otherwise). */
    private static Handler read(Handler h) {
        return ctx -> {
            if (!TaxiiMedia.acceptable(ctx.header("Accept"))) {
                throw TaxiiException.notAcceptable("this server answers " + TaxiiMedia.TAXII + " only; send "
                        + "'Accept: " + TaxiiMedia.TAXII + "' (the Accept header was '" + ctx.header("Accept") + "')");
            }
            h.handle(ctx);
        };
    }

    /**
     * POST: the Content-Type must be TAXII (415); a body over max_content_length is refused by its declared length
     * before it is read, and one without a declared length is read no further than the limit (413).
     */
    private void add(Context ctx) throws IOException {
        if (!TaxiiMedia.isTaxii(ctx.header("Content-Type"))) {
            throw TaxiiException.unsupportedMediaType(
                    "send the envelope as 'Content-Type: " + TaxiiMedia.TAXII + "' (it was '"
                            + Optional.ofNullable(ctx.header("Content-Type")).orElse("none") + "')");
        }
        long max = service.maxContentLength();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            ctx.header("Connection", "close");
            throw tooLarge(declared + " bytes", max);
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        if (body.length > max) {
            ctx.header("Connection", "close");
            throw tooLarge("more than " + max + " bytes", max);
        }
        answer(ctx, service.add(ctx.pathParam("root"), ctx.pathParam("id"), body, requester(ctx)));
    }

    private static TaxiiException tooLarge(String size, long max) {
        return TaxiiException.tooLarge("the request body has " + size + "; this API root accepts at most " + max
                + " (its max_content_length): send fewer objects per request");
    }

    private static Filter filter(Context ctx) {
        return Filter.parse(ctx.queryParamMap());
    }

    /** The caller as the service sees it: the user and every role theirs includes. */
    /** The signed-in caller as the TAXII service knows callers: a name and every role its role allows. */
    public static Requester requester(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        Optional<User> user = caller.user();
        if (user.isEmpty()) {
            return Requester.ANONYMOUS;
        }
        Role role = user.get().role();
        Set<String> roles = new LinkedHashSet<>();
        Arrays.stream(Role.values()).filter(role::allows).forEach(r -> roles.add(r.label()));
        return Requester.user(user.get().name(), roles);
    }

    private static void answer(Context ctx, Answer a) throws JsonProcessingException {
        ctx.status(a.status());
        a.firstAdded().ifPresent(t -> ctx.header("X-TAXII-Date-Added-First", Timestamps.format(t)));
        a.lastAdded().ifPresent(t -> ctx.header("X-TAXII-Date-Added-Last", Timestamps.format(t)));
        if (a.body().isPresent()) {
            ctx.contentType(TaxiiMedia.TAXII)
                    .result(JSON.writeValueAsString(a.body().get()));
        } else {
            ctx.contentType(TaxiiMedia.TAXII).result("");
        }
    }

    /**
     * Writes an error in the TAXII error shape; a 401 also names the schemes accepted in {@code WWW-Authenticate}.
     */
    public static void error(Context ctx, int status, String title, String description) {
        ObjectNode e = JSON.createObjectNode();
        e.put("title", title);
        e.put("description", description);
        e.put("http_status", String.valueOf(status));
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"atlas-ops TAXII\", Bearer realm=\"atlas-ops TAXII\"");
        }
        ctx.status(status).contentType(TaxiiMedia.TAXII).result(e.toString());
    }
}
