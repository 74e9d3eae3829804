package org.atlasops.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.failure.Failure;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.server.api.ApiCatalog;
import org.atlasops.server.api.ApiPage;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.auth.Access;
import org.atlasops.server.auth.AuthApi;
import org.atlasops.server.auth.AuthPages;
import org.atlasops.server.auth.Authenticator;
import org.atlasops.server.auth.Caller;
import org.atlasops.server.auth.UserPages;
import org.atlasops.server.health.Health;
import org.atlasops.server.kb.KbApi;
import org.atlasops.server.kb.KbPages;
import org.atlasops.server.kb.Releases;
import org.atlasops.server.layers.LayerApi;
import org.atlasops.server.layers.LayerPages;
import org.atlasops.server.taxii.TaxiiRoutes;
import org.atlasops.server.tls.TlsIdentity;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Page;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.atlasops.server.web.SecurityHeaders;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app: explorer pages, layer workspace, REST API and its OpenAPI document, on one Javalin server. Security
 * headers on every answer; errors as problem+json under /api and as a page elsewhere.
 */
public final class AtlasServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasServer.class);

    private final Database db;
    private final Javalin app;
    private final LayerApi layers;
    private final Health health;
    private final Optional<String> firstLoginLink;
    private final org.atlasops.server.intel.IncidentApi incidentApi;
    private final Releases releases;

    private final Optional<ServeLock> lock;

    private AtlasServer(
            Database db,
            Javalin app,
            LayerApi layers,
            Health health,
            org.atlasops.server.intel.IncidentApi incidentApi,
            Releases releases,
            Optional<String> firstLoginLink,
            Optional<ServeLock> lock) {
        this.db = db;
        this.app = app;
        this.layers = layers;
        this.health = health;
        this.incidentApi = incidentApi;
        this.releases = releases;
        this.firstLoginLink = firstLoginLink;
        this.lock = lock;
    }

    /** Opens the database, loads the releases, starts listening; on a fresh database, creates the admin. */
    public static AtlasServer start(ServerOptions options) {
        return start(options, ConnectionLimits.DEFAULT);
    }

    /** As {@link #start(ServerOptions)}, with other limits on slow connections (tests use short ones). */
    static AtlasServer start(ServerOptions options, ConnectionLimits limits) {
        return start(options, limits, java.time.Clock.systemUTC());
    }

    /** As {@link #start(ServerOptions, ConnectionLimits)}, with the clock sign-in waits are timed by (tests). */
    static AtlasServer start(ServerOptions options, ConnectionLimits limits, java.time.Clock signInClock) {
        Database.Location location = options.databaseLocation();
        // the embedded database is this directory's: one serve at a time (a shared PostgreSQL may have several)
        Optional<ServeLock> lock =
                options.database().isEmpty() ? Optional.of(ServeLock.take(options.dataDir())) : Optional.empty();
        Database db;
        try {
            // Javalin logs an ERROR line before it throws when it cannot bind: try the address first, so a busy
            // port is our one line only, and at once (the catch around start stays for a race with another process)
            checkCanListen(options);
            db = Database.open(location);
        } catch (RuntimeException e) {
            lock.ifPresent(ServeLock::close);
            throw e;
        }
        try {
            Releases releases =
                    new Releases(new ReleaseCatalog(Optional.of(options.dataDir())), options.defaultRelease());
            Authenticator auth = new Authenticator(
                    db.users(), db.audit(), options.anonymousTeamRead(), options.publicOrigin(), signInClock);
            LayerApi layers = new LayerApi(releases, db, options.fetchAllowed());
            org.atlasops.server.intel.IncidentApi incidentApi =
                    new org.atlasops.server.intel.IncidentApi(releases, db, options.dataDir(), auth);
            try {
                Health health = new Health(() -> db.answers(1));
                Javalin app = Javalin.create(config -> {
                    limitConnections(config, options, limits);
                    configure(config, options, db, releases, auth, layers, health, incidentApi);
                });
                try {
                    app.start(options.host(), options.port());
                } catch (JavalinBindException e) {
                    throw cannotListen(options, e);
                }
                Optional<String> link = Optional.empty();
                if (db.users().count() == 0) {
                    Credential.Issued issued = db.transaction(tx -> {
                        User admin = tx.users().create("admin", Role.ADMIN);
                        tx.audit().record("atlas-ops", "user.create", "user admin", "first start");
                        return tx.users()
                                .issue(admin, Credential.Kind.LOGIN_LINK, null, Optional.of(AuthApi.LOGIN_LINK_TTL));
                    });
                    String site = options.publicOrigin()
                            .orElse(options.scheme() + "://" + shownHost(options.host()) + ":" + app.port());
                    link = Optional.of(site + "/login/" + issued.secret());
                }
                lock.ifPresent(
                        l -> l.describe(options.scheme() + "://" + shownHost(options.host()) + ":" + app.port() + "/"));
                return new AtlasServer(db, app, layers, health, incidentApi, releases, link, lock);
            } catch (RuntimeException e) {
                // the risk index's warm-up started with the pages: stopped before the database closes
                incidentApi.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            lock.ifPresent(ServeLock::close);
            throw e;
        }
    }

    private static void checkCanListen(ServerOptions options) {
        if (options.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds, so a port in TIME_WAIT is not refused here only
            probe.bind(new java.net.InetSocketAddress(options.host(), options.port()));
        } catch (java.io.IOException | IllegalArgumentException | SecurityException e) {
            throw cannotListen(options, e);
        }
    }

    private static ServerStartException cannotListen(ServerOptions options, Exception cause) {
        return new ServerStartException(
                "cannot listen on " + options.host() + ":" + options.port() + ": the "
                        + "port is in use or the address is not on this machine (pick another with --port or --host)",
                cause);
    }

    private static String shownHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * The address the last {@code serve} of this data directory served (its base URL), while it runs and after; empty
     * when none has run there.
     */
    public static Optional<String> lastAddress(java.nio.file.Path dataDir) {
        return ServeLock.holder(dataDir).flatMap(h -> {
            int at = h.indexOf("http");
            return at < 0 ? Optional.empty() : Optional.of(h.substring(at).strip());
        });
    }

    /**
     * Runs {@code work} while holding the data directory as a running serve does, so no serve starts meanwhile (a
     * restore); refused with a conflict naming the serve that holds it.
     */
    public static <T> T whileHolding(java.nio.file.Path dataDir, java.util.function.Supplier<T> work) {
        try (ServeLock lock = ServeLock.take(dataDir)) {
            return work.get();
        }
    }

    public int port() {
        return app.port();
    }

    /** On the first start, the one-time link that signs the new admin in (valid 24 hours). */
    public Optional<String> firstLoginLink() {
        return firstLoginLink;
    }

    public Database database() {
        return db;
    }

    /** The default release's AI risk index build started so far (tests wait on it instead of polling pages). */
    Optional<java.util.concurrent.CompletableFuture<?>> riskIndexStarted() {
        return incidentApi.riskIndexStarted(releases.get(releases.defaultVersion()));
    }

    /** The default release's AI risk index made current, in the background (tests wait on it). */
    java.util.concurrent.CompletableFuture<?> riskIndexCurrent() {
        return incidentApi.riskIndexCurrent(releases.get(releases.defaultVersion()));
    }

    @Override
    public void close() {
        app.stop();
        // before the database closes: a build in the background must not query it
        incidentApi.close();
        layers.close();
        health.close();
        db.close();
        lock.ifPresent(ServeLock::close);
    }

    /**
     * Slow clients are cut off: the connection's idle timeout (which also ends an answer the client stops reading),
     * and a minimum average rate for request bodies ({@link MinimumReadRate}, around every handler). The web server's
     * own error pages get the security headers ({@link SecureErrorHandler}).
     */
    private static void limitConnections(JavalinConfig config, ServerOptions options, ConnectionLimits limits) {
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = options.tls()
                    .map(tls -> https(server, http, tls))
                    .orElseGet(() -> new ServerConnector(server, new HttpConnectionFactory(http)));
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            return connector;
        });
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new SecureErrorHandler());
            // Javalin puts its handlers inside this wrapper
            server.setHandler(new MinimumReadRate(limits.minReadBytesPerSec()));
        });
    }

    /** TLS on the same connector: TLS 1.2 and 1.3 with the JDK's default suites (Jetty excludes the weak ones). */
    private static ServerConnector https(
            org.eclipse.jetty.server.Server server, HttpConfiguration http, TlsIdentity tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        ssl.setKeyManagerPassword(new String(tls.password()));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // clients may reach the server by an address the certificate does not name (an IP on a private network):
        // they check the name themselves; the server does not refuse the request for it
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        http.setSecureScheme("https");
        return new ServerConnector(
                server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
    }

    private static void configure(
            JavalinConfig config,
            ServerOptions options,
            Database db,
            Releases releases,
            Authenticator auth,
            LayerApi layers,
            Health health,
            org.atlasops.server.intel.IncidentApi incidentApi) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = ServerOptions.MAX_BODY;
        config.jsonMapper(new JavalinJackson(JsonBody.mapper(), false));
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/org/atlasops/server/assets";
            files.location = Location.CLASSPATH;
            files.headers = java.util.Map.of("Cache-Control", "public, max-age=3600");
        });

        ApiCatalog catalog = new ApiCatalog();
        Frame frame = AtlasServer::frame;
        KbPages kbPages = new KbPages(releases, frame);
        LayerPages layerPages = new LayerPages(releases, db, frame);
        java.time.Duration tokenLifetime = java.time.Duration.ofDays(options.tokenDays());
        AuthPages authPages = new AuthPages(db, auth, frame, tokenLifetime);
        AuthApi authApi = new AuthApi(db, auth, tokenLifetime);
        UserPages userPages = new UserPages(db, authApi, frame);
        org.atlasops.intel.taxii.TaxiiService taxiiService = new org.atlasops.intel.taxii.TaxiiService(
                new org.atlasops.intel.taxii.AtlasContent(releases.versions(), releases::get),
                db.taxii(),
                java.time.Clock.systemUTC(),
                ServerOptions.MAX_BODY,
                1000);
        org.atlasops.server.intel.IncidentPages incidentPages =
                new org.atlasops.server.intel.IncidentPages(releases, db, frame, incidentApi, taxiiService);
        kbPages.techniqueExtra(incidentPages::known);

        config.routes.before(ctx -> {
            SecurityHeaders.ALL.forEach(ctx::header);
            if (!ctx.path().startsWith("/assets/")) {
                // team data, and pages that show who is signed in with their CSRF token: never kept by a cache
                ctx.header("Cache-Control", SecurityHeaders.NO_STORE);
            }
            auth.identify(ctx);
        });

        java.util.function.Consumer<Endpoint> api = e -> {
            catalog.add(e);
            Handler guarded = ctx -> {
                auth.require(ctx, e.access());
                e.handler().handle(ctx);
            };
            switch (e.method()) {
                case "GET" -> config.routes.get(e.path(), guarded);
                case "POST" -> config.routes.post(e.path(), guarded);
                case "PUT" -> config.routes.put(e.path(), guarded);
                case "DELETE" -> config.routes.delete(e.path(), guarded);
                default -> throw new IllegalArgumentException("method " + e.method());
            }
        };
        new KbApi(releases).register(api);
        layers.register(api);
        authApi.register(api);
        TaxiiRoutes taxii = new TaxiiRoutes(taxiiService, auth);
        taxii.registerApi(api);
        taxii.register(config.routes);
        health.register(api);
        incidentApi.register(api);
        org.atlasops.server.emulate.EmulationRuns emulationRuns =
                new org.atlasops.server.emulate.EmulationRuns(options.dataDir());
        org.atlasops.server.assess.AssessApi assessApi =
                new org.atlasops.server.assess.AssessApi(releases, db, emulationRuns, auth);
        assessApi.register(api);
        org.atlasops.server.assess.AssessPages assessPages =
                new org.atlasops.server.assess.AssessPages(releases, assessApi, frame);
        config.routes.get("/assess", assessPages::form);
        // computed from the posted inventory, nothing changes: no CSRF token needed (multipart cannot carry it)
        config.routes.post("/assess/model", assessPages::model);
        config.routes.post("/assess/coverage", assessPages::coverage);
        config.routes.post("/assess/coverage/layer", assessPages::layer);
        config.routes.get("/assess/metrics", page(auth, Access.TEAM_READ, assessPages::metrics));
        org.atlasops.server.assess.InventoryApi inventoryApi =
                new org.atlasops.server.assess.InventoryApi(releases, db);
        inventoryApi.register(api);
        org.atlasops.server.assess.InventoryPages inventoryPages =
                new org.atlasops.server.assess.InventoryPages(inventoryApi, frame);
        // the editor's own paths before the {id} routes they would otherwise match
        config.routes.get("/assess/inventories", page(auth, Access.TEAM_READ, inventoryPages::list));
        config.routes.get("/assess/inventories/new", page(auth, Access.ANALYST, inventoryPages::newForm, true));
        config.routes.post("/assess/inventories", page(auth, Access.ANALYST, inventoryPages::create, true));
        config.routes.post("/assess/inventories/import", page(auth, Access.ANALYST, inventoryPages::importFile, true));
        config.routes.get("/assess/inventories/{id}", page(auth, Access.TEAM_READ, inventoryPages::show));
        config.routes.post("/assess/inventories/{id}", page(auth, Access.ANALYST, inventoryPages::update, true));
        config.routes.get("/assess/inventories/{id}/yaml", page(auth, Access.TEAM_READ, inventoryPages::download));
        config.routes.post("/assess/inventories/{id}/yaml", page(auth, Access.ANALYST, inventoryPages::saveYaml, true));
        config.routes.post("/assess/inventories/{id}/delete", page(auth, Access.ANALYST, inventoryPages::delete, true));
        org.atlasops.server.emulate.EmulationApi emulationApi =
                new org.atlasops.server.emulate.EmulationApi(releases, emulationRuns);
        emulationApi.register(api);
        org.atlasops.server.emulate.EmulationPages emulationPages =
                new org.atlasops.server.emulate.EmulationPages(releases, emulationApi, frame);
        config.routes.get("/emulation", page(auth, Access.TEAM_READ, emulationPages::list));
        config.routes.get("/emulation/{run}", page(auth, Access.TEAM_READ, emulationPages::show));
        config.routes.get("/emulation/{run}/layer.json", page(auth, Access.TEAM_READ, emulationPages::layer));
        config.routes.get(
                "/emulation/{run}/verify-layer.json", page(auth, Access.TEAM_READ, emulationPages::verifyLayer));
        config.routes.get("/api/openapi.json", ctx -> ctx.json(catalog.openApi(version())));
        ApiPage apiPage = new ApiPage(catalog, frame);
        config.routes.get("/api", apiPage::show);

        config.routes.get("/", kbPages::matrix);
        config.routes.get("/tactics/{id}", ctx -> kbPages.object(ctx, ObjectType.TACTIC));
        config.routes.get(
                "/techniques/{id}", ctx -> kbPages.object(ctx, ObjectType.TECHNIQUE, ObjectType.SUB_TECHNIQUE));
        config.routes.get("/mitigations", kbPages::mitigations);
        config.routes.get("/mitigations/{id}", ctx -> kbPages.object(ctx, ObjectType.MITIGATION));
        config.routes.get("/studies", kbPages::caseStudies);
        config.routes.get("/studies/{id}", ctx -> kbPages.object(ctx, ObjectType.CASE_STUDY));
        config.routes.get("/search", kbPages::search);
        config.routes.get("/diff", kbPages::diff);

        config.routes.get("/login", authPages::loginForm);
        config.routes.post("/login", authPages::login);
        config.routes.get("/login/{secret}", authPages::loginLink);
        config.routes.post("/logout", page(auth, Access.PUBLIC, authPages::logout));
        config.routes.get("/account", page(auth, Access.TEAM_READ, authPages::account, true));
        config.routes.post("/account/password", page(auth, Access.TEAM_READ, authPages::setPassword, true));
        config.routes.post("/account/tokens", page(auth, Access.TEAM_READ, authPages::createToken, true));
        config.routes.post("/account/tokens/{id}/revoke", page(auth, Access.TEAM_READ, authPages::revokeToken, true));
        config.routes.get("/admin/users", page(auth, Access.ADMIN, userPages::list, true));
        config.routes.post("/admin/users", page(auth, Access.ADMIN, userPages::create, true));
        config.routes.post("/admin/users/{name}/{action}", page(auth, Access.ADMIN, userPages::act, true));
        config.routes.get("/layers", page(auth, Access.TEAM_READ, layerPages::list));
        config.routes.get("/workspace", page(auth, Access.TEAM_READ, layerPages::workspace));
        config.routes.get("/incidents", page(auth, Access.TEAM_READ, incidentPages::list));
        config.routes.get("/incidents/new", page(auth, Access.ANALYST, incidentPages::form, true));
        config.routes.post("/incidents", page(auth, Access.ANALYST, incidentPages::create, true));
        config.routes.get("/incidents/{id}", page(auth, Access.TEAM_READ, incidentPages::show));
        config.routes.get("/incidents/{id}/anonymise", page(auth, Access.TEAM_READ, incidentPages::anonymise));
        config.routes.post("/incidents/{id}/export", page(auth, Access.ANALYST, incidentPages::export, true));
        config.routes.post("/incidents/{id}/publish", page(auth, Access.ANALYST, incidentPages::publish, true));
        config.routes.get("/risk", incidentPages::search);

        // the one place where failures become answers: problems as they are, failures of the modules by their kind
        config.routes.exception(Problem.class, (p, ctx) -> problem(ctx, p));
        config.routes.exception(org.atlasops.intel.taxii.TaxiiException.class, (e, ctx) -> {
            var error = e.error();
            if (TaxiiRoutes.isTaxii(ctx)) {
                TaxiiRoutes.error(ctx, error.httpStatus(), error.title(), error.description());
            } else {
                problem(ctx, new Problem(ProblemType.forStatus(error.httpStatus()), error.description()));
            }
        });
        config.routes.exception(Failure.class, (f, ctx) -> problem(ctx, Problem.of(f)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, fromJavalin(e, ctx)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(
                    ctx,
                    new Problem(
                            ProblemType.INTERNAL,
                            "the server failed to answer this request: "
                                    + e.getClass().getSimpleName() + "; the server log has the details"));
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                problem(ctx, nothingAt(ctx));
            }
        });
        config.routes.error(405, ctx -> problem(ctx, notAllowed(ctx)));
    }

    /** Javalin's own refusals (no route, body too large, ...) as our problems. */
    private static Problem fromJavalin(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> nothingAt(ctx);
            case 405 -> notAllowed(ctx);
            case 413 ->
                new Problem(
                        ProblemType.TOO_LARGE,
                        "the request body is larger than " + ServerOptions.MAX_BODY / (1024 * 1024) + " MiB");
            default ->
                new Problem(
                        ProblemType.forStatus(e.getStatus()),
                        e.getMessage() == null || e.getMessage().isBlank()
                                ? "the request was refused (HTTP " + e.getStatus() + ")"
                                : e.getMessage());
        };
    }

    private static Problem nothingAt(Context ctx) {
        return Problem.notFound("nothing at " + ctx.path()
                + (ctx.path().startsWith("/api") ? "; the endpoints are listed at /api/openapi.json" : ""));
    }

    private static Problem notAllowed(Context ctx) {
        return new Problem(ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not accepted at " + ctx.path());
    }

    /** A page for signed-in users: sends the browser to sign in rather than showing an error. */
    private static Handler page(Authenticator auth, Access access, Handler h) {
        return page(auth, access, h, false);
    }

    private static Handler page(Authenticator auth, Access access, Handler h, boolean needsUser) {
        return ctx -> {
            Caller caller = Authenticator.caller(ctx);
            if ((needsUser || access != Access.PUBLIC)
                    && caller.user().isEmpty()
                    && (needsUser || !"GET".equals(ctx.method().name()) || !anonymousAllowed(auth, ctx, access))) {
                ctx.redirect("/login?next="
                        + Html.url(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
                return;
            }
            auth.require(ctx, access);
            h.handle(ctx);
        };
    }

    private static boolean anonymousAllowed(Authenticator auth, Context ctx, Access access) {
        try {
            auth.require(ctx, access);
            return true;
        } catch (Problem p) {
            return false;
        }
    }

    private static void problem(Context ctx, Problem p) {
        if (TaxiiRoutes.isTaxii(ctx)) {
            TaxiiRoutes.error(ctx, p.status(), p.title(), p.detail());
            return;
        }
        ctx.status(p.status());
        if (ctx.path().startsWith("/api") || !acceptsHtml(ctx)) {
            String json;
            try {
                json = JsonBody.mapper().writeValueAsString(p.body(ctx.path()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e); // a record of strings always writes
            }
            // the detail often repeats what the user sent (a name, an ID) in any script: UTF-8, and said so
            ctx.contentType("application/problem+json; charset=utf-8")
                    .result(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            String body = "<div class=\"narrow\"><h1>" + Html.esc(p.title()) + "</h1><p class=\"error\">"
                    + Html.esc(p.detail()) + "</p><p><a href=\"/\">Back to the matrix</a></p></div>";
            ctx.html(frame(ctx, p.title(), "", body, List.of()));
        }
    }

    private static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static String frame(Context ctx, String title, String release, String body, List<String> modules) {
        Caller c = Authenticator.caller(ctx);
        Page.Viewer viewer = c.user()
                .map(u -> new Page.Viewer(
                        u.name(),
                        u.role().label(),
                        c.credential().flatMap(Credential::csrfToken).orElse("")))
                .orElse(Page.Viewer.ANONYMOUS);
        return Page.render(title, viewer, release, body, modules);
    }

    static String version() {
        String v = AtlasServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
