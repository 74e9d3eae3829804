package org.atlasops.cli.serve;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.atlasops.cli.AtlasOpsCommand;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.UserException;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.atlasops.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code atlas-ops serve}: the web app, until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start the web app: the ATLAS explorer, the layer workspace and the REST API (docs/web.md).",
            "Listens on 127.0.0.1:8080 and keeps team data in an H2 database in the data directory unless told "
                    + "otherwise. On the first start it creates the user 'admin' and prints a one-time sign-in "
                    + "link. Stop it with Ctrl-C."
        },
        footer = {
            "",
            "Examples:",
            "  atlas-ops serve",
            "  atlas-ops serve --port 9000 --host 0.0.0.0",
            "  ATLAS_OPS_DB_PASSWORD=... atlas-ops serve --db jdbc:postgresql://db:5432/atlas --db-user atlas"
        })
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    AtlasOpsCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    TeamDatabase database;

    @Option(
            names = "--anonymous-read",
            description = "Let anyone read team data (layers) without signing in. Off by default.")
    boolean anonymousRead;

    @Option(
            names = "--allow-fetch",
            paramLabel = "HOST[:PORT]",
            description = "Let layer imports fetch from this host although it is internal or plain http "
                    + "(repeatable). By default only public https URLs are fetched.")
    java.util.List<String> allowFetch = new java.util.ArrayList<>();

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "The address users reach the server at, such as https://atlas.corp.example behind a "
                    + "reverse proxy. Sign-in links are built from it (default: the address the server listens on).")
    String publicUrl;

    @Option(
            names = "--token-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description = "How many days an API token lives when its maker names no lifetime (default: "
                    + "${DEFAULT-VALUE}; 1 to 3650).")
    int tokenDays;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserException("--port " + port + " is not a TCP port (0-65535)");
        }
        String release = root.release != null ? root.release : ReleaseCatalog.DEFAULT_VERSION;
        Optional<Database.Location> location = database.named();
        if (tokenDays < 1 || tokenDays > 3650) {
            throw new UserException("--token-days " + tokenDays + " is not from 1 to 3650");
        }
        ServerOptions options;
        try {
            options = new ServerOptions(
                    host,
                    port,
                    root.dataDir(),
                    location,
                    anonymousRead,
                    release,
                    allowFetch,
                    Optional.ofNullable(publicUrl).map(java.net.URI::create),
                    tokenDays);
        } catch (IllegalArgumentException | org.atlasops.kb.failure.BadInputException e) {
            throw new UserException("--public-url: " + e.getMessage());
        }
        AtlasServer server;
        try {
            server = AtlasServer.start(options);
        } catch (org.atlasops.kb.failure.Failure e) {
            throw new UserException(e.getMessage());
        }
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        var out = spec.commandLine().getOut();
        out.println("atlas-ops: serving ATLAS " + release + " at http://" + shown + ":" + server.port() + "/");
        out.println("atlas-ops: team data in " + server.database().describe());
        server.firstLoginLink().ifPresent(link -> {
            out.println("atlas-ops: first start: created the user 'admin'. Sign in once with this link (24 hours), "
                    + "then set a password:");
            out.println("  " + link);
        });
        out.println("atlas-ops: press Ctrl-C to stop");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "atlas-ops-stop"));
        stopped.await();
        return ExitCodes.OK;
    }
}
